import { describe, expect, it } from 'vitest';
import { childProcessEnv } from './child-env';

describe('childProcessEnv', () => {
  it('passes only the allow-list: no secrets reach a process that reads customer files', () => {
    const env = childProcessEnv({
      PATH: '/usr/bin',
      LANG: 'C.UTF-8',
      DATABASE_URL: 'postgres://u:p@db/x',
      STRIPE_SECRET_KEY: 'sk_live_x',
      STRIPE_WEBHOOK_SECRET: 'whsec_x',
      AUTH_SECRET: 'a'.repeat(32),
      DOCUMENT_LINK_SECRET: 'b'.repeat(32),
      S3_SECRET_ACCESS_KEY: 'c',
      NODE_OPTIONS: '--require /tmp/evil.js',
    });
    expect(env).toEqual({ PATH: '/usr/bin', LANG: 'C.UTF-8' });
  });
});
