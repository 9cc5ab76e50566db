import { z } from 'zod';
import type { TApiRoute } from '../http/handle-api-request';
import { parseParams, ZExpand } from '../http/parse-params';
import { availableBalance } from './balance-transactions';

/**
 * GET /v1/balance – the platform balance: charges minus refunds minus transfers (plus
 * reversed transfers), all available at once, one entry per currency ever used.
 */
export const balanceRoutes: TApiRoute[] = [
  {
    method: 'GET',
    path: '/v1/balance',
    handler: ({ body }, ctx) => {
      parseParams(z.object({ expand: ZExpand }).strict(), body);
      const totals = availableBalance(ctx);
      if (totals.size === 0) totals.set(ctx.defaultCurrency, 0);
      const entries = [...totals].map(([currency, amount]) => ({ currency, amount }));
      return {
        object: 'balance',
        available: entries.map(({ currency, amount }) => ({ amount, currency, source_types: { card: amount } })),
        pending: entries.map(({ currency }) => ({ amount: 0, currency, source_types: { card: 0 } })),
        connect_reserved: entries.map(({ currency }) => ({ amount: 0, currency })),
        livemode: false,
      };
    },
  },
];
