import { afterEach, describe, expect, it, vi } from 'vitest';
import { assertProductionSettings, missingForProduction, ZEnv } from './env';
import { ConfigError, parseEnv } from './parse-env';

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('core settings (ZEnv)', () => {
  it('fills in the defaults', () => {
    const parsed = parseEnv(ZEnv, {});
    expect(parsed).toMatchObject({
      DATABASE_PREPARE: 'true',
      EMBEDDED_DB_PORT: 54329,
      DATA_DIR: '.data',
      APP_URL: 'http://localhost:3000',
      STRIPE_EMULATOR_URL: 'http://127.0.0.1:12111',
      UPLOAD_MAX_BYTES: 100 * 1024 * 1024,
      RETENTION_HOURS: 72,
      CURRENCY: 'eur',
      NEARPRINT_ALLOW_DEV_DEFAULTS: 'false',
    });
    expect(parsed.DATABASE_URL).toBeUndefined();
    expect(parsed.MAP_STYLE_URL).toBeUndefined();
  });

  it('reads numbers from strings and treats an empty MAP_STYLE_URL or DATA_DIR as unset', () => {
    const parsed = parseEnv(ZEnv, { EMBEDDED_DB_PORT: '6000', UPLOAD_MAX_BYTES: '2048', MAP_STYLE_URL: '', DATA_DIR: '' });
    expect(parsed.EMBEDDED_DB_PORT).toBe(6000);
    expect(parsed.UPLOAD_MAX_BYTES).toBe(2048);
    expect(parsed.MAP_STYLE_URL).toBeUndefined();
    expect(parsed.DATA_DIR).toBe('.data');
    expect(parseEnv(ZEnv, { MAP_STYLE_URL: 'https://tiles.example/style.json' }).MAP_STYLE_URL).toBe('https://tiles.example/style.json');
    expect(parseEnv(ZEnv, { MAP_STYLE_URL: '/map/style.json' }).MAP_STYLE_URL).toBe('/map/style.json');
  });

  it('names every bad variable in one error', () => {
    const attempt = () => parseEnv(ZEnv, { EMBEDDED_DB_PORT: 'abc', CURRENCY: 'EUR', STRIPE_SECRET_KEY: 'pk_live_x', MAP_STYLE_URL: 'tiles', AUTH_SECRET: 'short' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/^Invalid Nearprint configuration:/);
    const problems = problemsOf(attempt);
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['AUTH_SECRET', 'CURRENCY', 'EMBEDDED_DB_PORT', 'MAP_STYLE_URL', 'STRIPE_SECRET_KEY']);
    expect(problems.join('\n')).toMatch(/CURRENCY: CURRENCY is a lower-case ISO 4217 code/);
  });
});

describe('production requirements', () => {
  it('asks nothing outside production', () => {
    expect(missingForProduction({})).toEqual([]);
    expect(missingForProduction({ NODE_ENV: 'development' })).toEqual([]);
    expect(missingForProduction({ NODE_ENV: 'test' })).toEqual([]);
  });

  it('lists every missing one in production, each with why', () => {
    expect(missingForProduction({ NODE_ENV: 'production' })).toEqual(['DATABASE_URL', 'STRIPE_SECRET_KEY', 'AUTH_SECRET', 'STRIPE_WEBHOOK_SECRET']);
    expect(missingForProduction({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/nearprint' })).toEqual(['STRIPE_SECRET_KEY', 'AUTH_SECRET', 'STRIPE_WEBHOOK_SECRET']);
    expect(() => assertProductionSettings({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32) })).toThrow(
      /DATABASE_URL: required when NODE_ENV=production; without it Nearprint would use the embedded development database[\s\S]*STRIPE_SECRET_KEY: required when NODE_ENV=production; without it payments would go to the local Stripe emulator/,
    );
  });

  it('lets the local launcher use the embedded database and the emulator, but never without AUTH_SECRET', () => {
    expect(missingForProduction({ NODE_ENV: 'production', NEARPRINT_ALLOW_DEV_DEFAULTS: 'true' })).toEqual(['AUTH_SECRET']);
    expect(missingForProduction({ NODE_ENV: 'production', NEARPRINT_ALLOW_DEV_DEFAULTS: 'true', AUTH_SECRET: 'x'.repeat(32) })).toEqual([]);
  });

  it('checks only the names asked about', () => {
    expect(missingForProduction({ NODE_ENV: 'production' }, ['STRIPE_SECRET_KEY'])).toEqual(['STRIPE_SECRET_KEY']);
  });
});

describe('the fallbacks refuse production (first use)', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  async function freshEnvModule(variables: Record<string, string | undefined>) {
    vi.resetModules();
    for (const [name, value] of Object.entries(variables)) vi.stubEnv(name, value);
    return import('./env');
  }

  it('never uses the embedded database or the Stripe emulator with NODE_ENV=production', async () => {
    const config = await freshEnvModule({ NODE_ENV: 'production', DATABASE_URL: undefined, STRIPE_SECRET_KEY: undefined, NEARPRINT_ALLOW_DEV_DEFAULTS: undefined });
    expect(() => config.databaseUrl()).toThrow(/DATABASE_URL: required when NODE_ENV=production/);
    expect(() => config.stripeConnection()).toThrow(/STRIPE_SECRET_KEY: required when NODE_ENV=production/);
  });

  it('uses them in development, and in production when the launcher allows it', async () => {
    const development = await freshEnvModule({ NODE_ENV: 'development', DATABASE_URL: undefined, STRIPE_SECRET_KEY: undefined, EMBEDDED_DB_PORT: '54329' });
    expect(development.databaseUrl()).toBe('postgres://postgres@127.0.0.1:54329/postgres');
    expect(development.stripeConnection()).toEqual({ kind: 'emulator', url: 'http://127.0.0.1:12111' });
    const launched = await freshEnvModule({ NODE_ENV: 'production', NEARPRINT_ALLOW_DEV_DEFAULTS: 'true', DATABASE_URL: undefined, STRIPE_SECRET_KEY: undefined, STRIPE_EMULATOR_URL: undefined });
    expect(launched.stripeConnection()).toEqual({ kind: 'emulator', url: 'http://127.0.0.1:12111' });
  });

  it('uses the real ones when set', async () => {
    const config = await freshEnvModule({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db.internal:5432/nearprint', STRIPE_SECRET_KEY: 'sk_live_abc' });
    expect(config.databaseUrl()).toBe('postgres://db.internal:5432/nearprint');
    expect(config.stripeConnection()).toEqual({ kind: 'stripe', secretKey: 'sk_live_abc' });
  });
});
