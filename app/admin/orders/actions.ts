'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { roleAction, roleCall } from '@/app/_lib/action';
import { cancelOrderAsAdmin, ZAdminCancelOrderRequest } from '@/lib/admin/cancel-order-as-admin';
import { previewAdminRefund, refundOrderAsAdmin, ZAdminRefundRequest } from '@/lib/admin/refund-order-as-admin';
import { rerouteOrderAsAdmin, ZAdminRerouteRequest } from '@/lib/admin/reroute-order-as-admin';
import { refundHeldPaymentAsAdmin, releaseHeldPaymentAsAdmin, ZAdminHeldPaymentRequest } from '@/lib/admin/review-held-payment';
import { formatMoney } from '@/lib/money/money';

const ZConfirmed = z.object({ confirm: z.literal('yes', 'Tick the box to confirm') });

/** What a refund would do (customer, shop earning, platform fee), shown before the admin confirms it. */
export const previewRefundAction = roleCall(['admin'], ZAdminRefundRequest, previewAdminRefund);

/** Only after the effect was shown: the form sends `confirm` from its confirmation step. */
const ZRefundConfirmed = z.object({ confirm: z.literal('yes', 'Review the refund and confirm it') });

export const refundOrderAction = roleAction(['admin'], ZAdminRefundRequest.extend(ZRefundConfirmed.shape), async (input, user) => {
  const { amountMinor, currency } = await refundOrderAsAdmin({ ...input, adminId: user.id });
  revalidatePath(`/admin/orders/${input.orderId}`);
  return { success: `Refund of ${formatMoney(amountMinor, currency)} sent to Stripe.` };
});

export const cancelOrderAction = roleAction(['admin'], ZAdminCancelOrderRequest.extend(ZConfirmed.shape), async (input, user) => {
  const { stopped, refundedMinor } = await cancelOrderAsAdmin({ ...input, adminId: user.id });
  revalidatePath(`/admin/orders/${input.orderId}`);
  const jobs = stopped.stoppingAtPrinter ? `${stopped.canceled} job(s) canceled, ${stopped.stoppingAtPrinter} being stopped at the printer` : `${stopped.canceled} job(s) canceled`;
  return { success: `Order cancelled: ${jobs}; ${refundedMinor ? 'the rest of the payment is being refunded' : 'nothing was left to refund'}.` };
});

/** The form sends one `total.<shopId>` per offered shop: the total the admin saw for the chosen one. */
const ZRerouteForm = z.preprocess((raw) => {
  const fields = raw as Record<string, unknown>;
  return { ...fields, expectedTotalMinor: fields[`total.${String(fields.toShopId)}`] };
}, ZAdminRerouteRequest.extend(ZConfirmed.shape));

export const rerouteOrderAction = roleAction(['admin'], ZRerouteForm, async (input, user) => {
  const result = await rerouteOrderAsAdmin({ ...input, adminId: user.id });
  revalidatePath(`/admin/orders/${input.orderId}`);
  if (result.kind === 'price_changed') return { error: 'That shop’s price changed; check the new total and confirm again.' };
  if (result.kind === 'checkout') return { success: `The new shop costs more. Send the customer this link to pay the difference; the order moves once it is paid: ${result.checkoutUrl}` };
  return { success: result.refundedMinor ? 'Order moved; the difference is being refunded to the customer.' : 'Order moved to the new shop.' };
});

/** A held payment (paid amount differs from the order) checked and accepted: the order goes to the shop to print. */
export const releaseHeldPaymentAction = roleAction(['admin'], ZAdminHeldPaymentRequest.extend(ZConfirmed.shape), async (input, user) => {
  await releaseHeldPaymentAsAdmin({ ...input, adminId: user.id });
  revalidatePath(`/admin/orders/${input.orderId}`);
  return { success: 'Released: the order goes to the shop and prints as paid.' };
});

/** A held payment refunded in full instead of printing. */
export const refundHeldPaymentAction = roleAction(['admin'], ZAdminHeldPaymentRequest.extend(ZConfirmed.shape), async (input, user) => {
  const { amountMinor, currency } = await refundHeldPaymentAsAdmin({ ...input, adminId: user.id });
  revalidatePath(`/admin/orders/${input.orderId}`);
  return { success: `Refund of ${formatMoney(amountMinor, currency)} sent to Stripe; nothing prints.` };
});
