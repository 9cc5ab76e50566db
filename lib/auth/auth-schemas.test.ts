import { describe, expect, it } from 'vitest';
import { safeReturnPath, ZSignInRequest, ZSignUpRequest } from './auth-schemas';

describe('ZSignUpRequest', () => {
  it('accepts a normal sign-up and normalises the email', () => {
    const parsed = ZSignUpRequest.parse({ name: ' Aoife ', email: ' Aoife@Example.IE ', password: 'correct horse' });
    expect(parsed).toMatchObject({ name: 'Aoife', email: 'aoife@example.ie', accountType: 'customer' });
  });

  it('gives a message per field for an invalid email and a short password', () => {
    const result = ZSignUpRequest.safeParse({ name: 'A', email: 'not-an-email', password: 'short' });
    expect(result.success).toBe(false);
    const fields = Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]));
    expect(fields.email).toMatch(/valid email/);
    expect(fields.password).toMatch(/at least 8/);
  });

  it('refuses an admin account type', () => {
    expect(ZSignUpRequest.safeParse({ name: 'A', email: 'a@b.co', password: 'long enough', accountType: 'admin' }).success).toBe(false);
  });
});

describe('ZSignInRequest', () => {
  it('requires a password', () => {
    expect(ZSignInRequest.safeParse({ email: 'a@b.co', password: '' }).success).toBe(false);
  });
});

describe('safeReturnPath', () => {
  it.each([
    ['/shop/printers', '/shop/printers'],
    ['https://evil.example', undefined],
    ['//evil.example', undefined],
    ['/\\evil.example', undefined],
    [undefined, undefined],
    ['/orders?tab=open#top', '/orders?tab=open#top'],
    ['/order/new?shopId=8d3e2f1a-6b1c-4f7e-9a2b-3c4d5e6f7a8b&documents=a%2Cb', '/order/new?shopId=8d3e2f1a-6b1c-4f7e-9a2b-3c4d5e6f7a8b&documents=a%2Cb'],
    ['/\t/evil.example', undefined],
    ['/%09/evil.example', undefined],
    ['/%0a/evil.example', undefined],
    ['/%0D%0A/evil.example', undefined],
    ['/\n/evil.example', undefined],
    ['/ /evil.example', undefined],
    ['/orders?q=Temple%20Bar', '/orders?q=Temple%20Bar'],
    ['/%2F/evil.example', undefined],
    ['/%5Cevil.example', undefined],
    ['/%E0%A4%A', undefined],
    ['/\u0000', undefined],
    ['/\u2028/evil.example', undefined],
  ])('%s → %s', (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });
});
