import type Stripe from 'stripe';
import { db } from '@/db/client';
import { disputes } from '@/db/schema';
import { appendEvent } from '@/lib/events/append-event';
import { findOrderId } from './find-order';

/** charge.dispute.created / updated / closed: kept for the admin, with the order it hits. */
export async function handleDisputeEvent(event: Stripe.Event): Promise<void> {
  const dispute = event.data.object as Stripe.Dispute;
  const chargeId = typeof dispute.charge === 'string' ? dispute.charge : dispute.charge.id;
  const orderId = await findOrderId({ chargeId, metadataOrderId: dispute.metadata?.order_id });
  const values = {
    orderId,
    stripeChargeId: chargeId,
    amountMinor: dispute.amount,
    currency: dispute.currency,
    reason: dispute.reason,
    status: dispute.status,
    raw: dispute as unknown as Record<string, unknown>,
    updatedAt: new Date(),
  };
  await db.transaction(async (tx) => {
    await tx
      .insert(disputes)
      .values({ id: dispute.id, ...values })
      .onConflictDoUpdate({ target: disputes.id, set: values });
    await appendEvent(
      { type: `order.${event.type.replace('charge.', '')}`, orderId, actor: 'stripe', data: { disputeId: dispute.id, amountMinor: dispute.amount, reason: dispute.reason, status: dispute.status } },
      tx,
    );
  });
}
