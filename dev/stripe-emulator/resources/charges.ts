import { z } from 'zod';
import type { TApiRoute } from '../http/handle-api-request';
import { formString, matchesCreated, parseParams, ZExpand, ZListParams } from '../http/parse-params';
import { paginateList } from '../state/paginate-list';
import { expandResponse } from './expand-response';
import { findOrThrow } from './find-or-throw';

const ZListCharges = z
  .object({
    ...ZListParams,
    customer: formString().optional(),
    payment_intent: formString().optional(),
    transfer_group: formString().optional(),
  })
  .strict();

/** Charges are created by paying a Checkout Session; the API side is read-only. */
export const chargeRoutes: TApiRoute[] = [
  {
    method: 'GET',
    path: '/v1/charges/:id',
    handler: ({ params, body }, ctx) => {
      const { expand } = parseParams(z.object({ expand: ZExpand }).strict(), body);
      return expandResponse(ctx, findOrThrow(ctx, 'charges', params.id, 'charge'), expand);
    },
  },
  {
    method: 'GET',
    path: '/v1/charges',
    handler: ({ body }, ctx) => {
      const query = parseParams(ZListCharges, body);
      const items = ctx.store
        .list('charges')
        .filter(
          (charge) =>
            (!query.customer || charge.customer === query.customer) &&
            (!query.payment_intent || charge.payment_intent === query.payment_intent) &&
            (!query.transfer_group || charge.transfer_group === query.transfer_group) &&
            matchesCreated(charge.created, query.created),
        );
      return expandResponse(ctx, paginateList(items, query, '/v1/charges'), query.expand);
    },
  },
];
