import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { controlRoutes, type TControlRoute } from './control/control-routes';
import { handleControlRequest } from './control/handle-control-request';
import type { TEmulatorContext } from './emulator-context';
import { FaultSwitch, type TFault, type TFaultSpec } from './http/fault-switch';
import { handleApiRequest, type TApiHandler } from './http/handle-api-request';
import { Router } from './http/router';
import { checkoutPageRoutes } from './pages/checkout-page';
import { onboardingPageRoutes } from './pages/onboarding-page';
import type { TPageHandler } from './pages/page-route';
import { renderNotice, sendHtml } from './pages/render-page';
import { accountLinkRoutes } from './resources/account-links';
import { accountRoutes } from './resources/accounts';
import { balanceRoutes } from './resources/balance';
import { balanceTransactionRoutes } from './resources/balance-transactions';
import { chargeRoutes } from './resources/charges';
import { checkoutSessionRoutes, expireDueCheckoutSessions } from './resources/checkout-sessions';
import { disputeRoutes } from './resources/disputes';
import { createEvent, eventRoutes } from './resources/events';
import { payCheckoutSession, type TPaymentResult } from './resources/pay-checkout-session';
import { paymentIntentRoutes } from './resources/payment-intents';
import { refundRoutes } from './resources/refunds';
import { transferRoutes } from './resources/transfers';
import { EmulatorStore, type TEmulatorState } from './state/emulator-store';
import { WebhookDispatcher, type TWebhookDelivery } from './webhooks/webhook-dispatcher';

/** The signing secret when none is given; the app's dev `STRIPE_WEBHOOK_SECRET` default. */
export const DEFAULT_WEBHOOK_SECRET = 'whsec_nearprint_local_stripe_emulator';

export type TStripeEmulatorOptions = {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Accept only this key; by default any `sk_test_…` / `rk_test_…` key is accepted. */
  apiKey?: string;
  /** Where webhooks go; more can be added at run time (`POST /_emulator/webhook-endpoints`). */
  webhookUrl?: string | string[];
  webhookSecret?: string;
  /** JSON file that keeps state across restarts, e.g. `.data/stripe-emulator.json`. */
  dataFile?: string;
  /** Base URL of the hosted pages when the browser reaches the emulator at another address. */
  publicUrl?: string;
  /** Shown on the hosted pages and as the statement descriptor. */
  merchantName?: string;
  /** Currency of an empty platform balance. */
  defaultCurrency?: string;
  /** Waits before each webhook retry (their count bounds the retries). */
  webhookRetryDelaysMs?: number[];
  webhookTimeoutMs?: number;
  /** Receives one line per request and per webhook delivery attempt. */
  log?: (line: string) => void;
};

export type TStripeEmulator = {
  /** Base URL, e.g. http://127.0.0.1:12111. */
  url: string;
  port: number;
  webhookSecret: string;
  apiVersion: string;
  /** Spread into `new Stripe(key, { ...emulator.stripeConfig })`. */
  stripeConfig: { host: string; port: number; protocol: 'http' };
  /** Live state, for assertions. */
  readonly state: TEmulatorState;
  readonly deliveries: readonly TWebhookDelivery[];
  addWebhookEndpoint(url: string): void;
  /** Resolves when every queued webhook has been delivered or given up on. */
  webhooksIdle(): Promise<void>;
  /** Spoils matching API requests (connection reset or 500, before or after the work); see `/_emulator/faults`. */
  addFault(spec: TFaultSpec): TFault;
  clearFaults(): void;
  /** Pays a Checkout Session as a customer would (default card 4242 4242 4242 4242). */
  payCheckoutSession(sessionId: string, cardNumber?: string): TPaymentResult;
  stop(): Promise<void>;
};

const DEFAULT_RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 120_000];

/**
 * Starts a local stand-in for api.stripe.com that the official SDK talks to unchanged
 * (`new Stripe(key, { host, port, protocol: 'http' })`): the endpoints Nearprint uses,
 * hosted checkout and Connect onboarding pages, and signed webhooks.
 */
export async function startStripeEmulator(options: TStripeEmulatorOptions = {}): Promise<TStripeEmulator> {
  const host = options.host ?? '127.0.0.1';
  const webhookSecret = options.webhookSecret ?? DEFAULT_WEBHOOK_SECRET;
  const store = await EmulatorStore.open(options.dataFile);
  const log = options.log;
  const faults = new FaultSwitch();

  const dispatcher = new WebhookDispatcher({
    secret: webhookSecret,
    retryDelaysMs: options.webhookRetryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
    timeoutMs: options.webhookTimeoutMs ?? 10_000,
    log,
    onDelivered: (event) => {
      const stored = store.get('events', event.id);
      if (stored && stored.pending_webhooks > 0) {
        stored.pending_webhooks -= 1;
        store.changed();
      }
    },
  });
  for (const url of [options.webhookUrl ?? []].flat()) dispatcher.addEndpoint(url);

  const ctx: TEmulatorContext = {
    store,
    publicUrl: '',
    merchantName: options.merchantName ?? 'Nearprint',
    defaultCurrency: options.defaultCurrency ?? 'eur',
    apiVersion: Stripe.API_VERSION,
    now: () => Math.floor(Date.now() / 1000) + store.state.clockOffsetSeconds,
    emit: (type, object, origin, emitOptions) => {
      const event = createEvent(store, { apiVersion: Stripe.API_VERSION, now: ctx.now(), endpointCount: dispatcher.endpointUrls.length }, type, object, origin, emitOptions);
      dispatcher.dispatch(event);
      return event;
    },
  };

  const apiRouter = new Router<TApiHandler>();
  for (const route of [
    ...checkoutSessionRoutes,
    ...paymentIntentRoutes,
    ...chargeRoutes,
    ...refundRoutes,
    ...disputeRoutes,
    ...accountRoutes,
    ...accountLinkRoutes,
    ...transferRoutes,
    ...balanceRoutes,
    ...balanceTransactionRoutes,
    ...eventRoutes,
  ]) {
    apiRouter.add(route.method, route.path, route.handler);
  }
  const pageRouter = new Router<TPageHandler>();
  for (const route of [...checkoutPageRoutes, ...onboardingPageRoutes]) pageRouter.add(route.method, route.path, route.handler);
  const controlRouter = new Router<TControlRoute['handler']>();
  for (const route of controlRoutes) controlRouter.add(route.method, route.path, route.handler);

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://emulator.invalid');
    if (url.pathname.startsWith('/v1/')) {
      return handleApiRequest(request, response, url, apiRouter, ctx, options.apiKey, faults);
    }
    if (url.pathname.startsWith('/_emulator/')) {
      return handleControlRequest(request, response, url, controlRouter, { ctx, dispatcher, faults });
    }
    const match = pageRouter.match(request.method ?? 'GET', url.pathname);
    if (match.kind === 'found') return match.handler(request, response, match.params, ctx);
    if (url.pathname === '/') {
      return sendHtml(response, 200, renderNotice('Stripe emulator', `Running at ${ctx.publicUrl} with API version ${ctx.apiVersion}.`));
    }
    sendHtml(response, 404, renderNotice('Not found', `Nothing here: ${url.pathname}`));
  };

  const server = createServer((request, response) => {
    const startedAt = Date.now();
    response.on('finish', () => log?.(`${request.method} ${request.url} → ${response.statusCode} in ${Date.now() - startedAt} ms`));
    handle(request, response).catch((error: unknown) => {
      console.error('[stripe-emulator] request failed:', error);
      if (!response.headersSent) sendHtml(response, 500, renderNotice('Emulator error', 'The Stripe emulator failed on this request; see its log.'));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  ctx.publicUrl = (options.publicUrl ?? url).replace(/\/+$/, '');

  const sweeper = setInterval(() => expireDueCheckoutSessions(ctx), 1_000);
  sweeper.unref();

  return {
    url,
    port,
    webhookSecret,
    apiVersion: Stripe.API_VERSION,
    stripeConfig: { host: urlHost.replace(/^\[|\]$/g, ''), port, protocol: 'http' },
    get state() {
      return store.state;
    },
    get deliveries() {
      return dispatcher.deliveries;
    },
    addWebhookEndpoint: (endpoint) => dispatcher.addEndpoint(endpoint),
    addFault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    webhooksIdle: () => dispatcher.idle(),
    payCheckoutSession: (sessionId, cardNumber = '4242424242424242') =>
      payCheckoutSession(ctx, sessionId, { card: { number: cardNumber, expiry: '12/40', cvc: '123' }, email: 'customer@example.com' }),
    stop: async () => {
      clearInterval(sweeper);
      dispatcher.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.flush();
    },
  };
}
