import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { TDatabase } from '@/db/client';
import { mailOutbox, orders, shops, users } from '@/db/schema';
import { mailDomain } from '@/lib/config/mail-settings';
import { ZMailPayload, type TMailPayload } from './mail-kinds';

/** The caller's transaction: the mail commits with the change that causes it, or not at all. */
type TTx = Parameters<Parameters<TDatabase['transaction']>[0]>[0] | TDatabase;

export type TEnqueueMail = {
  to: string;
  payload: TMailPayload;
  /** One mail per cause: a second enqueue with the same key is dropped (a replayed webhook, a retried gate). */
  dedupeKey: string;
};

/**
 * Puts a mail in the outbox in the caller's transaction: it exists exactly when the state change
 * that causes it commits, and the worker sends it later (workers/loops/mail-sender.ts). The
 * Message-ID is fixed here from the row's id, so every delivery attempt of this mail carries the
 * same one. Returns false when a mail for `dedupeKey` was already enqueued.
 */
export async function enqueueMail(tx: TTx, mail: TEnqueueMail): Promise<boolean> {
  const payload = ZMailPayload.parse(mail.payload);
  const id = randomUUID();
  const rows = await tx
    .insert(mailOutbox)
    .values({ id, kind: payload.kind, toAddress: mail.to, payload, dedupeKey: mail.dedupeKey, messageId: `<${id}@${mailDomain()}>` })
    .onConflictDoNothing({ target: mailOutbox.dedupeKey })
    .returning({ id: mailOutbox.id });
  return rows.length > 0;
}

/** A mail to the customer who placed the order, at their account's address. */
export async function enqueueCustomerMail(tx: TTx, orderId: string, payload: TMailPayload, dedupeKey: string): Promise<boolean> {
  const [row] = await tx.select({ email: users.email }).from(orders).innerJoin(users, eq(users.id, orders.customerId)).where(eq(orders.id, orderId));
  if (!row) return false;
  return enqueueMail(tx, { to: row.email, payload, dedupeKey });
}

/** A mail to a shop's owner, at their account's address (the shop's public contact address may be a shared inbox). */
export async function enqueueShopOwnerMail(tx: TTx, shopId: string, payload: TMailPayload, dedupeKey: string): Promise<boolean> {
  const [row] = await tx.select({ email: users.email }).from(shops).innerJoin(users, eq(users.id, shops.ownerId)).where(eq(shops.id, shopId));
  if (!row) return false;
  return enqueueMail(tx, { to: row.email, payload, dedupeKey });
}
