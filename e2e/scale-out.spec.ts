import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { loadE2eChildEnv } from '@/dev/stack/e2e-child-env';
import { waitForHttp } from '@/dev/stack/child-process';
import { freePort } from '@/dev/lib/free-port';
import { DEMO, uniqueEmail } from './fixtures/accounts';
import { callRoute, ServerActions, signInOverHttp, type TSession } from './fixtures/http-client';
import { createPaidOrderOverHttp, jsonOf, poll, shopIdByName } from './fixtures/paid-order';

/**
 * Scale-out: web instances keep nothing of their own. Two more `next start` processes of the same
 * build, with the e2e stack's settings, on the same database, store and worker (A and B, besides
 * the stack's own). A session made on A works on B; an order's live stream opened on A is cut by
 * SIGKILLing A while the worker is printing the order, and the browser's reconnect with
 * Last-Event-ID on B gets every event of the order exactly once, in order, without a gap: the ids
 * A and B delivered together are the order's whole timeline in the events table.
 */

type TInstance = { name: string; url: string; process: ChildProcess; log: string };

async function startInstance(name: string, env: NodeJS.ProcessEnv, logPath: string): Promise<TInstance> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const out = fs.openSync(logPath, 'a');
  // Its own process group, so a SIGKILL takes down whatever `next start` runs, as a crash would.
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...env, APP_URL: url, PORT: String(port) },
    stdio: ['ignore', out, out],
    detached: true,
  });
  fs.closeSync(out);
  await waitForHttp(`${url}/sign-in`, 90_000, () => child.exitCode === null && child.signalCode === null);
  return { name, url, process: child, log: logPath };
}

function kill(instance: TInstance | undefined, signal: NodeJS.Signals): void {
  if (!instance || instance.process.exitCode !== null || instance.process.signalCode !== null) return;
  try {
    process.kill(-instance.process.pid!, signal);
  } catch {
    // Already gone.
  }
}

function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Signs up a fresh customer on one instance (better-auth limits sign-ups per address: wait as told). */
async function signUpOn(instance: TInstance): Promise<TSession> {
  const account = { name: 'Scale-out customer', email: uniqueEmail('scale-out'), password: 'scale-out-password-1' };
  const response = await poll(
    'sign-up on instance A',
    async () => {
      const sent = await fetch(`${instance.url}/api/auth/sign-up/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: instance.url },
        body: JSON.stringify(account),
        redirect: 'manual',
      });
      if (sent.status !== 429) return sent;
      await sent.arrayBuffer();
      await new Promise((r) => setTimeout(r, (Number(sent.headers.get('retry-after') ?? sent.headers.get('x-retry-after')) || 2) * 1000));
      return null;
    },
    60_000,
  );
  expect(response.status, await response.clone().text()).toBe(200);
  return { label: 'customer (signed up on A)', cookie: cookieOf(response) };
}

/** `cursor`: the message's `id:` field, "tx-id" (lib/events/event-cursor.ts); `id`: the event's. */
type TStreamed = { cursor: string; tx: bigint; id: number; type: string };

/**
 * Reads an order's event stream as EventSource would, collecting each message's id and type;
 * `done` settles when the stream ends (the server died, or `stop`).
 */
function readStream(url: string, cookie: string, lastEventId: string | null) {
  const controller = new AbortController();
  const received: TStreamed[] = [];
  const done = (async () => {
    const response = await fetch(url, {
      headers: { cookie, accept: 'text/event-stream', ...(lastEventId === null ? {} : { 'last-event-id': lastEventId }) },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done: isDone, value } = await reader.read();
        if (isDone) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const cursor = /^id: ((\d+)-(\d+))$/m.exec(message);
          const data = /^data: (.*)$/m.exec(message)?.[1];
          if (cursor && data) received.push({ cursor: cursor[1], tx: BigInt(cursor[2]), id: Number(cursor[3]), type: (JSON.parse(data) as { type: string }).type });
        }
      }
    } catch {
      // Cut: the instance was killed, or we stopped reading.
    }
  })();
  return { received, done, stop: () => controller.abort() };
}

let a: TInstance | undefined;
let b: TInstance | undefined;

test.afterAll(() => {
  kill(a, 'SIGKILL');
  kill(b, 'SIGTERM');
});

test('a session made on one instance works on another, and a live stream resumed there after the first is killed misses nothing', async () => {
  test.setTimeout(240_000);
  const env = { ...process.env, ...(await loadE2eChildEnv()) };
  [a, b] = await Promise.all([startInstance('A', env, test.info().outputPath('instance-a.log')), startInstance('B', env, test.info().outputPath('instance-b.log'))]);

  // Sessions live in PostgreSQL (better-auth) and the cookie is signed with the shared AUTH_SECRET.
  const customer = await signUpOn(a);
  const me = async (instance: TInstance) => {
    const response = await fetch(`${instance.url}/api/me`, { headers: { cookie: customer.cookie! } });
    expect(response.status, `GET /api/me on ${instance.name}`).toBe(200);
    return ((await response.json()) as { user: { id: string } }).user.id;
  };
  expect(await me(b)).toBe(await me(a));

  // The order is placed through the stack's own instance, with the session made on A; its stream
  // is opened on A before it is paid, so A sees the order from its first event.
  const admin = await signInOverHttp('admin', DEMO.admin);
  const shopId = await shopIdByName(admin, 'Grafton Copy Centre');
  let streamOnA: ReturnType<typeof readStream> | undefined;
  let orderId = '';
  const { order } = await createPaidOrderOverHttp({
    actions: new ServerActions(),
    customer,
    admin,
    shopId,
    beforePay: async (placedId) => {
      orderId = placedId;
      streamOnA = readStream(`${a!.url}/api/orders/${orderId}/events`, customer.cookie!, null);
      await poll('instance A to stream the order as placed', async () => streamOnA!.received.length > 0);
    },
  });
  expect(order.id).toBe(orderId);

  // A dies as soon as the worker starts on the job: the printing that follows is streamed by no one.
  await poll('instance A to stream the first job event', async () => streamOnA!.received.some((event) => event.type.startsWith('job.')), 60_000);
  kill(a, 'SIGKILL');
  await streamOnA!.done;
  const fromA = [...streamOnA!.received];
  const lastOnA = fromA.at(-1)!.cursor;

  // The browser reconnects (to whichever instance the balancer picks: B) with the last id it got.
  const streamOnB = readStream(`${b!.url}/api/orders/${orderId}/events`, customer.cookie!, lastOnA);
  const timeline = await poll(
    'the order to be printed and ready',
    async () => {
      const details = await jsonOf<{ order: { status: string }; timeline: { id: number; type: string }[] }>(await callRoute(admin, 'GET', `/api/admin/orders/${orderId}`));
      return details.order.status === 'ready' && details.timeline;
    },
    120_000,
  );
  const dueIds = timeline.map((event) => event.id);
  const streamedIds = () => new Set([...fromA, ...streamOnB.received].map((event) => event.id));
  await poll('instance B to stream every event up to ready', async () => dueIds.every((id) => streamedIds().has(id)), 30_000);
  streamOnB.stop();
  await streamOnB.done;

  const streamed = [...fromA, ...streamOnB.received];
  const { timeline: final } = await jsonOf<{ timeline: { id: number }[] }>(await callRoute(admin, 'GET', `/api/admin/orders/${orderId}`));
  console.log(`[scale-out] ${fromA.length} events from A before it was killed (last ${lastOnA}), ${streamOnB.received.length} from B; the order has ${final.length}`);
  expect(streamOnB.received.length).toBeGreaterThan(0);
  // Nothing missing, nothing invented, once each, and in the stream's order: by transaction, then id.
  expect(dueIds.filter((id) => !streamedIds().has(id))).toEqual([]);
  expect(streamed.filter((event) => !final.some((row) => row.id === event.id))).toEqual([]);
  expect(new Set(streamed.map((event) => event.id)).size).toBe(streamed.length);
  const isAfter = (later: TStreamed, earlier: TStreamed) => later.tx > earlier.tx || (later.tx === earlier.tx && later.id > earlier.id);
  expect(streamed.filter((event, i) => i > 0 && !isAfter(event, streamed[i - 1])).map((event) => event.cursor)).toEqual([]);
});
