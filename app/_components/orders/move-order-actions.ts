'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { roleAction } from '@/app/_lib/action';
import { env } from '@/lib/config/env';
import { formatMoney } from '@/lib/money/money';
import { moveOrder } from '@/lib/billing/moves/move-order';
import { refundInsteadOfMove } from '@/lib/billing/moves/refund-instead-of-move';

const ZMoveOrderForm = z.object({
  orderId: z.uuid('Unknown order'),
  toShopId: z.uuid('Choose a shop'),
  /** The new total the customer saw and agreed to (minor units). */
  expectedTotalMinor: z.coerce.number().int().min(0),
});

/**
 * Moves the customer's order to the shop they chose: at once when it costs the same or less
 * (the rest is refunded), through Stripe Checkout for the difference when it costs more.
 */
export const moveOrderAction = roleAction(['customer'], ZMoveOrderForm, async (input, user) => {
  const result = await moveOrder({ orderId: input.orderId, customerId: user.id, toShopId: input.toShopId, expectedTotalMinor: input.expectedTotalMinor });
  revalidatePath(`/orders/${input.orderId}`);
  if (result.kind === 'checkout') redirect(result.checkoutUrl);
  if (result.kind === 'price_changed') return { error: `That shop’s price changed to ${formatMoney(result.totalMinor, env().CURRENCY)}. Check the new price and choose again.` };
  return { success: result.refundedMinor > 0 ? `Moved. ${formatMoney(result.refundedMinor, env().CURRENCY)} is on its way back to your card.` : 'Moved. The new shop has your order.' };
});

export const refundInsteadAction = roleAction(['customer'], z.object({ orderId: z.uuid('Unknown order') }), async (input, user) => {
  const { refundedMinor } = await refundInsteadOfMove({ orderId: input.orderId, customerId: user.id });
  revalidatePath(`/orders/${input.orderId}`);
  return { success: refundedMinor > 0 ? `Your print job is cancelled; ${formatMoney(refundedMinor, env().CURRENCY)} is on its way back to your card.` : 'Your payment was already refunded.' };
});
