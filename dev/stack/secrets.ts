import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export type TLocalSecrets = { authSecret: string; stripeWebhookSecret: string; documentLinkSecret: string };

/**
 * Secrets for a local run, made once and kept under the data directory so sessions and
 * signed links survive restarts. Production sets these through the environment instead.
 */
export async function loadLocalSecrets(dataDir: string): Promise<TLocalSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as TLocalSecrets;
  } catch {
    const secrets: TLocalSecrets = {
      authSecret: randomBytes(32).toString('base64url'),
      stripeWebhookSecret: `whsec_${randomBytes(24).toString('hex')}`,
      documentLinkSecret: randomBytes(32).toString('base64url'),
    };
    await fs.mkdir(dataDir, { recursive: true });
    await fs.writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    return secrets;
  }
}
