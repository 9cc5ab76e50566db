import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { signInThrottle } from '@/db/schema';
import { createAuth, TOO_MANY_SIGN_IN_ATTEMPTS, type TAuth } from './create-auth';
import { accountLockMs, createSignInThrottle, SIGN_IN_THROTTLE_POLICY } from './sign-in-throttle';

/**
 * The sign-in limiter against real better-auth and the real database, through both ways in:
 * `auth.api.signInEmail` (what the sign-in form's server action calls) and the HTTP endpoint
 * POST /api/auth/sign-in/email (auth.handler). The clock is the test's, so "after the wait"
 * takes no time.
 */

const ORIGIN = 'http://localhost:3000';
const PASSWORD = 'the right password 123';
let nowMs = Date.now();
const clock = () => new Date(nowMs);
const minutes = (n: number) => n * 60_000;

type TOutcome = 'signed_in' | 'wrong_password' | 'too_many';

function classify(status: number, code: string | undefined): TOutcome {
  if (status === 200) return 'signed_in';
  if (status === 429 && code === TOO_MANY_SIGN_IN_ATTEMPTS) return 'too_many';
  if (status === 401) return 'wrong_password';
  throw new Error(`unexpected answer ${status} ${code}`);
}

/** The server action's way in: auth.api.signInEmail with the request's headers. */
async function viaApi(auth: TAuth, email: string, password: string, xForwardedFor?: string): Promise<{ outcome: TOutcome; message: string }> {
  try {
    await auth.api.signInEmail({ body: { email, password }, headers: new Headers(xForwardedFor ? { 'x-forwarded-for': xForwardedFor } : {}) });
    return { outcome: 'signed_in', message: '' };
  } catch (error) {
    const apiError = error as { statusCode: number; body?: { code?: string; message?: string } };
    return { outcome: classify(apiError.statusCode, apiError.body?.code), message: apiError.body?.message ?? '' };
  }
}

/** The HTTP endpoint's way in. */
async function viaHttp(auth: TAuth, email: string, password: string, xForwardedFor?: string): Promise<{ outcome: TOutcome; message: string }> {
  const response = await auth.handler(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...(xForwardedFor ? { 'x-forwarded-for': xForwardedFor } : {}) },
      body: JSON.stringify({ email, password }),
    }),
  );
  const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
  return { outcome: classify(response.status, body.code), message: body.message ?? '' };
}

const randomAddress = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}, 203.0.113.${Math.floor(Math.random() * 250) + 1}`;

let auth: TAuth;
let proxiedAuth: TAuth;

async function newAccount(): Promise<string> {
  const email = `throttle-${randomUUID().slice(0, 8)}@example.test`;
  await auth.api.signUpEmail({ body: { name: 'Throttle test', email, password: PASSWORD } });
  return email;
}

beforeAll(async () => {
  process.env.AUTH_SECRET ??= 'integration-test-secret-integration-test-secret';
  const throttle = createSignInThrottle({ db, now: clock });
  auth = createAuth({ db, signInThrottle: throttle, trustedProxyHops: 0 });
  proxiedAuth = createAuth({ db, signInThrottle: throttle, trustedProxyHops: 1 });
});

afterAll(async () => {
  await db.delete(signInThrottle);
  await closeDb();
});

describe('the sign-in limiter', () => {
  it('states its thresholds: 5 free failures per account, then 1, 2, 4, 8, 16, 30 minutes', () => {
    const lock = (failures: number) => accountLockMs(failures, SIGN_IN_THROTTLE_POLICY.account) / 60_000;
    expect([4, 5, 6, 7, 8, 9, 10, 20].map(lock)).toEqual([0, 1, 2, 4, 8, 16, 30, 30]);
    expect(SIGN_IN_THROTTLE_POLICY.address).toEqual({ maxFailures: 30, windowMs: minutes(15), lockMs: minutes(15) });
  });

  for (const [way, signIn] of [
    ['the server action (auth.api.signInEmail)', viaApi],
    ['the HTTP endpoint', viaHttp],
  ] as const) {
    for (const changeAddress of [false, true]) {
      it(`engages after 100 wrong passwords through ${way}, ${changeAddress ? 'with a new X-Forwarded-For each time' : 'from one address'}, and lets the right password in after the wait`, async () => {
        const email = await newAccount();
        const counts: Record<TOutcome, number> = { signed_in: 0, wrong_password: 0, too_many: 0 };
        let lastMessage = '';
        for (let attempt = 0; attempt < 100; attempt++) {
          const result = await signIn(auth, email, `wrong guess ${attempt}`, changeAddress ? randomAddress() : '192.0.2.10');
          counts[result.outcome] += 1;
          if (result.outcome === 'too_many') lastMessage = result.message;
        }
        // Five guesses were checked; the 95 after them were refused unchecked.
        expect(counts).toEqual({ signed_in: 0, wrong_password: 5, too_many: 95 });
        expect(lastMessage).toBe('Too many sign-in attempts. Try again in 1 minute.');
        // Locked means locked: the right password is refused too, until the wait is over.
        expect((await signIn(auth, email, PASSWORD)).outcome).toBe('too_many');

        // Each further failure doubles the wait.
        nowMs += minutes(1) + 1000;
        expect((await signIn(auth, email, 'wrong again')).outcome).toBe('wrong_password');
        expect(await signIn(auth, email, PASSWORD)).toEqual({ outcome: 'too_many', message: 'Too many sign-in attempts. Try again in 2 minutes.' });
        nowMs += minutes(2) + 1000;
        expect((await signIn(auth, email, 'and again')).outcome).toBe('wrong_password');
        expect((await signIn(auth, email, PASSWORD)).message).toBe('Too many sign-in attempts. Try again in 4 minutes.');

        nowMs += minutes(4) + 1000;
        expect((await signIn(auth, email, PASSWORD)).outcome).toBe('signed_in');
        // A success forgets the failures: the next wrong password is free again.
        expect((await signIn(auth, email, 'one slip')).outcome).toBe('wrong_password');
        expect((await signIn(auth, email, PASSWORD)).outcome).toBe('signed_in');
      });
    }
  }

  it('limits one client address across accounts when a trusted proxy names it, whatever the client puts before it', async () => {
    const proxySaw = '203.0.113.77';
    const results: TOutcome[] = [];
    // Password spraying: one guess each at 40 different accounts, from one address behind the proxy.
    for (let attempt = 0; attempt < 40; attempt++) {
      const spoofed = `10.${attempt}.0.1, 192.0.2.${attempt}`;
      results.push((await viaHttp(proxiedAuth, `spray-${attempt}-${randomUUID().slice(0, 6)}@example.test`, 'password1', `${spoofed}, ${proxySaw}`)).outcome);
    }
    expect(results.filter((r) => r === 'wrong_password')).toHaveLength(SIGN_IN_THROTTLE_POLICY.address.maxFailures);
    expect(results.slice(SIGN_IN_THROTTLE_POLICY.address.maxFailures).every((r) => r === 'too_many')).toBe(true);
    // The address's lock holds for the right password of a real account too; another address is not affected.
    const email = await newAccount();
    expect((await viaApi(proxiedAuth, email, PASSWORD, `1.2.3.4, ${proxySaw}`)).message).toBe('Too many sign-in attempts. Try again in 15 minutes.');
    expect((await viaApi(proxiedAuth, email, PASSWORD, '198.51.100.1')).outcome).toBe('signed_in');
    // Without a trusted proxy the header is the client's own word and keys nothing.
    expect((await viaApi(auth, email, PASSWORD, proxySaw)).outcome).toBe('signed_in');
    nowMs += minutes(15) + 1000;
    expect((await viaApi(proxiedAuth, email, PASSWORD, proxySaw)).outcome).toBe('signed_in');
  });
});
