import { z } from 'zod';
import type { TEmulatorContext, TRequestOrigin } from '../emulator-context';
import { invalidRequest, resourceMissing } from '../http/api-error';
import type { TApiRoute } from '../http/handle-api-request';
import { formAmount, formCurrency, formMetadata, formString, matchesCreated, parseParams, ZExpand, ZListParams } from '../http/parse-params';
import { formatMoney } from '../pages/format-money';
import { generateId } from '../state/generate-id';
import { paginateList } from '../state/paginate-list';
import type { TTransfer, TTransferReversal } from '../state/stripe-objects';
import { availableBalance, recordBalanceTransaction } from './balance-transactions';
import { previousAttributes } from './events';
import { expandResponse } from './expand-response';
import { findOrThrow } from './find-or-throw';

const ZCreateTransfer = z
  .object({
    amount: formAmount(1),
    currency: formCurrency(),
    destination: formString(),
    description: formString(1000).optional(),
    metadata: formMetadata().optional(),
    source_transaction: formString().optional(),
    transfer_group: formString().optional(),
    expand: ZExpand,
  })
  .strict();

const ZCreateReversal = z.object({ amount: formAmount(1).optional(), description: formString(1000).optional(), metadata: formMetadata().optional(), expand: ZExpand }).strict();

const ZListTransfers = z.object({ ...ZListParams, destination: formString().optional(), transfer_group: formString().optional() }).strict();

/**
 * Moves money from the platform balance to a connected account, refusing as Stripe
 * does: an unknown destination (`resource_missing`), one that cannot receive transfers
 * yet because onboarding is unfinished (`insufficient_capabilities_for_transfer`), or
 * more than the available balance (`balance_insufficient`). With `source_transaction`
 * the amount may not exceed what is left of that charge.
 */
function createTransfer(ctx: TEmulatorContext, params: z.output<typeof ZCreateTransfer>, origin: TRequestOrigin): TTransfer {
  const destination = ctx.store.get('accounts', params.destination);
  if (!destination) {
    throw invalidRequest(`No such destination: '${params.destination}'`, { code: 'resource_missing', param: 'destination' });
  }
  if (destination.capabilities.transfers !== 'active' || !destination.payouts_enabled) {
    throw invalidRequest('Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments', {
      code: 'insufficient_capabilities_for_transfer',
      param: 'destination',
    });
  }
  if (params.source_transaction) {
    const charge = ctx.store.get('charges', params.source_transaction);
    if (!charge) throw resourceMissing('charge', params.source_transaction, 'source_transaction');
    if (charge.status !== 'succeeded') {
      throw invalidRequest(`Charge ${charge.id} did not succeed and cannot fund a transfer.`, { param: 'source_transaction' });
    }
    if (charge.currency !== params.currency) {
      throw invalidRequest(`The currency of source_transaction's balance transaction (${charge.currency}) must be the same as the transfer currency (${params.currency}).`, { param: 'currency' });
    }
    const alreadyTransferred = Object.values(ctx.store.state.transfers)
      .filter((transfer) => transfer.source_transaction === charge.id)
      .reduce((sum, transfer) => sum + transfer.amount - transfer.amount_reversed, 0);
    if (params.amount > charge.amount - charge.amount_refunded - alreadyTransferred) {
      throw invalidRequest(`Transfer amount exceeds the amount left on source_transaction ${charge.id}.`, { code: 'amount_too_large', param: 'amount' });
    }
  }
  const available = availableBalance(ctx).get(params.currency) ?? 0;
  if (params.amount > available) {
    throw invalidRequest(
      `You have insufficient available funds in your Stripe account (${formatMoney(available, params.currency)} available). Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card. See: https://stripe.com/docs/testing#available-balance`,
      { code: 'balance_insufficient' },
    );
  }
  const id = generateId('tr_');
  const transfer = ctx.store.put('transfers', {
    id,
    object: 'transfer',
    amount: params.amount,
    amount_reversed: 0,
    balance_transaction: recordBalanceTransaction(ctx, {
      amount: -params.amount,
      currency: params.currency,
      type: 'transfer',
      source: id,
      description: params.description ?? null,
    }).id,
    created: ctx.now(),
    currency: params.currency,
    description: params.description ?? null,
    destination: destination.id,
    destination_payment: generateId('py_'),
    livemode: false,
    metadata: params.metadata ?? {},
    reversals: { object: 'list', data: [], has_more: false, url: `/v1/transfers/${id}/reversals` },
    reversed: false,
    source_transaction: params.source_transaction ?? null,
    transfer_group: params.transfer_group ?? null,
  });
  ctx.emit('transfer.created', transfer, origin);
  return transfer;
}

/** Takes all or part of a transfer back into the platform balance (`transfer.reversed`). */
function reverseTransfer(ctx: TEmulatorContext, transfer: TTransfer, params: z.output<typeof ZCreateReversal>, origin: TRequestOrigin): TTransferReversal {
  const remaining = transfer.amount - transfer.amount_reversed;
  if (remaining === 0) throw invalidRequest(`Transfer ${transfer.id} has already been fully reversed.`);
  const amount = params.amount ?? remaining;
  if (amount > remaining) {
    throw invalidRequest(`Reversal amount (${formatMoney(amount, transfer.currency)}) is greater than the amount left on the transfer (${formatMoney(remaining, transfer.currency)}).`, {
      code: 'amount_too_large',
      param: 'amount',
    });
  }
  const id = generateId('trr_');
  const reversal = ctx.store.put('transferReversals', {
    id,
    object: 'transfer_reversal',
    amount,
    balance_transaction: recordBalanceTransaction(ctx, {
      amount,
      currency: transfer.currency,
      type: 'transfer_refund',
      source: id,
      description: params.description ?? null,
    }).id,
    created: ctx.now(),
    currency: transfer.currency,
    destination_payment_refund: generateId('pyr_'),
    metadata: params.metadata ?? {},
    source_refund: null,
    transfer: transfer.id,
  });
  const before = structuredClone(transfer);
  transfer.amount_reversed += amount;
  transfer.reversed = transfer.amount_reversed === transfer.amount;
  transfer.reversals = { ...transfer.reversals, data: [reversal, ...transfer.reversals.data] };
  ctx.emit('transfer.reversed', transfer, origin, { previousAttributes: previousAttributes(before, transfer) });
  return reversal;
}

export const transferRoutes: TApiRoute[] = [
  {
    method: 'POST',
    path: '/v1/transfers',
    handler: ({ body, origin }, ctx) => {
      const params = parseParams(ZCreateTransfer, body);
      return expandResponse(ctx, createTransfer(ctx, params, origin), params.expand);
    },
  },
  {
    method: 'GET',
    path: '/v1/transfers/:id',
    handler: ({ params, body }, ctx) => {
      const { expand } = parseParams(z.object({ expand: ZExpand }).strict(), body);
      return expandResponse(ctx, findOrThrow(ctx, 'transfers', params.id, 'transfer'), expand);
    },
  },
  {
    method: 'GET',
    path: '/v1/transfers',
    handler: ({ body }, ctx) => {
      const query = parseParams(ZListTransfers, body);
      const items = ctx.store
        .list('transfers')
        .filter(
          (transfer) =>
            (!query.destination || transfer.destination === query.destination) &&
            (!query.transfer_group || transfer.transfer_group === query.transfer_group) &&
            matchesCreated(transfer.created, query.created),
        );
      return expandResponse(ctx, paginateList(items, query, '/v1/transfers'), query.expand);
    },
  },
  {
    method: 'POST',
    path: '/v1/transfers/:id/reversals',
    handler: ({ params, body, origin }, ctx) => {
      const reversal = parseParams(ZCreateReversal, body);
      const transfer = findOrThrow(ctx, 'transfers', params.id, 'id');
      return expandResponse(ctx, reverseTransfer(ctx, transfer, reversal, origin), reversal.expand);
    },
  },
  {
    method: 'GET',
    path: '/v1/transfers/:id/reversals',
    handler: ({ params, body }, ctx) => {
      const query = parseParams(z.object(ZListParams).strict(), body);
      findOrThrow(ctx, 'transfers', params.id, 'id');
      const items = ctx.store.list('transferReversals').filter((reversal) => reversal.transfer === params.id);
      return expandResponse(ctx, paginateList(items, query, `/v1/transfers/${params.id}/reversals`), query.expand);
    },
  },
  {
    method: 'GET',
    path: '/v1/transfers/:transfer/reversals/:id',
    handler: ({ params, body }, ctx) => {
      const { expand } = parseParams(z.object({ expand: ZExpand }).strict(), body);
      const reversal = findOrThrow(ctx, 'transferReversals', params.id, 'id');
      if (reversal.transfer !== params.transfer) throw resourceMissing('transfer_reversal', params.id);
      return expandResponse(ctx, reversal, expand);
    },
  },
];
