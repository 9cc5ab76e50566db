import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb, db } from '@/db/client';
import { events, printers, printJobs } from '@/db/schema';
import { colorDuplexPdfPrinter } from '@/dev/printers/printer-presets';
import { readSpool } from '@/dev/printers/read-spool';
import { startPrinter, type TPrinterHandle } from '@/dev/printers/start-printer';
import { startBillingStripe, type TBillingStripe } from '@/dev/test-support/billing-fixtures';
import { eventually } from '@/dev/test-support/fixtures';
import { createPaidOrder, createPrintShop, orderById, switchToTemporaryDocumentStore } from '@/lib/print-jobs/testing/print-fixtures';
import { spawnWorker, type TWorkerProcess } from '@/workers/testing/spawn-worker';
import { startPrintWorker } from '@/workers/testing/start-print-worker';
import { createAgentToken, revokeAgentToken } from './agent-tokens';

vi.mock('server-only', () => ({}));

type TRoute = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

let live: TBillingStripe;
let storeRoot: string;
let spoolRoot: string;
let lanPrinter: TPrinterHandle;
let cloud: ReturnType<typeof startPrintWorker>;
let api: http.Server;
let apiUrl: string;
const agents: TWorkerProcess[] = [];

/** The app's real agent route handlers behind a plain HTTP server, as Next serves them. */
async function startAgentApi(): Promise<void> {
  const me = await import('@/app/api/agent/me/route');
  const printersRoute = await import('@/app/api/agent/printers/route');
  const dispatch = await import('@/app/api/agent/dispatch/route');
  const output = await import('@/app/api/agent/jobs/[jobId]/output/route');
  const routes: { method: string; pattern: RegExp; handler: TRoute }[] = [
    { method: 'GET', pattern: /^\/api\/agent\/me$/, handler: me.GET },
    { method: 'POST', pattern: /^\/api\/agent\/printers$/, handler: printersRoute.POST },
    { method: 'POST', pattern: /^\/api\/agent\/dispatch$/, handler: dispatch.POST },
    { method: 'GET', pattern: /^\/api\/agent\/jobs\/(?<jobId>[^/]+)\/output$/, handler: output.GET },
  ];
  api = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = routes.find((r) => r.method === req.method && r.pattern.test(url.pathname));
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = new Request(url, { method: req.method, headers: req.headers as Record<string, string>, body: req.method === 'GET' ? undefined : Buffer.concat(chunks) });
    const response = await route.handler(request, { params: Promise.resolve(route.pattern.exec(url.pathname)?.groups ?? {}) });
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
}

function startAgent(token: string): TWorkerProcess {
  const agent = spawnWorker({ args: ['--agent', '--url', apiUrl, '--token', token, '--printer', `Back room=${lanPrinter.uri}`], env: { NEARPRINT_AGENT_REPORT_MS: '300' } });
  agents.push(agent);
  return agent;
}

beforeAll(async () => {
  process.env.AUTH_SECRET ??= 'integration-test-secret-integration-test-secret';
  storeRoot = await switchToTemporaryDocumentStore();
  live = await startBillingStripe();
  spoolRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'nearprint-agent-'));
  lanPrinter = await startPrinter(colorDuplexPdfPrinter({ name: 'Agent LAN printer', spoolDir: path.join(spoolRoot, 'lan'), pagesPerMinute: 120, pagesPerMinuteColor: 120 }));
  Object.assign(process.env, { PRINT_DISPATCH_LEASE_MS: '2000', PRINT_RETRY_BASE_MS: '200' });
  await startAgentApi();
  // An agent that restarts picks up the job it was printing; the shop is asked only after a long silence.
  cloud = startPrintWorker({ env: { PRINT_UNREACHABLE_GIVE_UP_MS: '60000' } });
});

afterAll(async () => {
  for (const agent of agents) agent.child.kill('SIGKILL');
  await cloud?.stop();
  await lanPrinter?.stop();
  api?.close();
  await live?.stop();
  await closeDb();
  await fs.rm(spoolRoot, { recursive: true, force: true });
  await fs.rm(storeRoot, { recursive: true, force: true });
});

// Deadlines are generous: an agent is a fresh Node process, slow to start on a loaded machine; what is judged is the spool.
describe('agent mode: the worker on the shop’s own computer, over the agent API', () => {
  it('registers the LAN printer, prints the shop’s jobs through it, survives a restart, and stops when its token is revoked', async () => {
    const { shop, owner } = await createPrintShop({ printers: [] });
    const { token, id: tokenId } = await createAgentToken({ shopId: shop.id, ownerId: owner.id, name: 'Back office PC' });
    let agent = startAgent(token);

    const printer = await eventually(
      'the agent’s printer registered and online',
      async () => {
        const [row] = await db
          .select()
          .from(printers)
          .where(and(eq(printers.shopId, shop.id), eq(printers.uri, lanPrinter.uri)));
        return row?.isOnline && row;
      },
      90_000,
    ).catch((error: Error) => Promise.reject(new Error(`${error.message}\n${agent.output()}`)));
    expect(printer).toMatchObject({ viaAgent: true, isDuplex: true, name: 'Back room' });

    const paid = await Promise.all(Array.from({ length: 3 }, () => createPaidOrder(live, { shopId: shop.id, pages: 4 })));
    const first = await eventually(
      'a job printing through the agent',
      async () => {
        const [row] = await db
          .select()
          .from(printJobs)
          .where(
            and(
              inArray(
                printJobs.id,
                paid.map((p) => p.job.id),
              ),
              eq(printJobs.state, 'printing'),
            ),
          );
        return row;
      },
      90_000,
    ).catch((error: Error) => Promise.reject(new Error(`${error.message}\n${agent.output()}`)));
    agent.child.kill('SIGKILL');
    await agent.exited;
    agent = startAgent(token);

    for (const { order } of paid) {
      await eventually('printed through the agent', async () => (await orderById(order.id)).status === 'ready', 120_000).catch((error: Error) =>
        Promise.reject(new Error(`${error.message}\n${agent.output()}`)),
      );
    }
    const spool = await readSpool(lanPrinter.spoolDir);
    for (const { job } of paid) expect(spool.filter((file) => file.name.includes(job.ippJobName))).toHaveLength(1);
    const agentEvents = await db
      .select()
      .from(events)
      .where(and(eq(events.jobId, first.id), eq(events.actor, 'agent')));
    expect(agentEvents.map((e) => e.type)).toEqual(expect.arrayContaining(['job.sending', 'job.printing', 'job.printed']));

    await revokeAgentToken({ shopId: shop.id, ownerId: owner.id, tokenId });
    expect(await agent.exited).toBe(2);
    expect(agent.output()).toMatch(/not valid/);
    const refused = await fetch(`${apiUrl}/api/agent/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);
    expect((await fetch(`${apiUrl}/api/agent/dispatch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ op: 'claim', limit: 1 }) })).status).toBe(401);
  }, 420_000);
});
