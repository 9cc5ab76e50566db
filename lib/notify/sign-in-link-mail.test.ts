import { describe, expect, it } from 'vitest';
import { ZMailPayload } from '@/lib/mail/mail-kinds';
import { signInLinkMail } from './sign-in-link-mail';

const URL_ = 'http://localhost:3000/api/auth/magic-link/verify?token=abc&callbackURL=%2Forders%2F1';

describe('the sign-in link mail', () => {
  it('names the order, carries the link in both parts and says it works once, for how long', () => {
    const mail = signInLinkMail({ url: URL_, expiresInMinutes: 24 * 60, order: { number: 'NP-7K3F9Q' } });
    expect(mail.subject).toBe('Your sign-in link for order NP-7K3F9Q');
    expect(mail.text).toContain(URL_);
    expect(mail.html).toContain(URL_.replace(/&/g, '&amp;'));
    expect(mail.text).toContain('The link works once, for 24 hours.');
  });

  it('reads without an order', () => {
    const mail = signInLinkMail({ url: URL_, expiresInMinutes: 60, order: null });
    expect(mail.subject).toBe('Your Nearprint sign-in link');
    expect(mail.text).toContain('for an hour');
  });

  it('takes only http(s) links in its payload', () => {
    expect(ZMailPayload.safeParse({ kind: 'auth.sign_in_link', url: URL_, expiresInMinutes: 1440 }).success).toBe(true);
    expect(ZMailPayload.safeParse({ kind: 'auth.sign_in_link', url: 'javascript:alert(1)', expiresInMinutes: 1440 }).success).toBe(false);
  });
});
