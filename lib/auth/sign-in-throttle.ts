import { createHash } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import type { TDatabase } from '@/db/client';
import { signInThrottle } from '@/db/schema';

/**
 * The sign-in limiter's thresholds. Per account (the email, whether or not an account has it,
 * so the limiter tells nothing about which accounts exist): the first few failures in a row are
 * free, then each further one locks the account's sign-in for twice as long as the last, up to
 * a ceiling; a success or a quiet day forgets them. Per client address (only when a trusted
 * proxy says which address that is): a fixed budget of failures per window across all
 * accounts, against password spraying.
 */
export type TSignInThrottlePolicy = {
  account: { freeFailures: number; firstLockMs: number; maxLockMs: number; forgetAfterMs: number };
  address: { maxFailures: number; windowMs: number; lockMs: number };
};

export const SIGN_IN_THROTTLE_POLICY: TSignInThrottlePolicy = {
  account: { freeFailures: 5, firstLockMs: 60_000, maxLockMs: 30 * 60_000, forgetAfterMs: 24 * 60 * 60_000 },
  address: { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
};

export type TSignInAttempt = { email: string; address: string | null };
export type TThrottleVerdict = { isAllowed: true } | { isAllowed: false; retryAfterMs: number };

/** "Too many sign-in attempts. Try again in N minutes." — whole minutes, rounded up, at least 1. */
export function tooManyAttemptsMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many sign-in attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}

/** A time as a query parameter: postgres.js takes no Date inside raw SQL. */
const timestamp = (at: Date) => sql`${at.toISOString()}::timestamptz`;

/** Keys are hashed: the table holds no email addresses or client addresses in the clear. */
function keyOf(kind: 'account' | 'address', value: string): string {
  return `${kind}:${createHash('sha256').update(value.trim().toLowerCase(), 'utf8').digest('base64url')}`;
}

function keysOf(attempt: TSignInAttempt): { account: string; address: string | null } {
  return { account: keyOf('account', attempt.email), address: attempt.address ? keyOf('address', attempt.address) : null };
}

/** How long the account is locked after `failures` failures in a row (0 while they are free). */
export function accountLockMs(failures: number, policy: TSignInThrottlePolicy['account']): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(policy.maxLockMs, policy.firstLockMs * 2 ** (failures - policy.freeFailures));
}

/**
 * One limiter for every way in (the sign-in form's server action and better-auth's HTTP
 * endpoint both reach it through the plugin in lib/auth/create-auth.ts), kept in PostgreSQL so
 * every web instance shares it. `now` is injectable so tests need not wait minutes.
 */
export function createSignInThrottle(options: { db: TDatabase; policy?: TSignInThrottlePolicy; now?: () => Date }) {
  const policy = options.policy ?? SIGN_IN_THROTTLE_POLICY;
  const now = options.now ?? (() => new Date());
  const database = options.db;

  /** Refused while the account or the address is locked; the password is then not even checked. */
  async function check(attempt: TSignInAttempt): Promise<TThrottleVerdict> {
    const keys = keysOf(attempt);
    const at = now();
    const rows = await database
      .select({ lockedUntil: signInThrottle.lockedUntil })
      .from(signInThrottle)
      .where(inArray(signInThrottle.key, keys.address ? [keys.account, keys.address] : [keys.account]));
    const until = Math.max(0, ...rows.map((row) => row.lockedUntil?.getTime() ?? 0));
    return until > at.getTime() ? { isAllowed: false, retryAfterMs: until - at.getTime() } : { isAllowed: true };
  }

  /** Counts one failure against the account and the address, locking either once it is over its budget. */
  async function recordFailure(attempt: TSignInAttempt): Promise<void> {
    const keys = keysOf(attempt);
    const at = now();
    const forgetBefore = new Date(at.getTime() - policy.account.forgetAfterMs);
    const [account] = await database
      .insert(signInThrottle)
      .values({ key: keys.account, failures: 1, windowStartedAt: at, updatedAt: at })
      .onConflictDoUpdate({
        target: signInThrottle.key,
        set: {
          failures: sql`case when ${signInThrottle.updatedAt} < ${timestamp(forgetBefore)} then 1 else ${signInThrottle.failures} + 1 end`,
          windowStartedAt: sql`case when ${signInThrottle.updatedAt} < ${timestamp(forgetBefore)} then ${timestamp(at)} else ${signInThrottle.windowStartedAt} end`,
          updatedAt: at,
        },
      })
      .returning({ failures: signInThrottle.failures });
    const lockMs = accountLockMs(account.failures, policy.account);
    if (lockMs > 0) await lock(keys.account, new Date(at.getTime() + lockMs));

    if (!keys.address) return;
    const windowStartedBefore = new Date(at.getTime() - policy.address.windowMs);
    const [address] = await database
      .insert(signInThrottle)
      .values({ key: keys.address, failures: 1, windowStartedAt: at, updatedAt: at })
      .onConflictDoUpdate({
        target: signInThrottle.key,
        set: {
          failures: sql`case when ${signInThrottle.windowStartedAt} < ${timestamp(windowStartedBefore)} then 1 else ${signInThrottle.failures} + 1 end`,
          windowStartedAt: sql`case when ${signInThrottle.windowStartedAt} < ${timestamp(windowStartedBefore)} then ${timestamp(at)} else ${signInThrottle.windowStartedAt} end`,
          updatedAt: at,
        },
      })
      .returning({ failures: signInThrottle.failures });
    if (address.failures >= policy.address.maxFailures) await lock(keys.address, new Date(at.getTime() + policy.address.lockMs));
  }

  async function lock(key: string, until: Date): Promise<void> {
    await database
      .update(signInThrottle)
      .set({ lockedUntil: sql`greatest(coalesce(${signInThrottle.lockedUntil}, ${timestamp(until)}), ${timestamp(until)})` })
      .where(sql`${signInThrottle.key} = ${key}`);
  }

  /** A correct password forgets the account's failures; the address keeps its count (one good account must not reset a spray). */
  async function recordSuccess(attempt: TSignInAttempt): Promise<void> {
    await database.delete(signInThrottle).where(sql`${signInThrottle.key} = ${keysOf(attempt).account}`);
  }

  return { check, recordFailure, recordSuccess, policy };
}

export type TSignInThrottle = ReturnType<typeof createSignInThrottle>;

/**
 * The client's address for the per-address limit. X-Forwarded-For is the client's own word
 * unless trusted proxies append to it: with `trustedProxyHops` = n, the n-th entry from the end
 * is the address the outermost trusted proxy saw. Without a trusted proxy the address is
 * unknown (Next.js shows the app no peer address it has not merged into that same header), and
 * only the per-account limit applies.
 */
export function clientAddress(headers: Headers | undefined, trustedProxyHops: number): string | null {
  if (trustedProxyHops < 1 || !headers) return null;
  const entries = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  return entries[Math.max(0, entries.length - trustedProxyHops)];
}
