import type { TEvent } from '../state/stripe-objects';
import { signWebhookPayload } from './sign-webhook-payload';

export type TWebhookDelivery = {
  eventId: string;
  eventType: string;
  url: string;
  attempt: number;
  /** HTTP status of the endpoint's answer; null when it could not be reached. */
  status: number | null;
  error: string | null;
  isSuccess: boolean;
  /** Start of the attempt, unix milliseconds. */
  at: number;
  durationMs: number;
};

export type TWebhookDispatcherOptions = {
  secret: string;
  /** Waits before each retry; their count bounds the retries. */
  retryDelaysMs: number[];
  timeoutMs: number;
  log?: (line: string) => void;
  /** Called when an endpoint acknowledged the event with a 2xx. */
  onDelivered: (event: TEvent) => void;
};

const MAX_LOGGED_DELIVERIES = 1000;

/**
 * Delivers events to webhook endpoints the way Stripe does: a JSON POST signed with
 * `Stripe-Signature`, success only on 2xx (redirects count as failures), retried with
 * growing delays on anything else. Delivery never blocks the API response that caused
 * the event. Each endpoint gets first attempts in the order events happened; a retry
 * goes to the back of the queue, so a flaky endpoint sees events out of order, as it
 * would with Stripe.
 */
export class WebhookDispatcher {
  readonly deliveries: TWebhookDelivery[] = [];
  private readonly endpoints = new Set<string>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly abort = new AbortController();
  private pending = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: TWebhookDispatcherOptions) {}

  get endpointUrls(): string[] {
    return [...this.endpoints];
  }

  addEndpoint(url: string): void {
    this.endpoints.add(url);
  }

  removeEndpoint(url: string): boolean {
    return this.endpoints.delete(url);
  }

  dispatch(event: TEvent, urls: string[] = this.endpointUrls): void {
    for (const url of urls) this.enqueue(url, event, 1);
  }

  /** Resolves when no delivery is queued, in flight or waiting for a retry. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.abort.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.pending = 0;
    this.settle();
  }

  private enqueue(url: string, event: TEvent, attempt: number): void {
    if (this.abort.signal.aborted) return;
    this.pending += 1;
    const previous = this.queues.get(url) ?? Promise.resolve();
    const next = previous
      .then(() => this.deliver(url, event, attempt))
      .catch((error: unknown) => {
        this.options.log?.(`webhook ${event.id} → ${url}: delivery crashed: ${String(error)}`);
        this.finish();
      });
    this.queues.set(url, next);
  }

  private async deliver(url: string, event: TEvent, attempt: number): Promise<void> {
    if (this.abort.signal.aborted) return;
    const payload = JSON.stringify(event, null, 2);
    const at = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'Stripe-Signature': signWebhookPayload(payload, this.options.secret),
        },
        body: payload,
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.options.timeoutMs)]),
      });
      status = response.status;
      await response.arrayBuffer();
    } catch (caught) {
      error = caught instanceof Error ? ((caught.cause as Error | undefined)?.message ?? caught.message) : String(caught);
    }
    if (this.abort.signal.aborted) return;
    const isSuccess = status !== null && status >= 200 && status < 300;
    this.record({ eventId: event.id, eventType: event.type, url, attempt, status, error, isSuccess, at, durationMs: Date.now() - at });
    if (isSuccess) {
      this.options.onDelivered(event);
    } else if (attempt <= this.options.retryDelaysMs.length) {
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          this.enqueue(url, event, attempt + 1);
          this.finish();
        },
        this.options.retryDelaysMs[attempt - 1],
      );
      timer.unref();
      this.timers.add(timer);
      return;
    }
    this.finish();
  }

  private record(delivery: TWebhookDelivery): void {
    this.deliveries.push(delivery);
    if (this.deliveries.length > MAX_LOGGED_DELIVERIES) this.deliveries.shift();
    const outcome = delivery.status !== null ? `${delivery.status}` : `failed (${delivery.error})`;
    const retry = delivery.isSuccess ? '' : delivery.attempt <= this.options.retryDelaysMs.length ? ', will retry' : ', giving up';
    this.options.log?.(`webhook ${delivery.eventType} ${delivery.eventId} → ${delivery.url} attempt ${delivery.attempt}: ${outcome} in ${delivery.durationMs} ms${retry}`);
  }

  private finish(): void {
    this.pending -= 1;
    this.settle();
  }

  private settle(): void {
    if (this.pending > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
