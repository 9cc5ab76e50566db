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
  ])('%s → %s', (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });
});
