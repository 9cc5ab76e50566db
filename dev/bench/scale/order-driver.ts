import { setTimeout as sleep } from 'node:timers/promises';
import { makeTextPdf } from '@/lib/documents/fixtures/make-fixtures';
import { callRoute, type ServerActions, type THttpResult, type TSession } from '@/e2e/fixtures/http-client';
import { TEST_JOB } from '@/e2e/fixtures/paid-order';
import { isTransientStatus, retryCounts, withTransientRetry } from './transient-retry';

/**
 * One customer's order, as the browser makes it but over plain HTTP through the load balancer:
 * upload a PDF, wait for its inspection, quote, place (a Checkout Session), and pay that session
 * on the Stripe emulator. Each step is retried through faults the way a person would retry it;
 * payment is the exception: one Checkout Session per order, paid at most once.
 */
export type TPlacedOrder = { orderId: string; sessionId: string; shopId: string; pages: number; customer: TSession };

type TActionValue<T> = { ok: boolean; error?: string; data: T };

const QUOTE = { file: 'app/order/actions.ts', exportName: 'quoteOrderAction' };
const PLACE = { file: 'app/order/actions.ts', exportName: 'placeOrderAction' };

/** How long a person watches "checking your file" before uploading again. */
const INSPECTION_PATIENCE_MS = 60_000;

async function uploadAndInspect(customer: TSession, label: string, pages: number): Promise<string> {
  const pdf = Buffer.from(await makeTextPdf(Array.from({ length: pages }, (_, i) => ({ label: `${label}, page ${i + 1} of ${pages}` }))));
  // An inspection that failed (the store refused it mid-way), or that shows no progress for a
  // minute (its worker was killed and holds the lease), is uploaded again, as a person would.
  for (let upload = 1; upload <= 3; upload += 1) {
    if (upload > 1) retryCounts.set('upload again', (retryCounts.get('upload again') ?? 0) + 1);
    const uploaded = await withTransientRetry('upload', () =>
      callRoute(customer, 'POST', '/api/documents', { body: pdf, headers: { 'content-type': 'application/pdf', 'x-filename': `${label}.pdf` } }),
    );
    if (uploaded.status >= 300) throw new Error(`upload refused: ${uploaded.status} ${uploaded.text.slice(0, 200)}`);
    const documentId = (JSON.parse(uploaded.text) as { document: { id: string } }).document.id;
    const deadline = Date.now() + INSPECTION_PATIENCE_MS;
    for (;;) {
      const read = await withTransientRetry('document status', () => callRoute(customer, 'GET', `/api/documents/${documentId}`));
      const status = (JSON.parse(read.text) as { document: { status: string } }).document.status;
      if (status === 'ready') return documentId;
      if (status === 'failed' || Date.now() > deadline) break;
      await sleep(300);
    }
  }
  throw new Error(`${label}: uploaded three times, never inspected`);
}

/** A server action's JSON value; a 5xx, or `ok: false` with the generic "our side" error, is transient. */
async function callAction<T>(step: string, actions: ServerActions, customer: TSession, ref: typeof QUOTE, input: unknown): Promise<TActionValue<T>> {
  const result = await withTransientRetry(
    step,
    () => actions.call(customer, ref, [input]),
    (r) => isTransientStatus(r.status) || /went wrong on our side/i.test(JSON.stringify(r.value ?? '')),
  );
  const value = result.value as TActionValue<T> | undefined;
  if (!value?.ok) throw new Error(`${step} failed: ${result.status} ${JSON.stringify(value ?? result.text.slice(0, 200))}`);
  return value;
}

/** Upload, inspection, quote and Checkout: an order waiting to be paid. */
export async function placeOrder(options: { actions: ServerActions; customer: TSession; shopId: string; pages: number; label: string }): Promise<TPlacedOrder> {
  const { actions, customer, shopId, pages } = options;
  const documentId = await uploadAndInspect(customer, options.label, pages);
  const request = { shopId, job: TEST_JOB, documentIds: [documentId] };
  const quote = await callAction<{ totalMinor: number }>('quote', actions, customer, QUOTE, request);
  const placed = await callAction<{ kind: string; orderId: string; checkoutUrl: string }>('place', actions, customer, PLACE, { ...request, expectedTotalMinor: quote.data.totalMinor });
  if (placed.data.kind !== 'checkout') throw new Error(`place: ${JSON.stringify(placed.data)}`);
  const sessionId = /cs_[A-Za-z0-9_]+/.exec(placed.data.checkoutUrl)?.[0];
  if (!sessionId) throw new Error(`place: no Checkout Session in ${placed.data.checkoutUrl}`);
  return { orderId: placed.data.orderId, sessionId, shopId, pages, customer };
}

/**
 * Pays the order's one Checkout Session with the test card. A pay call that got no answer is
 * sent again only after the session says it is still open: never a second payment.
 */
export async function payOrder(order: TPlacedOrder, stripe: { url: string; secretKey: string }): Promise<void> {
  const sessionState = async (): Promise<string> => {
    const response = await fetch(`${stripe.url}/v1/checkout/sessions/${order.sessionId}`, { headers: { authorization: `Bearer ${stripe.secretKey}` } });
    return ((await response.json()) as { status: string }).status;
  };
  for (let tries = 1; tries <= 5; tries += 1) {
    let answer: THttpResult | undefined;
    try {
      const response = await fetch(`${stripe.url}/_emulator/checkout/sessions/${order.sessionId}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      answer = { status: response.status, text: await response.text(), headers: response.headers };
    } catch {
      // No answer: it may or may not have been paid.
    }
    if (answer?.status === 200) return;
    const state = await sessionState();
    if (state === 'complete') return;
    if (state !== 'open') throw new Error(`order ${order.orderId}: Checkout Session ${state}, not paid (${answer?.status} ${answer?.text.slice(0, 200)})`);
    await sleep(500 * tries);
  }
  throw new Error(`order ${order.orderId}: the emulator did not take the payment`);
}
