/**
 * The scale-out stack as `npm run stack:scale` starts it, small: two web instances behind
 * HAProxy, one worker, one printer, PgBouncer and the object store. It needs the real
 * PostgreSQL (TEST_DATABASE_URL's server) and the production build; the scale benchmark
 * (`bench:scale --quick`, after the build in dev/test.sh) exercises it under load and faults.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/db/seed-data';
import { isListening } from '@/dev/lib/free-port';
import { makeTextPdf } from '@/lib/documents/fixtures/make-fixtures';
import { createS3DocumentStore } from '@/lib/documents/storage/s3-document-store';
import { isProcessGroupAlive } from '../process-group';
import { startScaleStack, type TScaleStack } from './start-scale-stack';

const run = promisify(execFile);
const isBuilt = existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'));
const skipReason =
  process.env.NEARPRINT_TEST_BACKEND === 'pglite'
    ? 'the scale stack runs on a real PostgreSQL server behind PgBouncer, not on the embedded PGlite'
    : !isBuilt
      ? 'the scale stack serves the production build and .next is missing: run `bash dev/build-if-stale.sh` first'
      : null;
if (skipReason) console.log(`[scale stack] skipped: ${skipReason}`);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe.skipIf(skipReason)('startScaleStack (npm run stack:scale)', () => {
  let stack: TScaleStack;
  const output: string[] = [];
  let customerCookie = '';
  let uploaded: { key: string; bytes: Uint8Array } | undefined;

  beforeAll(async () => {
    // The test database's server, in a database of its own (dropped at stop()).
    const server = Object.assign(new URL(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL!), { pathname: '/postgres' }).toString();
    stack = await startScaleStack({ webInstances: 2, workers: 1, printers: 1, serverUrl: server, databaseName: `nearprint_scale_stack_test_${process.pid}`, log: (line) => output.push(line) });
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
  }, 120_000);

  it('serves through HAProxy, round robin over both instances, each also reachable directly', async () => {
    const servedBy = new Set<string | null>();
    for (let i = 0; i < 6; i += 1) {
      const response = await fetch(`${stack.url}/api/v1/openapi.json`);
      expect(response.status).toBe(200);
      servedBy.add(response.headers.get('x-served-by'));
      await response.arrayBuffer();
    }
    expect([...servedBy].sort()).toEqual(['web1', 'web2']);
    for (const url of stack.webUrls) expect((await fetch(`${url}/api/v1/openapi.json`)).status).toBe(200);
  });

  it('gives every app process its database through PgBouncer in transaction mode, and the worker LISTENs on PostgreSQL itself', async () => {
    expect(stack.childEnv.DATABASE_URL).toBe(stack.pooledDatabaseUrl);
    expect(stack.childEnv.DATABASE_PREPARE).toBe('false');
    expect(stack.childEnv.DATABASE_LISTEN_URL).toBe(stack.directDatabaseUrl);
    const admin = (command: string) => run('psql', [stack.pgbouncerAdminUrl, '-AtF', '|', '-c', command]).then((result) => result.stdout.trim().split('\n'));
    expect(await admin('SHOW CONFIG')).toContainEqual(expect.stringMatching(/^pool_mode\|transaction\|/));
    const databaseName = new URL(stack.pooledDatabaseUrl).pathname.slice(1);
    // The app's own clients are PgBouncer's clients (application_name is postgres.js's connection option in db/client.ts).
    const clients = await admin('SHOW CLIENTS');
    expect(clients.filter((line) => line.includes(`|${databaseName}|`) && /\|nearprint(\||$)/.test(line)).length).toBeGreaterThan(0);
    const direct = postgres(stack.directDatabaseUrl, { max: 1, onnotice: () => {} });
    try {
      const [{ listeners }] = await direct<{ listeners: number }[]>`select count(*)::int as listeners from pg_stat_activity where datname = ${databaseName} and application_name = 'nearprint-listen'`;
      expect(listeners).toBe(stack.workers.length);
    } finally {
      await direct.end();
    }
  });

  it('keeps an upload in the S3 bucket, not on a local disk; a session made on one instance works on the other', async () => {
    const signIn = await fetch(`${stack.webUrls[0]}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: stack.url },
      body: JSON.stringify({ email: DEMO_ACCOUNTS.customer.email, password: DEMO_PASSWORD.customer }),
    });
    expect(signIn.status).toBe(200);
    const cookie = (customerCookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '));
    const pdf = await makeTextPdf([{ label: `scale stack ${process.pid}` }]);
    const upload = await fetch(`${stack.webUrls[1]}/api/documents`, {
      method: 'POST',
      headers: { cookie, origin: stack.url, 'x-filename': 'scale.pdf', 'content-type': 'application/pdf' },
      body: pdf as BodyInit,
    });
    expect(upload.status).toBe(201);
    const { document } = (await upload.json()) as { document: { id: string } };

    const direct = postgres(stack.directDatabaseUrl, { max: 1, onnotice: () => {} });
    let storageKey: string;
    try {
      // The worker inspects it: it read the bytes back from the bucket, through PgBouncer.
      const deadline = Date.now() + 90_000;
      let row: { storage_key: string; status: string } | undefined;
      for (;;) {
        [row] = await direct<{ storage_key: string; status: string }[]>`select storage_key, status from documents where id = ${document.id}`;
        if (row?.status === 'ready' || row?.status === 'failed' || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(row?.status).toBe('ready');
      storageKey = row!.storage_key;
    } finally {
      await direct.end();
    }
    const bucket = createS3DocumentStore(stack.s3);
    expect(Buffer.from(await bucket.get(storageKey)).equals(Buffer.from(pdf))).toBe(true);
    uploaded = { key: storageKey, bytes: pdf };
    const outsideStore = (await filesUnder(stack.dataDir)).filter((file) => !file.startsWith(stack.s3.directory + path.sep));
    const copies = [];
    for (const file of outsideStore) if (Buffer.from(pdf).equals(await readFile(file))) copies.push(file);
    expect(copies).toEqual([]);
  });

  it('comes back from the faults the benchmark injects: a killed instance, a killed PgBouncer, an object store that refused for a while', async () => {
    // While one instance is down, HAProxy sends every request to the other.
    await stack.web[0].kill('SIGKILL');
    for (let i = 0; i < 4; i += 1) expect((await fetch(`${stack.url}/api/v1/openapi.json`)).status).toBe(200);
    await stack.web[0].start();
    expect((await fetch(`${stack.webUrls[0]}/api/v1/openapi.json`)).status).toBe(200);

    // The app's connections through the old PgBouncer are gone; postgres.js connects again through the new one.
    await stack.pgbouncer.kill('SIGKILL');
    await stack.pgbouncer.start();
    const deadline = Date.now() + 30_000;
    let status = 0;
    while (status !== 200 && Date.now() < deadline) {
      status = (await fetch(`${stack.url}/api/documents`, { headers: { cookie: customerCookie } })).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(200);

    const bucket = createS3DocumentStore(stack.s3);
    const refusing = stack.refuseObjectStore(2_000);
    const s3Port = Number(new URL(stack.s3.endpoint).port);
    while (await isListening(s3Port)) await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(bucket.get(uploaded!.key)).rejects.toThrow();
    await refusing;
    expect(Buffer.from(await bucket.get(uploaded!.key)).equals(Buffer.from(uploaded!.bytes))).toBe(true);
  });

  it('stop() leaves no process and no port behind', async () => {
    const processes = [...stack.web, ...stack.workers, stack.pgbouncer, stack.objectStore, stack.loadBalancer];
    // All still up after the faults above (a crash is logged as "<name> exited (…)").
    expect(processes.filter((p) => !p.running()).map((p) => p.name)).toEqual([]);
    expect(output.filter((line) => / exited \(/.test(line))).toEqual([]);
    const pids = processes.map((p) => p.pid()).filter((pid): pid is number => pid !== undefined);
    const ports = [stack.url, ...stack.webUrls, stack.s3.endpoint, stack.stripe.url, stack.pooledDatabaseUrl, ...stack.printers.map((p) => p.uri)].map((url) => Number(new URL(url).port));
    await stack.stop();
    // Each process's whole group: next start's and the worker's children too.
    expect(pids.filter(isProcessGroupAlive)).toEqual([]);
    const stillOpen = [];
    for (const port of ports) if (await isListening(port)) stillOpen.push(port);
    expect(stillOpen).toEqual([]);
    expect(existsSync(stack.dataDir)).toBe(false);
  });
});
