import { z } from 'zod';

/**
 * Every setting Nearprint reads, with its default. The README's configuration table is
 * written from this list; keep them together.
 */
const ZEnv = z.object({
  DATABASE_URL: z.string().url().optional(),
  /**
   * Named prepared statements. The embedded PGlite serves every connection from one session,
   * where two connections' statement names would collide, so its launcher sets this to false.
   */
  DATABASE_PREPARE: z.enum(['true', 'false']).default('true'),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  DATA_DIR: z.string().default('.data'),
  APP_URL: z.string().url().default('http://localhost:3000'),
  AUTH_SECRET: z.string().min(32).optional(),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  /** Real Stripe when set; otherwise the SDK talks to the local emulator at STRIPE_EMULATOR_URL. */
  STRIPE_SECRET_KEY: z.string().startsWith('sk_').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_').optional(),
  STRIPE_EMULATOR_URL: z.string().url().default('http://127.0.0.1:12111'),
  CURRENCY: z
    .string()
    .regex(/^[a-z]{3}$/, 'CURRENCY is a lower-case ISO 4217 code such as eur')
    .default('eur'),
});

export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

/** Parsed once; a bad value stops the process at start-up with the variable's name. */
export function env(): TEnv {
  if (cached) return cached;
  const parsed = ZEnv.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid Nearprint configuration:\n${lines.join('\n')}`);
  }
  cached = parsed.data;
  return cached;
}

/** The embedded PGlite server speaks the Postgres protocol on loopback; any user works. */
export function embeddedDatabaseUrl(port = env().EMBEDDED_DB_PORT): string {
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

export function databaseUrl(): string {
  return env().DATABASE_URL ?? embeddedDatabaseUrl();
}

export function requireAuthSecret(): string {
  const secret = env().AUTH_SECRET;
  if (!secret) {
    throw new Error(
      'AUTH_SECRET is not set. `npm run demo` creates one under .data/; in production set it to 32+ random characters (openssl rand -base64 32).',
    );
  }
  return secret;
}

/**
 * The map's MapLibre style URL. Unset (or unreachable) → a plain background with markers,
 * so maps still work with no tile server and no network.
 */
export function mapStyleUrl(): string | null {
  return process.env.MAP_STYLE_URL || null;
}
