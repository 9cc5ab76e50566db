'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { roleAction, roleCall } from '@/app/_lib/action';
import { env } from '@/lib/config/env';
import { formatMoney } from '@/lib/money/money';
import { AppError } from '@/lib/errors/app-error';
import { acceptJob } from '@/lib/shop-queue/accept-job';
import { cancelPrintJob } from '@/lib/shop-queue/cancel-print-job';
import { confirmJobPrinted } from '@/lib/shop-queue/confirm-job-printed';
import { findPickupOrder } from '@/lib/shop-queue/find-pickup-order';
import { handOverOrder } from '@/lib/shop-queue/hand-over-order';
import { markReady } from '@/lib/shop-queue/mark-ready';
import { moveJobToPrinter } from '@/lib/shop-queue/move-job-to-printer';
import { rejectJob } from '@/lib/shop-queue/reject-job';
import { ZRejectReason } from '@/lib/shop-queue/reject-reasons';
import { reprintJob } from '@/lib/shop-queue/reprint-job';
import { findShopOrderByNumber } from '@/lib/shop-queue/shop-job';

const OWNER = ['shop_owner'] as const;
const ZJobForm = z.object({ shopId: z.uuid('Unknown shop'), jobId: z.uuid('Unknown job') });
const ZOrderForm = z.object({ shopId: z.uuid('Unknown shop'), orderId: z.uuid('Unknown order') });
const ZReason = z.string().trim().max(200, 'Keep the reason under 200 characters').optional();

function refresh(shopId: string) {
  revalidatePath(`/shop/${shopId}/queue`);
}

export const acceptJobAction = roleAction(OWNER, ZJobForm, async (input, user) => {
  await acceptJob({ ...input, ownerId: user.id });
  refresh(input.shopId);
  return { success: 'Accepted: it is in the queue.' };
});

/** A reject names its reason from the list (and words for "other"); allowed until the job is sent to its printer. */
export const rejectJobAction = roleAction(OWNER, ZJobForm.and(ZRejectReason), async ({ shopId, jobId, reasonCode, note }, user) => {
  await rejectJob({ shopId, jobId, ownerId: user.id, reason: { reasonCode, note } });
  refresh(shopId);
  revalidatePath(`/shop/${shopId}/queue/${jobId}`);
  return { success: 'Rejected. The customer is refunded in full, sees your reason and is offered other shops.' };
});

export const cancelJobAction = roleAction(OWNER, ZJobForm.extend({ reason: ZReason }), async (input, user) => {
  const result = await cancelPrintJob({ ...input, ownerId: user.id });
  refresh(input.shopId);
  return { success: result === 'stopping' ? 'Stopping it at the printer…' : 'Canceled.' };
});

export const moveJobAction = roleAction(OWNER, ZJobForm.extend({ printerId: z.uuid('Choose a printer') }), async (input, user) => {
  await moveJobToPrinter({ ...input, ownerId: user.id });
  refresh(input.shopId);
  return { success: 'Moved. It is prepared again for that printer.' };
});

export const confirmPrintedAction = roleAction(OWNER, ZJobForm, async (input, user) => {
  await confirmJobPrinted({ ...input, ownerId: user.id });
  refresh(input.shopId);
  return { success: 'Marked as printed.' };
});

export const reprintAction = roleAction(OWNER, ZOrderForm, async (input, user) => {
  await reprintJob({ ...input, ownerId: user.id });
  refresh(input.shopId);
  return { success: 'Printing it again.' };
});

export const markReadyAction = roleAction(OWNER, ZOrderForm, async (input, user) => {
  await markReady({ ...input, ownerId: user.id });
  refresh(input.shopId);
  return { success: 'Ready for pickup: the customer has been told.' };
});

const ZPickupCode = z.string().trim().min(1, 'Enter or scan the customer’s pickup code').max(200, 'That is not a pickup code');

const ZFindPickupRequest = z.object({
  shopId: z.uuid('Unknown shop'),
  code: ZPickupCode,
  orderId: z.union([z.uuid('Unknown order'), z.literal('')]).optional(),
});

/**
 * The order waiting for pickup here that the typed or scanned code belongs to (the code alone
 * is enough; choosing the order first is optional). Wrong codes count towards a lockout.
 */
export const findPickupAction = roleCall(OWNER, ZFindPickupRequest, async (input, user) =>
  findPickupOrder({ shopId: input.shopId, ownerId: user.id, input: input.code, orderId: input.orderId || null }),
);

const ZHandOverForm = z.object({
  shopId: z.uuid('Unknown shop'),
  orderId: z.union([z.uuid('Unknown order'), z.literal('')]).optional(),
  code: ZPickupCode,
});

/**
 * Hand-over: the order a code matched (or a scanned pickup QR names, nearprint:pickup:<number>:<code>),
 * with its code checked again on the server.
 */
export const handOverAction = roleAction(OWNER, ZHandOverForm, async (input, user) => {
  let orderId = input.orderId || null;
  const scanned = /^nearprint:pickup:([A-Z0-9-]+):\d{6}$/i.exec(input.code);
  if (!orderId && scanned) orderId = (await findShopOrderByNumber({ shopId: input.shopId, ownerId: user.id, number: scanned[1] }))?.id ?? null;
  if (!orderId) throw new AppError('bad_request', 'Find the order by its pickup code first.', { fieldErrors: { code: ['Find the order first'] } });
  const result = await handOverOrder({ shopId: input.shopId, ownerId: user.id, orderId, code: input.code });
  refresh(input.shopId);
  if (result.kind === 'wrong_code') {
    const left = result.attemptsLeft;
    throw new AppError('bad_request', `That code is not right for this order. ${left} ${left === 1 ? 'try' : 'tries'} left.`, { fieldErrors: { code: ['Wrong code'] } });
  }
  return {
    success: result.shortfallRefundMinor > 0 ? `Handed over. ${formatMoney(result.shortfallRefundMinor, env().CURRENCY)} was refunded for pages the printer did not print.` : 'Handed over. Thank you!',
  };
});
