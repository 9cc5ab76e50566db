import { betterAuth, type BetterAuthPlugin } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import type { TDatabase } from '@/db/client';
import * as schema from '@/db/schema';
import { env, requireAuthSecret } from '@/lib/config/env';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

/**
 * Email + password accounts with database sessions. The role lives on the user row and is
 * never taken from sign-up input (`input: false`): admins come from configuration or the seed,
 * shop owners are promoted by the sign-up action after the account exists.
 *
 * Framework-free: the web app adds the Next.js cookie plugin, the seed uses it bare.
 */
export function createAuth(options: { db: TDatabase; plugins?: BetterAuthPlugin[]; trustedOrigins?: string[] }) {
  return betterAuth({
    appName: 'Nearprint',
    baseURL: env().APP_URL,
    secret: requireAuthSecret(),
    trustedOrigins: options.trustedOrigins,
    database: drizzleAdapter(options.db, { provider: 'pg', usePlural: true, schema }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      autoSignIn: true,
    },
    user: {
      additionalFields: {
        role: { type: 'string', input: false, defaultValue: 'customer', required: false },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    telemetry: { enabled: false },
    plugins: options.plugins ?? [],
  });
}

export type TAuth = ReturnType<typeof createAuth>;
