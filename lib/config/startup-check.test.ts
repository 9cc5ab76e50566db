import { describe, expect, it } from 'vitest';
import { ConfigError } from './parse-env';
import { DEMO_PASSWORD, seedAdminPassword } from './env';
import { assertStartupConfig, startupConfigProblems } from './startup-check';

const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://nearprint@db.internal:5432/nearprint',
  STRIPE_SECRET_KEY: 'sk_live_123',
  STRIPE_WEBHOOK_SECRET: 'whsec_123',
  AUTH_SECRET: 'a'.repeat(32),
};

describe('assertStartupConfig', () => {
  it('passes a development machine with nothing set', () => {
    expect(startupConfigProblems({})).toEqual([]);
    expect(() => assertStartupConfig({ NODE_ENV: 'development' })).not.toThrow();
  });

  it('passes a complete production configuration', () => {
    expect(startupConfigProblems(PRODUCTION)).toEqual([]);
  });

  it('refuses production without DATABASE_URL, STRIPE_SECRET_KEY, AUTH_SECRET and STRIPE_WEBHOOK_SECRET, listing each and why, in one error', () => {
    let error: unknown;
    try {
      assertStartupConfig({ NODE_ENV: 'production' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect((error as ConfigError).problems).toHaveLength(4);
    expect(message).toMatch(/DATABASE_URL: required when NODE_ENV=production; without it Nearprint would use the embedded development database/);
    expect(message).toMatch(/STRIPE_SECRET_KEY: required when NODE_ENV=production; without it payments would go to the local Stripe emulator/);
    expect(message).toMatch(/AUTH_SECRET: required when NODE_ENV=production; sessions, pickup codes and document links are signed with it/);
    expect(message).toMatch(/STRIPE_WEBHOOK_SECRET: required when NODE_ENV=production; without it no Stripe webhook can be verified/);
  });

  it('lists only what is missing', () => {
    expect(startupConfigProblems({ ...PRODUCTION, STRIPE_SECRET_KEY: undefined })).toEqual([expect.stringMatching(/^STRIPE_SECRET_KEY: required when NODE_ENV=production/)]);
    expect(startupConfigProblems({ ...PRODUCTION, DATABASE_URL: '' })).toEqual([expect.stringMatching(/^DATABASE_URL: required/)]);
  });

  it('lets the local launcher run production mode on the embedded database and the emulator', () => {
    expect(startupConfigProblems({ NODE_ENV: 'production', NEARPRINT_ALLOW_DEV_DEFAULTS: 'true', AUTH_SECRET: 'a'.repeat(32) })).toEqual([]);
    expect(startupConfigProblems({ NODE_ENV: 'production', NEARPRINT_ALLOW_DEV_DEFAULTS: 'true' })).toEqual([expect.stringMatching(/^AUTH_SECRET: required/)]);
  });

  it('reports bad values of every settings group together, each by name', () => {
    const problems = startupConfigProblems({
      ...PRODUCTION,
      AUTH_SECRET: undefined,
      CURRENCY: 'Euro',
      PRINT_POLL_MS: '1',
      PRINTER_POLL_TIMEOUT_MS: 'x',
      FAILOVER_AFTER_MINUTES: '-5',
      DOCUMENT_STORE: 's3',
      NEARPRINT_ALLOW_DEV_DEFAULTS: 'yes',
    });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'NEARPRINT_ALLOW_DEV_DEFAULTS',
      'CURRENCY',
      'PRINT_POLL_MS',
      'PRINTER_POLL_TIMEOUT_MS',
      'FAILOVER_AFTER_MINUTES',
      'S3_ENDPOINT',
      'S3_BUCKET',
      'S3_ACCESS_KEY_ID',
      'S3_SECRET_ACCESS_KEY',
      'AUTH_SECRET',
    ]);
  });
});

describe('the demo admin password in production', () => {
  it('refuses to start with ADMIN_PASSWORD set to a published demo password, except for the local launcher', () => {
    expect(startupConfigProblems({ ...PRODUCTION, ADMIN_PASSWORD: DEMO_PASSWORD.admin })).toEqual([expect.stringMatching(/^ADMIN_PASSWORD: is one of the demo passwords/)]);
    expect(startupConfigProblems({ ...PRODUCTION, ADMIN_PASSWORD: DEMO_PASSWORD.customer })).toHaveLength(1);
    expect(startupConfigProblems({ ...PRODUCTION, ADMIN_PASSWORD: 'a password of our own' })).toEqual([]);
    expect(startupConfigProblems({ ...PRODUCTION, ADMIN_PASSWORD: DEMO_PASSWORD.admin, NEARPRINT_ALLOW_DEV_DEFAULTS: 'true' })).toEqual([]);
    expect(startupConfigProblems({ ADMIN_PASSWORD: DEMO_PASSWORD.admin })).toEqual([]);
  });

  it('the seed needs a password of its own for the first admin in production', () => {
    expect(() => seedAdminPassword(undefined, { NODE_ENV: 'production' })).toThrow(/ADMIN_PASSWORD: required when NODE_ENV=production/);
    expect(() => seedAdminPassword(DEMO_PASSWORD.admin, { NODE_ENV: 'production' })).toThrow(/demo passwords/);
    expect(seedAdminPassword('a password of our own', { NODE_ENV: 'production' })).toBe('a password of our own');
    expect(seedAdminPassword(undefined, {})).toBe(DEMO_PASSWORD.admin);
    expect(seedAdminPassword(undefined, { NODE_ENV: 'production', NEARPRINT_ALLOW_DEV_DEFAULTS: 'true' })).toBe(DEMO_PASSWORD.admin);
  });
});
