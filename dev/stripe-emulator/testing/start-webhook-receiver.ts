import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type TReceivedWebhook = { payload: string; signature: string; type: string; id: string };

export type TWebhookReceiver = {
  url: string;
  received: TReceivedWebhook[];
  /** Status codes to answer with next, in order; 200 once they run out. */
  respondWith(statuses: number[]): void;
  /** Resolves when `count` webhooks (in total) have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<TReceivedWebhook[]>;
  stop(): Promise<void>;
};

/** A stand-in for the app's webhook route: keeps every raw body and signature it gets. */
export async function startWebhookReceiver(): Promise<TWebhookReceiver> {
  const received: TReceivedWebhook[] = [];
  let statuses: number[] = [];
  let waiters: (() => void)[] = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const payload = Buffer.concat(chunks).toString('utf8');
    const event = JSON.parse(payload) as { id: string; type: string };
    received.push({ payload, signature: String(request.headers['stripe-signature']), type: event.type, id: event.id });
    response.writeHead(statuses.shift() ?? 200).end();
    for (const wake of waiters) wake();
    waiters = [];
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    respondWith: (next) => {
      statuses = [...next];
    },
    waitFor: async (count, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`Expected ${count} webhooks, got ${received.length}: ${received.map((r) => r.type).join(', ')}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return received;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
