import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The environment the e2e stack (dev/run.ts --e2e) gives its web instances and worker, saved so a
 * spec can start more instances of the same app exactly as the stack starts its own
 * (e2e/scale-out.spec.ts). Under .data/e2e, which the stack wipes at each start; readable by
 * this user only, as it holds the stack's throw-away secrets.
 */
export const E2E_CHILD_ENV_FILE = path.join('.data', 'e2e', 'child-env.json');

export async function saveE2eChildEnv(env: NodeJS.ProcessEnv): Promise<void> {
  await fs.writeFile(E2E_CHILD_ENV_FILE, JSON.stringify(env), { mode: 0o600 });
}

export async function loadE2eChildEnv(): Promise<NodeJS.ProcessEnv> {
  return JSON.parse(await fs.readFile(E2E_CHILD_ENV_FILE, 'utf8')) as NodeJS.ProcessEnv;
}
