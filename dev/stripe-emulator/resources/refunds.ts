import { z } from 'zod';
import type { TEmulatorContext, TRequestOrigin } from '../emulator-context';
import { invalidRequest } from '../http/api-error';
import type { TApiRoute } from '../http/handle-api-request';
import { formAmount, formMetadata, formString, matchesCreated, parseParams, ZExpand, ZListParams } from '../http/parse-params';
import { formatMoney } from '../pages/format-money';
import { generateId } from '../state/generate-id';
import { paginateList } from '../state/paginate-list';
import type { TCharge, TRefund } from '../state/stripe-objects';
import { recordBalanceTransaction } from './balance-transactions';
import { previousAttributes } from './events';
import { expandResponse } from './expand-response';
import { findOrThrow } from './find-or-throw';

const ZCreateRefund = z
  .object({
    charge: formString().optional(),
    payment_intent: formString().optional(),
    amount: formAmount(1).optional(),
    reason: z.enum(['duplicate', 'fraudulent', 'requested_by_customer']).optional(),
    metadata: formMetadata().optional(),
    expand: ZExpand,
  })
  .strict();

const ZListRefunds = z.object({ ...ZListParams, charge: formString().optional(), payment_intent: formString().optional() }).strict();

/** The charge a refund request names, directly or through its PaymentIntent. */
function chargeToRefund(ctx: TEmulatorContext, params: z.output<typeof ZCreateRefund>): TCharge {
  if (!params.charge && !params.payment_intent) {
    throw invalidRequest('One of the following params should be provided for this request: payment_intent or charge.', {
      code: 'parameter_missing',
      param: 'charge',
      isValidation: true,
    });
  }
  if (params.payment_intent) {
    const paymentIntent = findOrThrow(ctx, 'paymentIntents', params.payment_intent, 'payment_intent');
    if (paymentIntent.status !== 'succeeded' || !paymentIntent.latest_charge) {
      throw invalidRequest(`This PaymentIntent (${paymentIntent.id}) does not have a successful charge to refund.`, {
        code: 'charge_not_refundable',
        param: 'payment_intent',
      });
    }
    if (params.charge && params.charge !== paymentIntent.latest_charge) {
      throw invalidRequest(`Charge ${params.charge} does not belong to PaymentIntent ${paymentIntent.id}.`, { param: 'charge' });
    }
    return findOrThrow(ctx, 'charges', paymentIntent.latest_charge, 'payment_intent');
  }
  const charge = findOrThrow(ctx, 'charges', params.charge!, 'charge');
  if (charge.status !== 'succeeded') {
    throw invalidRequest(`Charge ${charge.id} did not succeed, so there is nothing to refund.`, { code: 'charge_not_refundable', param: 'charge' });
  }
  return charge;
}

/**
 * Refunds all or part of what is left on a charge, at once (`status: succeeded`), and
 * sends `refund.created` then `charge.refunded`. Refusals follow Stripe: a fully
 * refunded charge → `charge_already_refunded`; more than what is left → `amount_too_large`;
 * a disputed charge → `charge_disputed`.
 */
function createRefund(ctx: TEmulatorContext, params: z.output<typeof ZCreateRefund>, origin: TRequestOrigin): TRefund {
  const charge = chargeToRefund(ctx, params);
  if (charge.disputed) {
    throw invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, { code: 'charge_disputed' });
  }
  const remaining = charge.amount - charge.amount_refunded;
  if (remaining === 0) {
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded' });
  }
  const amount = params.amount ?? remaining;
  if (amount > remaining) {
    throw invalidRequest(`Refund amount (${formatMoney(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatMoney(remaining, charge.currency)})`, {
      code: 'amount_too_large',
      param: 'amount',
    });
  }
  const id = generateId('re_');
  const refund = ctx.store.put('refunds', {
    id,
    object: 'refund',
    amount,
    balance_transaction: recordBalanceTransaction(ctx, {
      amount: -amount,
      currency: charge.currency,
      type: 'refund',
      source: id,
      description: 'REFUND FOR CHARGE',
    }).id,
    charge: charge.id,
    created: ctx.now(),
    currency: charge.currency,
    metadata: params.metadata ?? {},
    payment_intent: charge.payment_intent,
    reason: params.reason ?? null,
    receipt_number: null,
    status: 'succeeded',
  });
  const before = structuredClone(charge);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount;
  ctx.emit('refund.created', refund, origin);
  ctx.emit('charge.refunded', charge, origin, { previousAttributes: previousAttributes(before, charge) });
  return refund;
}

export const refundRoutes: TApiRoute[] = [
  {
    method: 'POST',
    path: '/v1/refunds',
    handler: ({ body, origin }, ctx) => {
      const params = parseParams(ZCreateRefund, body);
      return expandResponse(ctx, createRefund(ctx, params, origin), params.expand);
    },
  },
  {
    method: 'GET',
    path: '/v1/refunds/:id',
    handler: ({ params, body }, ctx) => {
      const { expand } = parseParams(z.object({ expand: ZExpand }).strict(), body);
      return expandResponse(ctx, findOrThrow(ctx, 'refunds', params.id, 'refund'), expand);
    },
  },
  {
    method: 'GET',
    path: '/v1/refunds',
    handler: ({ body }, ctx) => {
      const query = parseParams(ZListRefunds, body);
      const items = ctx.store
        .list('refunds')
        .filter(
          (refund) => (!query.charge || refund.charge === query.charge) && (!query.payment_intent || refund.payment_intent === query.payment_intent) && matchesCreated(refund.created, query.created),
        );
      return expandResponse(ctx, paginateList(items, query, '/v1/refunds'), query.expand);
    },
  },
];
