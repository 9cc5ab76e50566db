import { z } from 'zod';
import { NO_API_REQUEST, type TEmulatorContext, type TRequestOrigin } from '../emulator-context';
import { invalidRequest, validationError } from '../http/api-error';
import type { TApiRoute } from '../http/handle-api-request';
import { formAmount, formArray, formCurrency, formEmail, formInteger, formMetadata, formString, formUrl, matchesCreated, parseParams, ZExpand, ZListParams } from '../http/parse-params';
import { generateId } from '../state/generate-id';
import { paginateList } from '../state/paginate-list';
import type { TCheckoutSession, TLineItem } from '../state/stripe-objects';
import { formatMoney } from '../pages/format-money';
import { expandResponse } from './expand-response';
import { findOrThrow } from './find-or-throw';
import { previousAttributes } from './events';

const ZLineItem = z
  .object({
    price: formString().optional(),
    price_data: z
      .object({
        currency: formCurrency(),
        unit_amount: formAmount(),
        product_data: z
          .object({
            name: formString(250),
            description: formString(500).optional(),
            images: formArray(formUrl(), { max: 8 }).optional(),
            metadata: formMetadata().optional(),
          })
          .strict(),
      })
      .strict()
      .optional(),
    quantity: formInteger().pipe(z.number().int().min(1).max(999_999)),
  })
  .strict();

const ZCardOnly = formArray(z.enum(['card']), { min: 1 }).optional();

const ZCreateCheckoutSession = z
  .object({
    mode: z.enum(['payment']),
    line_items: formArray(ZLineItem, { min: 1, max: 100 }),
    success_url: formUrl(),
    cancel_url: formUrl().optional(),
    metadata: formMetadata().optional(),
    customer_email: formEmail().optional(),
    client_reference_id: formString(200).optional(),
    expires_at: formInteger().optional(),
    locale: formString(10).optional(),
    submit_type: z.enum(['auto', 'book', 'donate', 'pay']).optional(),
    allowed_payment_method_types: ZCardOnly,
    payment_method_types: ZCardOnly,
    payment_intent_data: z
      .object({
        description: formString(1000).optional(),
        metadata: formMetadata().optional(),
        receipt_email: formEmail().optional(),
        transfer_group: formString().optional(),
      })
      .strict()
      .optional(),
    expand: ZExpand,
  })
  .strict();

const ZListCheckoutSessions = z
  .object({
    ...ZListParams,
    payment_intent: formString().optional(),
    status: z.enum(['open', 'complete', 'expired']).optional(),
    customer_details: z.object({ email: formEmail() }).strict().optional(),
  })
  .strict();

/**
 * The smallest total Stripe accepts per currency, in minor units (Stripe's table of
 * minimum charge amounts); 50 minor units elsewhere.
 */
const MINIMUM_AMOUNTS: Record<string, number> = { gbp: 30, hkd: 400, jpy: 50, mxn: 1000, nok: 300, sek: 300, dkk: 250, czk: 1500, huf: 17500, pln: 200, ron: 200, bgn: 100, inr: 50 };

const THIRTY_MINUTES = 30 * 60;
const ONE_DAY = 24 * 60 * 60;

function createCheckoutSession(ctx: TEmulatorContext, params: z.output<typeof ZCreateCheckoutSession>) {
  const now = ctx.now();
  const id = generateId('cs_test_');
  const currency = params.line_items.find((item) => item.price_data)?.price_data?.currency;
  const lineItems: TLineItem[] = params.line_items.map((item, index) => {
    if (item.price || !item.price_data) {
      throw validationError('The Stripe emulator has no Prices: pass line_items[][price_data] instead of a price id.', 'parameter_unknown', `line_items[${index}][price]`);
    }
    if (item.price_data.currency !== currency) {
      throw validationError('All line items must have the same currency.', undefined, `line_items[${index}][price_data][currency]`);
    }
    const amount = item.price_data.unit_amount * item.quantity;
    return {
      id: generateId('li_'),
      object: 'item',
      amount_discount: 0,
      amount_subtotal: amount,
      amount_tax: 0,
      amount_total: amount,
      currency: item.price_data.currency,
      description: item.price_data.product_data.name,
      quantity: item.quantity,
      price: {
        id: generateId('price_'),
        object: 'price',
        active: false,
        billing_scheme: 'per_unit',
        created: now,
        currency: item.price_data.currency,
        livemode: false,
        lookup_key: null,
        metadata: {},
        nickname: null,
        product: generateId('prod_'),
        recurring: null,
        tax_behavior: 'unspecified',
        type: 'one_time',
        unit_amount: item.price_data.unit_amount,
        unit_amount_decimal: String(item.price_data.unit_amount),
      },
    };
  });
  const total = lineItems.reduce((sum, item) => sum + item.amount_total, 0);
  const minimum = MINIMUM_AMOUNTS[currency!] ?? 50;
  if (total < minimum) {
    throw validationError(`The Checkout Session's total amount due must add up to at least ${formatMoney(minimum, currency!)} ${currency}`, 'amount_too_small', 'line_items');
  }
  if (total > 99_999_999) {
    throw validationError(`The Checkout Session's total amount due must be no more than ${formatMoney(99_999_999, currency!)}.`, 'amount_too_large', 'line_items');
  }
  const expiresAt = params.expires_at ?? now + ONE_DAY;
  if (expiresAt < now + THIRTY_MINUTES) {
    throw validationError('The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.', undefined, 'expires_at');
  }
  if (expiresAt > now + ONE_DAY) {
    throw validationError('The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.', undefined, 'expires_at');
  }
  const session: TCheckoutSession = {
    id,
    object: 'checkout.session',
    allow_promotion_codes: null,
    amount_subtotal: total,
    amount_total: total,
    cancel_url: params.cancel_url ?? null,
    client_reference_id: params.client_reference_id ?? null,
    created: now,
    currency: currency!,
    customer: null,
    customer_details: null,
    customer_email: params.customer_email ?? null,
    expires_at: expiresAt,
    livemode: false,
    locale: (params.locale as TCheckoutSession['locale']) ?? null,
    metadata: params.metadata ?? {},
    mode: 'payment',
    payment_intent: null,
    payment_method_types: ['card'],
    payment_status: 'unpaid',
    status: 'open',
    submit_type: params.submit_type ?? null,
    success_url: params.success_url,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    url: `${ctx.publicUrl}/checkout/${id}`,
    ui_mode: 'hosted_page',
  };
  ctx.store.state.checkoutSessionDetails[id] = {
    lineItems,
    paymentIntentData: {
      metadata: params.payment_intent_data?.metadata ?? {},
      description: params.payment_intent_data?.description ?? null,
      receiptEmail: params.payment_intent_data?.receipt_email ?? null,
      transferGroup: params.payment_intent_data?.transfer_group ?? null,
    },
  };
  return ctx.store.put('checkoutSessions', session);
}

/** Closes an open session for good and tells the app (`checkout.session.expired`). */
export function expireCheckoutSession(ctx: TEmulatorContext, session: TCheckoutSession, origin: TRequestOrigin): TCheckoutSession {
  const before = structuredClone(session);
  session.status = 'expired';
  session.url = null;
  ctx.store.changed();
  ctx.emit('checkout.session.expired', session, origin, { previousAttributes: previousAttributes(before, session) });
  return session;
}

/**
 * Expires every open session whose `expires_at` has passed, as Stripe does shortly after
 * that moment. Run on a timer and before a session is paid, so an expired session can
 * never be completed.
 */
export function expireDueCheckoutSessions(ctx: TEmulatorContext): void {
  const now = ctx.now();
  for (const session of Object.values(ctx.store.state.checkoutSessions)) {
    if (session.status === 'open' && session.expires_at <= now) expireCheckoutSession(ctx, session, NO_API_REQUEST);
  }
}

export const checkoutSessionRoutes: TApiRoute[] = [
  {
    method: 'POST',
    path: '/v1/checkout/sessions',
    handler: ({ body }, ctx) => {
      const params = parseParams(ZCreateCheckoutSession, body);
      return expandResponse(ctx, createCheckoutSession(ctx, params), params.expand);
    },
  },
  {
    method: 'GET',
    path: '/v1/checkout/sessions/:id',
    handler: ({ params, body }, ctx) => {
      const { expand } = parseParams(z.object({ expand: ZExpand }).strict(), body);
      expireDueCheckoutSessions(ctx);
      return expandResponse(ctx, findOrThrow(ctx, 'checkoutSessions', params.id, 'session'), expand);
    },
  },
  {
    method: 'GET',
    path: '/v1/checkout/sessions',
    handler: ({ body }, ctx) => {
      const query = parseParams(ZListCheckoutSessions, body);
      expireDueCheckoutSessions(ctx);
      const items = ctx.store
        .list('checkoutSessions')
        .filter(
          (session) =>
            (!query.payment_intent || session.payment_intent === query.payment_intent) &&
            (!query.status || session.status === query.status) &&
            (!query.customer_details || session.customer_details?.email === query.customer_details.email) &&
            matchesCreated(session.created, query.created),
        );
      return expandResponse(ctx, paginateList(items, query, '/v1/checkout/sessions'), query.expand);
    },
  },
  {
    method: 'GET',
    path: '/v1/checkout/sessions/:id/line_items',
    handler: ({ params, body }, ctx) => {
      const query = parseParams(z.object(ZListParams).strict(), body);
      findOrThrow(ctx, 'checkoutSessions', params.id, 'session');
      const lineItems = ctx.store.state.checkoutSessionDetails[params.id]?.lineItems ?? [];
      return expandResponse(ctx, paginateList(lineItems, query, `/v1/checkout/sessions/${params.id}/line_items`), query.expand);
    },
  },
  {
    method: 'POST',
    path: '/v1/checkout/sessions/:id/expire',
    handler: ({ params, body, origin }, ctx) => {
      const { expand } = parseParams(z.object({ expand: ZExpand }).strict(), body);
      expireDueCheckoutSessions(ctx);
      const session = findOrThrow(ctx, 'checkoutSessions', params.id, 'session');
      if (session.status !== 'open') {
        throw invalidRequest(`Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`);
      }
      return expandResponse(ctx, expireCheckoutSession(ctx, session, origin), expand);
    },
  },
];
