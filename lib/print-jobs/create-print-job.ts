import { eq } from 'drizzle-orm';
import type { TDatabase } from '@/db/client';
import { printJobs, shops } from '@/db/schema/index';
import { appendEvent } from '@/lib/events/append-event';
import { signalWork } from '@/lib/events/work-signal';
import { enqueueShopOwnerMail } from '@/lib/mail/enqueue-mail';
import { enqueueWebhookEvent } from '@/lib/webhooks/enqueue-webhook-event';

type TTx = Parameters<Parameters<TDatabase['transaction']>[0]>[0];

/**
 * The print job for a paid order, created in the same transaction that marks it paid, so a
 * paid order always has a job. Shops with auto-accept skip the acceptance step, and so does
 * a job the shop itself asks for (`isAccepted`: a reprint). A job waiting for acceptance mails the
 * shop's owner, in the same transaction.
 */
export async function createPrintJob(tx: TTx, order: { id: string; shopId: string }, options: { isReprint?: boolean; isAccepted?: boolean; actor?: string } = {}): Promise<string> {
  const [shop] = await tx.select({ autoAccept: shops.autoAccept }).from(shops).where(eq(shops.id, order.shopId));
  const id = crypto.randomUUID();
  const isAccepted = options.isAccepted ?? !!shop?.autoAccept;
  await tx.insert(printJobs).values({
    id,
    orderId: order.id,
    shopId: order.shopId,
    state: isAccepted ? 'queued' : 'awaiting_acceptance',
    ippJobName: `nearprint-${id}`,
    acceptedAt: isAccepted ? new Date() : null,
    isReprint: options.isReprint ?? false,
  });
  await appendEvent(
    {
      type: isAccepted ? 'job.queued' : 'job.awaiting_acceptance',
      orderId: order.id,
      shopId: order.shopId,
      jobId: id,
      actor: options.actor ?? 'system',
      data: { isReprint: options.isReprint ?? false },
    },
    tx,
  );
  if (isAccepted) await signalWork(tx, 'job');
  else await enqueueShopOwnerMail(tx, order.shopId, { kind: 'shop.job_awaiting_acceptance', orderId: order.id, jobId: id, shopId: order.shopId }, `shop.job_awaiting_acceptance:${id}`);
  if (!options.isReprint) await enqueueWebhookEvent(tx, { shopId: order.shopId, type: 'job.paid', data: { jobId: id, orderId: order.id, state: isAccepted ? 'queued' : 'awaiting_acceptance' } });
  return id;
}
