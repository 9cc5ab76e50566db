import { setTimeout as sleep } from 'node:timers/promises';
import type { TSession } from '@/e2e/fixtures/http-client';

/**
 * A browser's live order page, without the browser: an EventSource on the order's stream
 * through the load balancer that, whenever the stream ends or its instance dies, waits the
 * server's `retry:` time and reconnects with Last-Event-ID, as EventSource does (it also tries
 * again after a refusal, where a person would reload). It keeps every event id it received,
 * in order, to be checked against the events table.
 */
/**
 * `received`: event ids in the order they came (each message's `id:` is a cursor "tx-id");
 * `due`: the order's events when the page was closed, later ones were never due to it.
 */
export type TSseWatch = { orderId: string; received: number[]; lastCursor?: string; reconnects: number; due?: number[] };

export function watchOrderStream(session: TSession, orderId: string) {
  const watch: TSseWatch = { orderId, received: [], reconnects: 0 };
  let retryMs = 2_000;
  let isStopped = false;
  let controller: AbortController | undefined;

  /** Reads one connection until it ends; dispatches each event (blank line) that carries an id. */
  async function readStream(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    let id: string | undefined;
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffer.search(/\r?\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer[newline] === '\r' ? 2 : 1));
        if (line === '') {
          const eventId = /^\d+-(\d+)$/.exec(id ?? '')?.[1];
          if (eventId) {
            watch.received.push(Number(eventId));
            watch.lastCursor = id;
          }
          id = undefined;
        } else if (line.startsWith('id:')) id = line.slice(3).trim();
        else if (line.startsWith('retry:')) retryMs = Number(line.slice(6).trim()) || retryMs;
      }
    }
  }

  const loop = (async () => {
    while (!isStopped) {
      controller = new AbortController();
      try {
        const response = await fetch(`${session.baseUrl}/api/orders/${orderId}/events`, {
          headers: { accept: 'text/event-stream', ...(session.cookie ? { cookie: session.cookie } : {}), ...(watch.lastCursor ? { 'last-event-id': watch.lastCursor } : {}) },
          signal: controller.signal,
        });
        if (response.ok && response.body) await readStream(response.body);
        else {
          await response.body?.cancel();
          if (response.status === 429) await sleep((Number(response.headers.get('retry-after')) || 2) * 1000);
        }
      } catch {
        // The instance died under the stream, or stop() aborted it.
      }
      if (isStopped) break;
      watch.reconnects += 1;
      await sleep(retryMs);
    }
  })();

  return {
    watch,
    async stop(): Promise<TSseWatch> {
      isStopped = true;
      controller?.abort();
      await loop;
      return watch;
    },
  };
}
