import { describe, expect, it } from 'vitest';
import { DEFAULT_MAIL_FROM, mailCatcherDir, mailDomain, mailSettings, mailStartupNotices } from './mail-settings';
import { envProblems } from './parse-env';
import { ZMailEnv } from './mail-settings';
import { startupConfigProblems, startupNotices } from './startup-check';

describe('mail settings', () => {
  it('has mail off by default, with a From and a backoff', () => {
    expect(mailSettings({})).toEqual({ smtpUrl: null, from: DEFAULT_MAIL_FROM, backoff: { baseMs: 30_000, maxMs: 3_600_000 }, maxAttempts: 12, leaseMs: 60_000 });
  });

  it('takes smtp:// and smtps:// URLs and refuses anything else', () => {
    expect(mailSettings({ SMTP_URL: 'smtps://user:secret@mail.example.com:465' }).smtpUrl).toBe('smtps://user:secret@mail.example.com:465');
    expect(envProblems(ZMailEnv, { SMTP_URL: 'http://mail.example.com' })).toEqual(['SMTP_URL: SMTP_URL must be an smtp:// or smtps:// URL']);
    expect(envProblems(ZMailEnv, { SMTP_URL: 'not a url' })).toHaveLength(1);
    expect(mailSettings({ SMTP_URL: '' }).smtpUrl).toBeNull();
  });

  it('takes an address or "Name <address>" as MAIL_FROM, and refuses header injection', () => {
    expect(mailSettings({ MAIL_FROM: 'receipts@shop.example' }).from).toBe('receipts@shop.example');
    expect(mailSettings({ MAIL_FROM: 'Nearprint Receipts <receipts@np.example>' }).from).toBe('Nearprint Receipts <receipts@np.example>');
    expect(envProblems(ZMailEnv, { MAIL_FROM: 'Nearprint' })).toHaveLength(1);
    expect(envProblems(ZMailEnv, { MAIL_FROM: 'a@b.example\r\nBcc: victim@example.com' })).toHaveLength(1);
  });

  it('names Message-IDs after the From address’s domain', () => {
    expect(mailDomain('Nearprint <no-reply@mail.nearprint.example>')).toBe('mail.nearprint.example');
    expect(mailDomain('receipts@np.example')).toBe('np.example');
  });

  it('shows the caught-mail page only on a dev stack, never in production', () => {
    expect(mailCatcherDir({ MAIL_CATCHER_DIR: '/tmp/mail' })).toBe('/tmp/mail');
    expect(mailCatcherDir({ MAIL_CATCHER_DIR: '/tmp/mail', NODE_ENV: 'production', NEARPRINT_ALLOW_DEV_DEFAULTS: 'true' })).toBe('/tmp/mail');
    expect(mailCatcherDir({ MAIL_CATCHER_DIR: '/tmp/mail', NODE_ENV: 'production' })).toBeNull();
    expect(mailCatcherDir({})).toBeNull();
  });
});

describe('mail at start-up', () => {
  const PRODUCTION = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db.internal/np', STRIPE_SECRET_KEY: 'sk_live_1', STRIPE_WEBHOOK_SECRET: 'whsec_1', AUTH_SECRET: 'a'.repeat(32) };

  it('says mail is off in production without SMTP_URL, without refusing to start', () => {
    expect(startupConfigProblems(PRODUCTION)).toEqual([]);
    expect(startupNotices(PRODUCTION)).toEqual([expect.stringMatching(/^Mail is off: SMTP_URL is not set/)]);
    expect(mailStartupNotices({ ...PRODUCTION, SMTP_URL: 'smtp://mail.internal:587' })).toEqual([]);
    expect(mailStartupNotices({})).toEqual([]);
  });

  it('refuses a malformed SMTP_URL at start', () => {
    expect(startupConfigProblems({ ...PRODUCTION, SMTP_URL: 'ftp://x' })).toEqual([expect.stringMatching(/^SMTP_URL:/)]);
  });
});
