import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { documents, mailOutbox, orders, sessions, users } from '@/db/schema';
import { createPricedShop, createReadyDocument } from '@/dev/test-support/billing-fixtures';
import { createTestUser } from '@/dev/test-support/fixtures';
import { createAuth, type TAuth } from '@/lib/auth/create-auth';
import { assertGuestSessionAllowed, recordGuestSessionAddress } from '@/lib/auth/guest-session-allowance';
import { env } from '@/lib/config/env';
import { getViewableDocument } from '@/lib/documents/document-access';
import { isAppError } from '@/lib/errors/app-error';
import { MONO_A4, switchToTemporaryDocumentStore } from '@/lib/print-jobs/testing/print-fixtures';
import { quoteForShop } from '@/lib/quote/quote-for-shop';
import { purgeAbandonedGuests } from '@/lib/retention/purge-abandoned-guests';
import { checkoutAsGuest, REFUSED_GUEST_EMAIL } from './guest-checkout';

/**
 * Guest checkout against the real database and better-auth (its anonymous and magic-link
 * plugins, over its HTTP handler as a browser uses it): the account an email makes or finds,
 * uploads moving with it, the one-time link, and the hostile cases (someone else's address, a
 * shop owner's, a replayed link, another guest's upload).
 */

let auth: TAuth;
let origin: string;
let shopId: string;
let total: number;

beforeAll(async () => {
  process.env.AUTH_SECRET ??= 'integration-test-secret-integration-test-secret';
  await switchToTemporaryDocumentStore();
  auth = createAuth({ db, trustedProxyHops: 0 });
  origin = env().APP_URL;
  ({
    shop: { id: shopId },
  } = await createPricedShop({ a4MonoMinor: 20 }));
  total = (await quoteForShop({ shopId, job: MONO_A4, documents: [[false, false]] })).quote.totalMinor;
});

afterAll(async () => {
  await closeDb();
});

const sessionCookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.includes('session_token='));

/** A visitor's guest session, as GET /api/guest-session starts it: the cookie and the anonymous user. */
async function startGuest(): Promise<{ cookie: string; userId: string }> {
  const response = await auth.handler(new Request(`${origin}/api/auth/sign-in/anonymous`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: '{}' }));
  expect(response.status).toBe(200);
  const body = (await response.json()) as { user: { id: string } };
  return { cookie: sessionCookieOf(response)!, userId: body.user.id };
}

async function sessionUser(cookie: string): Promise<{ id: string; email: string; isAnonymous: boolean } | null> {
  const session = await auth.api.getSession({ headers: new Headers({ cookie }), query: { disableCookieCache: true } });
  return session ? (session.user as typeof session.user & { isAnonymous: boolean }) : null;
}

const userRow = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0];
const freshEmail = (tag: string) => `guest-${tag}-${crypto.randomUUID().slice(0, 8)}@example.test`;
const sessionCount = async (userId: string) => (await db.select().from(sessions).where(eq(sessions.userId, userId))).length;

/** Asks for the order's sign-in link as checkout does, and returns the URL the outbox would mail (null: nothing enqueued). */
async function mailedLink(email: string, orderId?: string): Promise<string | null> {
  const before = await db.select({ id: mailOutbox.id }).from(mailOutbox).where(eq(mailOutbox.toAddress, email));
  await auth.api.signInMagicLink({ body: { email, callbackURL: orderId ? `/orders/${orderId}` : '/orders', metadata: orderId ? { orderId } : {} }, headers: new Headers({ origin }) });
  const after = await db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.toAddress, email), eq(mailOutbox.kind, 'auth.sign_in_link')));
  const added = after.filter((row) => !before.some((b) => b.id === row.id));
  if (added.length === 0) return null;
  const payload = added[0].payload as { url: string; orderId?: string };
  if (orderId) expect(payload.orderId).toBe(orderId);
  return payload.url;
}

/** Opens the mailed link in a browser with no session: where it redirects and the session it gives. */
async function openLink(url: string, cookie?: string): Promise<{ location: string; cookie: string | undefined }> {
  const response = await auth.handler(new Request(url, { headers: cookie ? { cookie } : {}, redirect: 'manual' }));
  expect(response.status).toBe(302);
  return { location: response.headers.get('location')!, cookie: sessionCookieOf(response) };
}

async function guestWithUpload() {
  const guest = await startGuest();
  const document = await createReadyDocument(guest.userId, [false, false]);
  return { ...guest, document };
}

describe('guest checkout', () => {
  it('makes an unverified account of a new email, keeps the guest signed in to it, and mails a one-time link that opens the order anywhere', async () => {
    const guest = await guestWithUpload();
    expect(await userRow(guest.userId)).toMatchObject({ isAnonymous: true, role: 'customer' });
    const email = freshEmail('new');

    const result = await checkoutAsGuest({ guestUserId: guest.userId, email: email.toUpperCase(), shopId, job: MONO_A4, documentIds: [guest.document.id], expectedTotalMinor: total });
    if (result.kind !== 'created') throw new Error('expected an order');
    expect(result.access).toBe('signed_in');
    expect(result.order.customerId).toBe(guest.userId);
    expect(await userRow(guest.userId)).toMatchObject({ email, isAnonymous: false, emailVerified: false, role: 'customer' });
    expect(await sessionUser(guest.cookie)).toMatchObject({ id: guest.userId, email });

    // The link, from another browser: signs in, opens the order, proves the email, and ends the
    // session made without proof (the checkout browser's).
    const url = await mailedLink(email, result.order.id);
    expect(url).toMatch(new RegExp(`^${origin}/api/auth/magic-link/verify\\?token=`));
    const opened = await openLink(url!);
    expect(new URL(opened.location, origin).pathname).toBe(`/orders/${result.order.id}`);
    expect(await sessionUser(opened.cookie!)).toMatchObject({ id: guest.userId });
    expect(await userRow(guest.userId)).toMatchObject({ emailVerified: true });
    expect(await sessionUser(guest.cookie)).toBeNull();

    // Replayed: refused, no session.
    const replayed = await openLink(url!);
    expect(new URL(replayed.location, origin).searchParams.get('error')).toBe('INVALID_TOKEN');
    expect(replayed.cookie).toBeUndefined();
  });

  it('refuses an expired link', async () => {
    const guest = await guestWithUpload();
    const email = freshEmail('expired');
    const result = await checkoutAsGuest({ guestUserId: guest.userId, email, shopId, job: MONO_A4, documentIds: [guest.document.id], expectedTotalMinor: total });
    if (result.kind !== 'created') throw new Error('expected an order');
    const url = await mailedLink(email, result.order.id);
    const { verifications } = await import('@/db/schema');
    const { like } = await import('drizzle-orm');
    await db
      .update(verifications)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(like(verifications.identifier, 'magic-link:%'));
    const opened = await openLink(url!);
    expect(new URL(opened.location, origin).searchParams.get('error')).toBe('INVALID_TOKEN');
    expect(opened.cookie).toBeUndefined();
    expect(await userRow(guest.userId)).toMatchObject({ emailVerified: false });
  });

  it('ties the order to an existing password account without signing the guest in, and mails that account no link', async () => {
    const email = freshEmail('existing');
    const signedUp = await auth.api.signUpEmail({ body: { name: 'Existing Customer', email, password: 'correct horse battery' } });
    const ownerSessions = await sessionCount(signedUp.user.id);
    const guest = await guestWithUpload();

    const result = await checkoutAsGuest({ guestUserId: guest.userId, email, shopId, job: MONO_A4, documentIds: [guest.document.id], expectedTotalMinor: total });
    if (result.kind !== 'created') throw new Error('expected an order');
    expect(result.access).toBe('sign_in_required');
    expect(result.order.customerId).toBe(signedUp.user.id);
    // The upload moved to the account; the guest stays a guest, with access to neither.
    expect((await db.select().from(documents).where(eq(documents.id, guest.document.id)))[0].ownerId).toBe(signedUp.user.id);
    expect(await sessionUser(guest.cookie)).toMatchObject({ id: guest.userId, isAnonymous: true });
    await expect(getViewableDocument({ id: guest.userId, email: '', name: '', role: 'customer' }, guest.document.id)).rejects.toMatchObject({ code: 'not_found' });
    // The account keeps its password and sessions: a link would strip them (better-auth proves an unverified email that way), so none is sent.
    expect(await mailedLink(email, result.order.id)).toBeNull();
    expect(await sessionCount(signedUp.user.id)).toBe(ownerSessions);
  });

  it('ends the sessions of an unproven guest account when another guest orders with its email, so neither sees the other’s order', async () => {
    const email = freshEmail('twice');
    const first = await guestWithUpload();
    const firstOrder = await checkoutAsGuest({ guestUserId: first.userId, email, shopId, job: MONO_A4, documentIds: [first.document.id], expectedTotalMinor: total });
    expect(firstOrder).toMatchObject({ kind: 'created', access: 'signed_in' });
    expect(await sessionUser(first.cookie)).toMatchObject({ id: first.userId });

    const second = await guestWithUpload();
    const secondOrder = await checkoutAsGuest({ guestUserId: second.userId, email, shopId, job: MONO_A4, documentIds: [second.document.id], expectedTotalMinor: total });
    if (secondOrder.kind !== 'created') throw new Error('expected an order');
    expect(secondOrder).toMatchObject({ access: 'sign_in_required', customerId: first.userId });
    // Whoever typed the address first (without proving it) no longer holds a session to the account.
    expect(await sessionUser(first.cookie)).toBeNull();
    expect(await sessionUser(second.cookie)).toMatchObject({ id: second.userId, isAnonymous: true });
    // The mailbox's owner gets the link, and it shows both orders.
    const url = await mailedLink(email, secondOrder.order.id);
    const opened = await openLink(url!);
    expect(await sessionUser(opened.cookie!)).toMatchObject({ id: first.userId });
    expect((await db.select().from(orders).where(eq(orders.customerId, first.userId))).length).toBe(2);
  });

  it('refuses the email of a shop owner or an admin and changes nothing', async () => {
    for (const role of ['shop_owner', 'admin'] as const) {
      const staff = await createTestUser(role);
      const guest = await guestWithUpload();
      const error = await checkoutAsGuest({ guestUserId: guest.userId, email: staff.email, shopId, job: MONO_A4, documentIds: [guest.document.id], expectedTotalMinor: total }).catch((e) => e);
      expect(isAppError(error) && error.code).toBe('forbidden');
      expect((error as Error).message).toBe(REFUSED_GUEST_EMAIL);
      expect((await db.select().from(documents).where(eq(documents.id, guest.document.id)))[0].ownerId).toBe(guest.userId);
      expect(await userRow(guest.userId)).toMatchObject({ isAnonymous: true });
      expect(await mailedLink(staff.email)).toBeNull();
    }
  });

  it('undoes the account and the move when the price changed, and refuses placeholder addresses', async () => {
    const guest = await guestWithUpload();
    const email = freshEmail('price');
    const result = await checkoutAsGuest({ guestUserId: guest.userId, email, shopId, job: MONO_A4, documentIds: [guest.document.id], expectedTotalMinor: total + 1 });
    expect(result).toMatchObject({ kind: 'price_changed', quote: { totalMinor: total } });
    expect(await userRow(guest.userId)).toMatchObject({ isAnonymous: true });
    expect((await db.select().from(users).where(eq(users.email, email))).length).toBe(0);

    const placeholder = await checkoutAsGuest({
      guestUserId: guest.userId,
      email: 'temp-x@guest.nearprint.invalid',
      shopId,
      job: MONO_A4,
      documentIds: [guest.document.id],
      expectedTotalMinor: total,
    }).catch((e) => e);
    expect(isAppError(placeholder) && placeholder.code).toBe('bad_request');
  });

  it('never lets a guest order with, or see, another guest’s upload', async () => {
    const a = await guestWithUpload();
    const b = await startGuest();
    await expect(getViewableDocument({ id: b.userId, email: '', name: '', role: 'customer', isAnonymous: true }, a.document.id)).rejects.toMatchObject({ code: 'not_found' });
    const stolen = await checkoutAsGuest({ guestUserId: b.userId, email: freshEmail('thief'), shopId, job: MONO_A4, documentIds: [a.document.id], expectedTotalMinor: total }).catch((e) => e);
    expect(isAppError(stolen) && stolen.code).toBe('not_found');
    expect(await userRow(b.userId)).toMatchObject({ isAnonymous: true });
  });

  it('moves a guest’s uploads to the account they sign in to with a password, and deletes the guest', async () => {
    const email = freshEmail('signin');
    const account = await auth.api.signUpEmail({ body: { name: 'Signs In', email, password: 'correct horse battery' } });
    const guest = await guestWithUpload();
    const response = await auth.handler(
      new Request(`${origin}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json', cookie: guest.cookie },
        body: JSON.stringify({ email, password: 'correct horse battery' }),
      }),
    );
    expect(response.status).toBe(200);
    expect((await db.select().from(documents).where(eq(documents.id, guest.document.id)))[0].ownerId).toBe(account.user.id);
    expect(await userRow(guest.userId)).toBeUndefined();
  });
});

describe('guest limits and retention', () => {
  it('caps the guest sessions one address starts in an hour', async () => {
    const address = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    const guest = await startGuest();
    await recordGuestSessionAddress(db, guest.userId, address);
    await expect(assertGuestSessionAllowed(db, address, 2)).resolves.toBeUndefined();
    const other = await startGuest();
    await recordGuestSessionAddress(db, other.userId, address);
    await expect(assertGuestSessionAllowed(db, address, 2)).rejects.toMatchObject({ code: 'too_many_requests' });
    await expect(assertGuestSessionAllowed(db, null, 2)).resolves.toBeUndefined();
  });

  it('purges guests who never checked out, with their uploads, and keeps everyone who did', async () => {
    const abandoned = await guestWithUpload();
    const converted = await guestWithUpload();
    const order = await checkoutAsGuest({ guestUserId: converted.userId, email: freshEmail('kept'), shopId, job: MONO_A4, documentIds: [converted.document.id], expectedTotalMinor: total });
    expect(order.kind).toBe('created');

    await purgeAbandonedGuests({ now: new Date(Date.now() + 60_000), olderThanHours: 1 });
    expect(await userRow(abandoned.userId)).toBeDefined();

    await purgeAbandonedGuests({ now: new Date(Date.now() + 2 * 3_600_000), olderThanHours: 1, limit: 1000 });
    expect(await userRow(abandoned.userId)).toBeUndefined();
    expect((await db.select().from(documents).where(eq(documents.id, abandoned.document.id))).length).toBe(0);
    expect(await sessionUser(abandoned.cookie)).toBeNull();
    expect(await userRow(converted.userId)).toMatchObject({ isAnonymous: false });
    expect((await db.select().from(documents).where(eq(documents.id, converted.document.id))).length).toBe(1);
  });
});
