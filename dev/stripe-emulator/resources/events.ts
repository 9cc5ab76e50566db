import type Stripe from 'stripe';
import { z } from 'zod';
import type { TEmitOptions, TEmulatorContext, TRequestOrigin } from '../emulator-context';
import type { TApiRoute } from '../http/handle-api-request';
import { formArray, formBoolean, formString, matchesCreated, parseParams, ZExpand, ZListParams } from '../http/parse-params';
import type { EmulatorStore } from '../state/emulator-store';
import { generateId } from '../state/generate-id';
import { paginateList } from '../state/paginate-list';
import type { TEvent, TStripeObject } from '../state/stripe-objects';
import { expandResponse } from './expand-response';
import { findOrThrow } from './find-or-throw';

/**
 * Builds and stores an event. `data.object` is a snapshot taken now, so later changes to
 * the object do not leak into an event already sent (as with Stripe, the app should
 * re-fetch the object when it needs the current state). `pending_webhooks` counts the
 * endpoints that have not yet acknowledged it.
 */
export function createEvent(
  store: EmulatorStore,
  context: { apiVersion: string; now: number; endpointCount: number },
  type: Stripe.Event.Type,
  object: TStripeObject,
  origin: TRequestOrigin,
  options: TEmitOptions = {},
): TEvent {
  return store.put('events', {
    id: generateId('evt_'),
    object: 'event',
    ...(options.account ? { account: options.account } : {}),
    api_version: context.apiVersion,
    created: context.now,
    data: {
      object: structuredClone(object),
      ...(options.previousAttributes ? { previous_attributes: options.previousAttributes } : {}),
    },
    livemode: false,
    pending_webhooks: context.endpointCount,
    request: origin,
    type,
  });
}

/** The top-level fields of `before` that differ from `after`, as Stripe's `previous_attributes`. */
export function previousAttributes(before: object, after: object): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(before)) {
    if (JSON.stringify(value) !== JSON.stringify((after as Record<string, unknown>)[key])) changed[key] = value;
  }
  return changed;
}

const ZListEvents = z
  .object({
    ...ZListParams,
    type: formString().optional(),
    types: formArray(formString(), { max: 20 }).optional(),
    delivery_success: formBoolean().optional(),
  })
  .strict();

/** `type` may end in `.*` (`charge.*`), as Stripe allows. */
function matchesType(type: string, pattern: string): boolean {
  return pattern.endsWith('.*') ? type.startsWith(pattern.slice(0, -1)) : type === pattern;
}

export const eventRoutes: TApiRoute[] = [
  {
    method: 'GET',
    path: '/v1/events/:id',
    handler: ({ params, body }, ctx: TEmulatorContext) => {
      const { expand } = parseParams(z.object({ expand: ZExpand }).strict(), body);
      return expandResponse(ctx, findOrThrow(ctx, 'events', params.id), expand);
    },
  },
  {
    method: 'GET',
    path: '/v1/events',
    handler: ({ body }, ctx) => {
      const query = parseParams(ZListEvents, body);
      const items = ctx.store
        .list('events')
        .filter(
          (event) =>
            (!query.type || matchesType(event.type, query.type)) &&
            (!query.types || query.types.some((pattern) => matchesType(event.type, pattern))) &&
            (query.delivery_success === undefined || (event.pending_webhooks === 0) === query.delivery_success) &&
            matchesCreated(event.created, query.created),
        );
      return expandResponse(ctx, paginateList(items, query, '/v1/events'), query.expand);
    },
  },
];
