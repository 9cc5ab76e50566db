import { z } from 'zod';
import type { TApiRoute } from '../http/handle-api-request';
import { formString, matchesCreated, parseParams, ZExpand, ZListParams } from '../http/parse-params';
import { paginateList } from '../state/paginate-list';
import { expandResponse } from './expand-response';
import { findOrThrow } from './find-or-throw';

const ZListPaymentIntents = z.object({ ...ZListParams, customer: formString().optional() }).strict();

/**
 * PaymentIntents are created only by paying a Checkout Session (see
 * `pay-checkout-session.ts`), as in Stripe's current API where Checkout creates them at
 * confirmation; the API side is read-only.
 */
export const paymentIntentRoutes: TApiRoute[] = [
  {
    method: 'GET',
    path: '/v1/payment_intents/:id',
    handler: ({ params, body }, ctx) => {
      const { expand } = parseParams(z.object({ expand: ZExpand, client_secret: formString().optional() }).strict(), body);
      return expandResponse(ctx, findOrThrow(ctx, 'paymentIntents', params.id, 'intent'), expand);
    },
  },
  {
    method: 'GET',
    path: '/v1/payment_intents',
    handler: ({ body }, ctx) => {
      const query = parseParams(ZListPaymentIntents, body);
      const items = ctx.store.list('paymentIntents').filter((intent) => (!query.customer || intent.customer === query.customer) && matchesCreated(intent.created, query.created));
      return expandResponse(ctx, paginateList(items, query, '/v1/payment_intents'), query.expand);
    },
  },
];
