import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { mailOutbox, shops } from '@/db/schema';
import { bookRefund } from '@/lib/billing/book-refund';
import { createPrintJob } from '@/lib/print-jobs/create-print-job';
import { markOrderReady } from '@/lib/print-jobs/job-transitions';
import { transitionJob } from '@/lib/print-jobs/transition-job';
import { createOrderToMail } from './testing/mail-fixtures';

afterAll(async () => {
  await closeDb();
});

const mailsAbout = (orderId: string) =>
  db
    .select()
    .from(mailOutbox)
    .where(sql`${mailOutbox.payload} ->> 'orderId' = ${orderId}`);

/** Each state change enqueues its mail at its one gate, in the same transaction, once. */
describe('the gates that enqueue mail', () => {
  it('a job waiting for acceptance mails the shop’s owner; an auto-accepted one mails nobody', async () => {
    const { order, owner, shop } = await createOrderToMail({ shop: { autoAccept: false } });
    const jobId = await db.transaction((tx) => createPrintJob(tx, order));
    expect((await mailsAbout(order.id)).map((mail) => [mail.kind, mail.toAddress, mail.payload])).toEqual([
      ['shop.job_awaiting_acceptance', owner.email, { kind: 'shop.job_awaiting_acceptance', orderId: order.id, jobId, shopId: shop.id }],
    ]);
    await db.update(shops).set({ autoAccept: true }).where(eq(shops.id, shop.id));
    await db.transaction((tx) => createPrintJob(tx, order));
    expect(await mailsAbout(order.id)).toHaveLength(1);
  });

  it('a job that fails mails the customer through the transition gate, whoever failed it; a failed reprint does not', async () => {
    const { order, customer } = await createOrderToMail();
    const jobId = await db.transaction((tx) => createPrintJob(tx, order));
    await transitionJob(db, { jobId, from: 'queued', to: 'failed', by: 'converter', set: { lastError: 'the file could not be converted.', refundDue: 'print_failed' }, event: null });
    const reprintId = await db.transaction((tx) => createPrintJob(tx, order, { isReprint: true, isAccepted: true }));
    await transitionJob(db, { jobId: reprintId, from: 'queued', to: 'failed', by: 'dispatcher', set: { lastError: 'paper jam' }, event: null });
    expect((await mailsAbout(order.id)).map((mail) => [mail.kind, mail.toAddress, mail.payload])).toEqual([
      ['job.failed', customer.email, { kind: 'job.failed', orderId: order.id, jobId, reason: 'the file could not be converted.', isRefundDue: true }],
    ]);
  });

  it('ready for pickup mails the customer each time the order becomes ready', async () => {
    const { order } = await createOrderToMail();
    expect(await db.transaction((tx) => markOrderReady(tx, order.id, 'test'))).toBe(true);
    expect(await db.transaction((tx) => markOrderReady(tx, order.id, 'test'))).toBe(false);
    expect((await mailsAbout(order.id)).map((mail) => mail.kind)).toEqual(['order.ready']);
  });

  it('a refund mails the customer once per Stripe refund, with its amount', async () => {
    const { order } = await createOrderToMail();
    const refund = { stripeRefundId: `re_${order.id}`, amountMinor: 100, reason: 'Two pages were missing' };
    expect(await db.transaction((tx) => bookRefund(tx, order, refund))).toBe(true);
    expect(await db.transaction((tx) => bookRefund(tx, order, refund))).toBe(false);
    const mails = await mailsAbout(order.id);
    expect(mails.map((mail) => mail.payload)).toEqual([{ kind: 'order.refunded', orderId: order.id, amountMinor: 100, refundedTotalMinor: 100, reason: 'Two pages were missing' }]);
    expect(mails[0].dedupeKey).toBe(`order.refunded:re_${order.id}`);
  });

  it('a gate whose transaction rolls back leaves no mail', async () => {
    const { order } = await createOrderToMail();
    await expect(
      db.transaction(async (tx) => {
        await markOrderReady(tx, order.id, 'test');
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    expect(
      await db
        .select()
        .from(mailOutbox)
        .where(and(sql`${mailOutbox.payload} ->> 'orderId' = ${order.id}`, eq(mailOutbox.kind, 'order.ready'))),
    ).toEqual([]);
  });
});
