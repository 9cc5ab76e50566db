import { z } from 'zod';
import type { TEmulatorContext } from '../emulator-context';
import type { TApiRoute } from '../http/handle-api-request';
import { formCurrency, formString, matchesCreated, parseParams, ZExpand, ZListParams } from '../http/parse-params';
import { generateId } from '../state/generate-id';
import { paginateList } from '../state/paginate-list';
import type { TBalanceTransaction, TBalanceTransactionType } from '../state/stripe-objects';
import { expandResponse } from './expand-response';
import { findOrThrow } from './find-or-throw';

const REPORTING_CATEGORIES: Record<TBalanceTransactionType, string> = {
  charge: 'charge',
  refund: 'refund',
  transfer: 'transfer',
  transfer_refund: 'transfer_reversal',
};

/**
 * Books a movement of the platform balance. The emulator charges no fees and makes funds
 * available at once, so `net === amount` and the balance is the plain sum of these.
 */
export function recordBalanceTransaction(
  ctx: TEmulatorContext,
  entry: { amount: number; currency: string; type: TBalanceTransactionType; source: string; description: string | null },
): TBalanceTransaction {
  const now = ctx.now();
  return ctx.store.put('balanceTransactions', {
    id: generateId('txn_'),
    object: 'balance_transaction',
    amount: entry.amount,
    available_on: now,
    created: now,
    currency: entry.currency,
    description: entry.description,
    exchange_rate: null,
    fee: 0,
    fee_details: [],
    net: entry.amount,
    reporting_category: REPORTING_CATEGORIES[entry.type],
    source: entry.source,
    status: 'available',
    type: entry.type,
  });
}

/** Available platform balance per currency, in minor units. */
export function availableBalance(ctx: TEmulatorContext): Map<string, number> {
  const totals = new Map<string, number>();
  for (const transaction of Object.values(ctx.store.state.balanceTransactions)) {
    totals.set(transaction.currency, (totals.get(transaction.currency) ?? 0) + transaction.net);
  }
  return totals;
}

const ZListBalanceTransactions = z
  .object({
    ...ZListParams,
    currency: formCurrency().optional(),
    source: formString().optional(),
    type: z.enum(['charge', 'refund', 'transfer', 'transfer_refund']).optional(),
  })
  .strict();

export const balanceTransactionRoutes: TApiRoute[] = [
  {
    method: 'GET',
    path: '/v1/balance_transactions/:id',
    handler: ({ params, body }, ctx) => {
      const { expand } = parseParams(z.object({ expand: ZExpand }).strict(), body);
      return expandResponse(ctx, findOrThrow(ctx, 'balanceTransactions', params.id), expand);
    },
  },
  {
    method: 'GET',
    path: '/v1/balance_transactions',
    handler: ({ body }, ctx) => {
      const query = parseParams(ZListBalanceTransactions, body);
      const items = ctx.store
        .list('balanceTransactions')
        .filter(
          (transaction) =>
            (!query.currency || transaction.currency === query.currency) &&
            (!query.source || transaction.source === query.source) &&
            (!query.type || transaction.type === query.type) &&
            matchesCreated(transaction.created, query.created),
        );
      return expandResponse(ctx, paginateList(items, query, '/v1/balance_transactions'), query.expand);
    },
  },
];
