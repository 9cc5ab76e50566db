import { setTimeout as sleep } from 'node:timers/promises';
import { callRoute, type TSession } from '@/e2e/fixtures/http-client';
import { withTransientRetry } from './transient-retry';

/**
 * The shops' counters, through the shop API (/api/v1) with each shop's write key, as a till
 * system would run it: one poll of each shop's job list, accepting jobs that wait for acceptance
 * and handing over every printed order with the pickup code its customer reads on their order
 * page. Each tracked order settles as collected, or refunded when the shop could not print it.
 */
export type TOrderOutcome = 'collected' | 'refunded';
export type TShopKey = { shopId: string; key: string };

type TApiJob = { id: string; orderId: string; state: string; orderStatus: string; createdAt: string };
type TTracked = { shopId: string; customer: TSession; settle: (outcome: TOrderOutcome) => void; isBusy: boolean };

const POLL_MS = 1_000;

/** The six-digit code from the customer's order page, as they would read it out at the counter. */
async function pickupCodeFromOrderPage(customer: TSession, orderId: string): Promise<string> {
  const page = await withTransientRetry('order page', () => callRoute(customer, 'GET', `/orders/${orderId}`));
  const at = page.text.indexOf('data-testid="pickup-code"');
  const code = at >= 0 ? /\d{6}/.exec(page.text.slice(at, at + 400).replace(/<[^>]*>/g, ''))?.[0] : undefined;
  if (!code) throw new Error(`order ${orderId}: no pickup code on its page (${page.status})`);
  return code;
}

export function startShopDesk(options: { baseUrl: string; keys: TShopKey[]; log: (line: string) => void }) {
  const { baseUrl, keys, log } = options;
  const keyOf = new Map(keys.map((k) => [k.shopId, k.key]));
  const tracked = new Map<string, TTracked>();
  let isRunning = true;

  const api = (shopId: string, method: 'GET' | 'POST', path: string, body?: unknown) =>
    withTransientRetry(`shop api ${method}`, () =>
      callRoute({ label: 'shop api', cookie: null, baseUrl }, method, `/api/v1/shops/${shopId}${path}`, {
        headers: { authorization: `Bearer ${keyOf.get(shopId)}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );

  async function handle(orderId: string, order: TTracked, job: TApiJob): Promise<void> {
    if (job.orderStatus === 'collected') return order.settle('collected');
    if (job.orderStatus === 'refunded' || job.orderStatus === 'canceled') return order.settle('refunded');
    if (job.state === 'awaiting_acceptance') {
      await api(order.shopId, 'POST', `/jobs/${job.id}/accept`, {});
    } else if (job.state === 'printed' && job.orderStatus === 'ready') {
      const code = await pickupCodeFromOrderPage(order.customer, orderId);
      const answer = await api(order.shopId, 'POST', `/jobs/${job.id}/hand-over`, { code });
      const result = answer.status === 200 ? (JSON.parse(answer.text) as { result: string }).result : `status ${answer.status}`;
      if (result === 'collected') order.settle('collected');
      else log(`hand-over of ${orderId}: ${result} ${answer.text.slice(0, 200)}`);
    }
  }

  const loop = (async () => {
    while (isRunning) {
      const shopIds = new Set([...tracked.values()].map((t) => t.shopId));
      for (const shopId of shopIds) {
        try {
          const listed = await api(shopId, 'GET', '/jobs?limit=200');
          if (listed.status !== 200) continue;
          // Newest first: an order's latest job (a reprint after a failure) is the one that counts.
          const latest = new Map<string, TApiJob>();
          for (const job of (JSON.parse(listed.text) as { jobs: TApiJob[] }).jobs) if (!latest.has(job.orderId)) latest.set(job.orderId, job);
          for (const [orderId, job] of latest) {
            const order = tracked.get(orderId);
            if (!order || order.isBusy) continue;
            order.isBusy = true;
            void handle(orderId, order, job)
              .catch((error: unknown) => log(`desk, order ${orderId}: ${(error as Error).message}`))
              .finally(() => (order.isBusy = false));
          }
        } catch (error) {
          log(`desk, shop ${shopId}: ${(error as Error).message}`);
        }
      }
      await sleep(POLL_MS);
    }
  })();

  return {
    /** Resolves once the order is handed over or refunded. */
    settled(order: { orderId: string; shopId: string; customer: TSession }): Promise<TOrderOutcome> {
      return new Promise((resolve) => {
        tracked.set(order.orderId, {
          shopId: order.shopId,
          customer: order.customer,
          isBusy: false,
          settle: (outcome) => {
            tracked.delete(order.orderId);
            resolve(outcome);
          },
        });
      });
    },
    async stop(): Promise<void> {
      isRunning = false;
      await loop;
    },
  };
}
