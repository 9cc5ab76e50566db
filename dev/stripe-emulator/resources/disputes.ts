import { z } from 'zod';
import type { TEmulatorContext, TRequestOrigin } from '../emulator-context';
import { invalidRequest } from '../http/api-error';
import type { TApiRoute } from '../http/handle-api-request';
import { formString, matchesCreated, parseParams, ZExpand, ZListParams } from '../http/parse-params';
import { generateId } from '../state/generate-id';
import { paginateList } from '../state/paginate-list';
import type { TCharge, TDispute } from '../state/stripe-objects';
import { previousAttributes } from './events';
import { expandResponse } from './expand-response';
import { findOrThrow } from './find-or-throw';

const SEVEN_DAYS = 7 * 24 * 60 * 60;

/**
 * Opens a dispute on a succeeded charge (`charge.dispute.created`), the way a card
 * holder's bank would. Stripe also withdraws the disputed amount plus a fee from the
 * balance; the emulator keeps the balance as charges − refunds − transfers, so a
 * dispute changes only the charge's `disputed` flag.
 */
export function createDispute(ctx: TEmulatorContext, charge: TCharge, options: { reason?: string; amount?: number }, origin: TRequestOrigin): TDispute {
  if (charge.status !== 'succeeded') throw invalidRequest(`Charge ${charge.id} did not succeed, so it cannot be disputed.`);
  if (charge.disputed) throw invalidRequest(`Charge ${charge.id} is already disputed.`, { code: 'charge_disputed' });
  const amount = options.amount ?? charge.amount;
  if (amount < 1 || amount > charge.amount) {
    throw invalidRequest(`A dispute amount must be between 1 and the charge amount (${charge.amount}).`, { param: 'amount' });
  }
  const now = ctx.now();
  const dispute = ctx.store.put('disputes', {
    id: generateId('dp_'),
    object: 'dispute',
    amount,
    charge: charge.id,
    created: now,
    currency: charge.currency,
    evidence_details: { due_by: now + SEVEN_DAYS, has_evidence: false, past_due: false, submission_count: 0 },
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    reason: options.reason ?? 'fraudulent',
    status: 'needs_response',
  });
  charge.disputed = true;
  ctx.emit('charge.dispute.created', dispute, origin);
  return dispute;
}

/** Ends a dispute: `lost` when the platform accepts it (Stripe's close), or `won`. */
export function closeDispute(ctx: TEmulatorContext, dispute: TDispute, status: 'won' | 'lost', origin: TRequestOrigin): TDispute {
  if (dispute.status === 'won' || dispute.status === 'lost') {
    throw invalidRequest(`This dispute is already closed (status: ${dispute.status}).`);
  }
  const before = structuredClone(dispute);
  dispute.status = status;
  ctx.emit('charge.dispute.closed', dispute, origin, { previousAttributes: previousAttributes(before, dispute) });
  return dispute;
}

const ZListDisputes = z.object({ ...ZListParams, charge: formString().optional(), payment_intent: formString().optional() }).strict();

export const disputeRoutes: TApiRoute[] = [
  {
    method: 'GET',
    path: '/v1/disputes/:id',
    handler: ({ params, body }, ctx) => {
      const { expand } = parseParams(z.object({ expand: ZExpand }).strict(), body);
      return expandResponse(ctx, findOrThrow(ctx, 'disputes', params.id, 'dispute'), expand);
    },
  },
  {
    method: 'GET',
    path: '/v1/disputes',
    handler: ({ body }, ctx) => {
      const query = parseParams(ZListDisputes, body);
      const items = ctx.store
        .list('disputes')
        .filter(
          (dispute) =>
            (!query.charge || dispute.charge === query.charge) && (!query.payment_intent || dispute.payment_intent === query.payment_intent) && matchesCreated(dispute.created, query.created),
        );
      return expandResponse(ctx, paginateList(items, query, '/v1/disputes'), query.expand);
    },
  },
  {
    method: 'POST',
    path: '/v1/disputes/:id/close',
    handler: ({ params, body, origin }, ctx) => {
      const { expand } = parseParams(z.object({ expand: ZExpand }).strict(), body);
      return expandResponse(ctx, closeDispute(ctx, findOrThrow(ctx, 'disputes', params.id, 'dispute'), 'lost', origin), expand);
    },
  },
];
