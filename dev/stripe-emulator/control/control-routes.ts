import { z } from 'zod';
import { NO_API_REQUEST, type TEmulatorContext } from '../emulator-context';
import { invalidRequest } from '../http/api-error';
import type { FaultSwitch } from '../http/fault-switch';
import { formAmount, formEmail, formInteger, formString, formUrl, parseParams } from '../http/parse-params';
import type { THttpMethod } from '../http/router';
import { completeOnboarding } from '../resources/account-links';
import { findAccount } from '../resources/accounts';
import { expireDueCheckoutSessions } from '../resources/checkout-sessions';
import { closeDispute, createDispute } from '../resources/disputes';
import { findOrThrow } from '../resources/find-or-throw';
import { payCheckoutSession } from '../resources/pay-checkout-session';
import { TEST_IBAN } from '../pages/onboarding-page';
import type { WebhookDispatcher } from '../webhooks/webhook-dispatcher';

export type TControlDeps = { ctx: TEmulatorContext; dispatcher: WebhookDispatcher; faults: FaultSwitch };

export type TControlRequest = { params: Record<string, string>; body: Record<string, unknown>; query: URLSearchParams };

export type TControlRoute = { method: THttpMethod; path: string; handler: (request: TControlRequest, deps: TControlDeps) => unknown };

const ZPay = z
  .object({
    card_number: formString().default('4242424242424242'),
    exp_month: formInteger().optional(),
    exp_year: formInteger().optional(),
    cvc: formString(4).default('123'),
    email: formEmail().optional(),
    name: formString(200).optional(),
  })
  .strict();

const ZFault = z
  .object({
    method: z.enum(['GET', 'POST', 'DELETE']).default('POST'),
    path: formString(200).pipe(z.string().startsWith('/v1/', 'Faults apply to API paths under /v1/.')),
    action: z.enum(['reset', 'server_error']).default('reset'),
    when: z.enum(['before', 'after']).default('after'),
    count: formInteger().pipe(z.number().int().min(1)).optional(),
  })
  .strict();

const ZDispute = z.object({ reason: formString(50).optional(), amount: formAmount(1).optional() }).strict();

/**
 * Test controls under `/_emulator/`: things that happen outside the API in real life (a
 * customer paying, a bank opening a dispute, time passing) plus webhook plumbing. Not
 * part of Stripe's API; no API key, since the emulator only listens on the loopback.
 */
export const controlRoutes: TControlRoute[] = [
  {
    method: 'GET',
    path: '/_emulator/health',
    handler: (_request, { ctx, dispatcher }) => ({
      ok: true,
      api_version: ctx.apiVersion,
      public_url: ctx.publicUrl,
      now: ctx.now(),
      webhook_endpoints: dispatcher.endpointUrls,
      counts: Object.fromEntries(
        Object.entries(ctx.store.state)
          .filter(([, value]) => typeof value === 'object' && value !== null)
          .map(([name, value]) => [name, Object.keys(value as object).length]),
      ),
    }),
  },
  {
    method: 'POST',
    path: '/_emulator/reset',
    handler: (_request, { ctx, dispatcher }) => {
      ctx.store.reset();
      dispatcher.deliveries.length = 0;
      return { ok: true };
    },
  },
  {
    method: 'POST',
    path: '/_emulator/checkout/sessions/:id/pay',
    handler: ({ params, body }, { ctx }) => {
      const input = parseParams(ZPay, body);
      const year = input.exp_year ?? new Date(ctx.now() * 1000).getUTCFullYear() + 2;
      const { session, paymentIntent, charge } = payCheckoutSession(ctx, params.id, {
        card: { number: input.card_number, expiry: `${input.exp_month ?? 12}/${year}`, cvc: input.cvc },
        email: input.email ?? 'customer@example.com',
        name: input.name ?? 'Test Customer',
      });
      return { checkout_session: session, payment_intent: paymentIntent, charge };
    },
  },
  {
    method: 'POST',
    path: '/_emulator/charges/:id/dispute',
    handler: ({ params, body }, { ctx }) => {
      const input = parseParams(ZDispute, body);
      return createDispute(ctx, findOrThrow(ctx, 'charges', params.id, 'charge'), input, NO_API_REQUEST);
    },
  },
  {
    method: 'POST',
    path: '/_emulator/disputes/:id/close',
    handler: ({ params, body }, { ctx }) => {
      const { status } = parseParams(z.object({ status: z.enum(['won', 'lost']) }).strict(), body);
      return closeDispute(ctx, findOrThrow(ctx, 'disputes', params.id, 'dispute'), status, NO_API_REQUEST);
    },
  },
  {
    method: 'POST',
    path: '/_emulator/accounts/:id/onboard',
    handler: ({ params, body }, { ctx }) => {
      const input = parseParams(z.object({ business_name: formString(200).optional(), iban: formString(40).optional() }).strict(), body);
      const account = findAccount(ctx, params.id);
      return completeOnboarding(ctx, account, {
        businessName: input.business_name ?? account.business_profile.name ?? account.email ?? 'Test business',
        iban: input.iban ?? TEST_IBAN,
      });
    },
  },
  {
    method: 'POST',
    path: '/_emulator/events/:id/resend',
    handler: ({ params, body }, { ctx, dispatcher }) => {
      const { url } = parseParams(z.object({ url: formUrl().optional() }).strict(), body);
      const event = findOrThrow(ctx, 'events', params.id);
      const urls = url ? [url] : dispatcher.endpointUrls;
      if (urls.length === 0) throw invalidRequest('No webhook endpoint is configured; pass `url` or add one first.', { param: 'url' });
      dispatcher.dispatch(event, urls);
      return { id: event.id, type: event.type, endpoints: urls };
    },
  },
  {
    method: 'GET',
    path: '/_emulator/webhook-endpoints',
    handler: (_request, { dispatcher }) => ({ endpoints: dispatcher.endpointUrls }),
  },
  {
    method: 'POST',
    path: '/_emulator/webhook-endpoints',
    handler: ({ body }, { dispatcher }) => {
      const { url } = parseParams(z.object({ url: formUrl() }).strict(), body);
      dispatcher.addEndpoint(url);
      return { endpoints: dispatcher.endpointUrls };
    },
  },
  {
    method: 'DELETE',
    path: '/_emulator/webhook-endpoints',
    handler: ({ query }, { dispatcher }) => {
      const url = query.get('url');
      if (!url || !dispatcher.removeEndpoint(url)) throw invalidRequest(`No webhook endpoint ${url ?? ''} is configured.`, { param: 'url' });
      return { endpoints: dispatcher.endpointUrls };
    },
  },
  {
    method: 'GET',
    path: '/_emulator/webhook-deliveries',
    handler: (_request, { dispatcher }) => ({ data: [...dispatcher.deliveries].reverse() }),
  },
  {
    method: 'GET',
    path: '/_emulator/faults',
    handler: (_request, { faults }) => ({ data: faults.list() }),
  },
  {
    // e.g. { path: '/v1/transfers', when: 'after', action: 'reset', count: 1 }: the next transfer
    // is made, and its answer never arrives.
    method: 'POST',
    path: '/_emulator/faults',
    handler: ({ body }, { faults }) => faults.add(parseParams(ZFault, body)),
  },
  {
    method: 'DELETE',
    path: '/_emulator/faults',
    handler: (_request, { faults }) => {
      faults.clear();
      return { data: [] };
    },
  },
  {
    method: 'POST',
    path: '/_emulator/clock/advance',
    handler: ({ body }, { ctx }) => {
      const { seconds } = parseParams(z.object({ seconds: formInteger().pipe(z.number().int().min(1)) }).strict(), body);
      ctx.store.state.clockOffsetSeconds += seconds;
      expireDueCheckoutSessions(ctx);
      return { now: ctx.now() };
    },
  },
];
