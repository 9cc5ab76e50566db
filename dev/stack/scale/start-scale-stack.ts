/**
 * The production shape on one machine (README "Running at scale"): PostgreSQL + PostGIS with
 * PgBouncer in transaction mode in front, an S3-compatible object store, several `next start`
 * instances of the production build behind HAProxy (round robin, no sticky sessions), several
 * workers, the demo printers, the Stripe emulator and the mail catcher. Used by
 * `npm run stack:scale` (run-scale-stack.ts), the scale benchmark and its integration test.
 *
 * Every port is a free one unless given, so it never collides with the demo or the e2e stack.
 * Each process runs in a process group of its own and can be killed and started again
 * (the benchmark's faults); stop() leaves nothing running and drops the database.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { migrateDatabase } from '@/db/migrate';
import { demoFleet, type TDemoPrinter } from '@/dev/demo/demo-fleet';
import type { TRunningDemoPrinter } from '@/dev/demo/start-demo-printers';
import { freePort, isListening } from '@/dev/lib/free-port';
import { findBinary } from '@/dev/printers/ensure-printer-prerequisites';
import { waitForHttp } from '../child-process';
import { WORKER_ARGS, localAppEnv, nextStartArgs, startDemoFleet, startLocalMail, startLocalStripe } from '../demo-services';
import { LOCAL_PRINTER_NETWORKS, LOCAL_PRINTER_PORTS } from '../local-printer-network';
import { groupProcess, waitForOutput, type TGroupProcess } from '../process-group';
import { loadLocalSecrets } from '../secrets';
import { HEALTH_CHECK_PATH, haproxyConfig } from './haproxy-config';
import { pgbouncerAuthFile, pgbouncerConfig } from './pgbouncer-config';

export type TScaleStackOptions = {
  /** `next start` instances behind the load balancer (default 2). */
  webInstances?: number;
  /** Worker processes (default 3). */
  workers?: number;
  /** The first N printers of the demo fleet (default: the whole fleet). */
  printers?: number;
  /** Every printer prints this many pages a minute, colour too (the benchmark's fast printers); default the fleet's own speeds. */
  printerPagesPerMinute?: number;
  /** Created afresh (an existing one of that name is dropped); default `nearprint_scale_<pid>`. */
  databaseName?: string;
  /** Keep the database after stop() (the CLI, to look at it afterwards); default dropped. */
  keepDatabase?: boolean;
  /** A PostgreSQL + PostGIS server to create it on; default SCALE_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres. */
  serverUrl?: string;
  /** The load balancer's port; 0 (default) = a free one. */
  lbPort?: number;
  /** Host name in APP_URL (the browser must use the same one for sign-in cookies); default 127.0.0.1. */
  publicHost?: string;
  /** Scratch folder (configs, object store files, printer spools, mail); emptied at start and kept. Default: a temporary folder, removed at stop(). */
  dataDir?: string;
  /** Receives every line the stack and its processes print; default console.log. */
  log?: (line: string) => void;
};

export type TScaleProcess = TGroupProcess;

export type TScaleStack = {
  /** The load balancer. */
  url: string;
  /** Each web instance directly (for tests). */
  webUrls: string[];
  /** PostgreSQL itself (for checks; the worker's LISTEN goes here). */
  directDatabaseUrl: string;
  /** Through PgBouncer: what the app uses. */
  pooledDatabaseUrl: string;
  /** PgBouncer's admin console (SHOW POOLS, SHOW CONFIG), simple query protocol only. */
  pgbouncerAdminUrl: string;
  stripe: { url: string; webhookSecret: string };
  s3: { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string; directory: string };
  printers: { shopName: string; printerName: string; uri: string; spoolDir: string }[];
  web: TScaleProcess[];
  workers: TScaleProcess[];
  pgbouncer: TScaleProcess;
  objectStore: TScaleProcess;
  loadBalancer: TScaleProcess;
  /** Makes the object store refuse requests (connections refused) for at least ms, then serve again with all its data. */
  refuseObjectStore(ms: number): Promise<void>;
  /** Processes that died without being told to ("worker1 exited (code 1)"): none, in a healthy run. */
  crashes: string[];
  /** The exact settings every web instance and worker gets. */
  childEnv: NodeJS.ProcessEnv;
  dataDir: string;
  stop(): Promise<void>;
};

const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const WEB_READY_MS = 180_000;
const WORKER_READY_MS = 120_000;
/** s3rver's one account: it checks every request's SigV4 signature against these. */
const S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', region: 'us-east-1' };
const S3_BUCKET = 'nearprint';
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

type TStop = () => Promise<unknown>;

/** Database names go into SQL unquoted: keep them to what needs no quoting. */
function assertDatabaseName(name: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Database name "${name}" must be lower-case letters, digits and underscores.`);
}

function withDatabase(serverUrl: string, name: string, port?: number): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  if (port) {
    url.hostname = '127.0.0.1';
    url.port = String(port);
  }
  return url.toString();
}

async function requireBinary(name: string, debianPackage: string): Promise<string> {
  const found = await findBinary(name);
  if (!found) throw new Error(`${name} is not installed: the scale stack needs the Debian package ${debianPackage} (bash dev/system-deps.sh scale).`);
  return found;
}

/** PgBouncer refuses to run as root: as root it is started as the PostgreSQL server's own user (else nobody). */
async function pgbouncerUserArgs(): Promise<string[]> {
  if (process.getuid?.() !== 0) return [];
  const passwd = await readFile('/etc/passwd', 'utf8').catch(() => '');
  return ['-u', /^postgres:/m.test(passwd) ? 'postgres' : 'nobody'];
}

/** Connects, runs `select 1`, disconnects: true once the server (or PgBouncer in front of it) answers queries. */
async function answersQueries(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, prepare: false, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => undefined);
  }
}

async function pollUntil(what: string, isDone: () => Promise<boolean>, isAlive: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await isDone())) {
    if (!isAlive()) throw new Error('it exited');
    if (Date.now() > deadline) throw new Error(`${what} within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A fresh database with PostGIS, migrated directly (migrations need no pooler). */
async function createScaleDatabase(serverUrl: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  assertDatabaseName(name);
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    await admin.end();
    throw new Error(`Cannot create the database ${name} on ${new URL(serverUrl).host} (${(error as Error).message}). The scale stack needs a real PostgreSQL with PostGIS (SCALE_DATABASE_URL).`);
  }
  const url = withDatabase(serverUrl, name);
  const scratch = postgres(url, { max: 1, onnotice: () => {} });
  await scratch.unsafe('create extension if not exists postgis').finally(() => scratch.end());
  await migrateDatabase(url);
  return {
    url,
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** The demo data, in a process of its own: this process's database client may already point elsewhere (a test's). */
async function seedInChild(databaseUrl: string, printers: TRunningDemoPrinter[], scratchDir: string, log: (line: string) => void): Promise<void> {
  const printersFile = path.join(scratchDir, 'seed-printers.json');
  await writeFile(printersFile, JSON.stringify(printers.map((p) => ({ shopName: p.shopName, printerName: p.printerName, uri: p.handle.uri }))));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Not a production process: the seed gives the demo admin its demo password.
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    DATABASE_PREPARE: 'true',
    PRINTER_ALLOWED_NETWORKS: LOCAL_PRINTER_NETWORKS,
    PRINTER_ALLOWED_PORTS: LOCAL_PRINTER_PORTS,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'db/seed.ts', '--printers', printersFile], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`Seeding the demo data failed:\n${output.trim().split('\n').slice(-15).join('\n')}`);
  log(`Demo data: seeded the demo shops with ${printers.length} printers.`);
}

export async function startScaleStack(options: TScaleStackOptions = {}): Promise<TScaleStack> {
  const log = options.log ?? ((line: string) => console.log(line));
  const webCount = options.webInstances ?? 2;
  const workerCount = options.workers ?? 3;
  if (webCount < 1 || workerCount < 0) throw new Error('The scale stack needs at least one web instance.');
  const stoppers: TStop[] = [];
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const stopOne of stoppers.reverse()) await stopOne().catch((error: unknown) => log(`stopping: ${(error as Error).message}`));
    })());
  const crashes: string[] = [];
  const onCrash = (description: string) => {
    if (stopping) return;
    crashes.push(description);
    log(`${description}.`);
  };

  try {
    const [pgbouncerBinary, haproxyBinary] = [await requireBinary('pgbouncer', 'pgbouncer'), await requireBinary('haproxy', 'haproxy')];
    const dataDir = options.dataDir ? path.resolve(options.dataDir) : await mkdtemp(path.join(os.tmpdir(), 'nearprint-scale-'));
    if (options.dataDir) await rm(dataDir, { recursive: true, force: true, maxRetries: 5 });
    else stoppers.push(() => rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }));
    await mkdir(dataDir, { recursive: true });
    // PgBouncer drops root for the postgres user (below): it must be able to read its files here.
    await chmod(dataDir, 0o755);

    const serverUrl = options.serverUrl ?? process.env.SCALE_DATABASE_URL ?? DEFAULT_SERVER_URL;
    const databaseName = options.databaseName ?? `nearprint_scale_${process.pid}`;
    const database = await createScaleDatabase(serverUrl, databaseName);
    if (!options.keepDatabase) stoppers.push(database.drop);
    log(`Database: PostgreSQL + PostGIS ${new URL(serverUrl).host}/${databaseName}, migrated`);

    const lbPort = options.lbPort || (await freePort());
    const host = options.publicHost ?? '127.0.0.1';
    const url = `http://${host}:${lbPort}`;
    const secrets = await loadLocalSecrets(dataDir);

    // PgBouncer, transaction mode.
    const pgbouncerDir = path.join(dataDir, 'pgbouncer');
    await mkdir(pgbouncerDir, { recursive: true, mode: 0o755 });
    const pgbouncerPort = await freePort();
    const authFile = path.join(pgbouncerDir, 'userlist.txt');
    const pgbouncerIni = path.join(pgbouncerDir, 'pgbouncer.ini');
    await writeFile(authFile, pgbouncerAuthFile(serverUrl), { mode: 0o644 });
    await writeFile(pgbouncerIni, pgbouncerConfig({ port: pgbouncerPort, serverUrl, databaseName, authFile }), { mode: 0o644 });
    const pooledDatabaseUrl = withDatabase(serverUrl, databaseName, pgbouncerPort);
    const pgbouncer = groupProcess({
      name: 'pgbouncer',
      command: pgbouncerBinary,
      args: [...(await pgbouncerUserArgs()), pgbouncerIni],
      env: process.env,
      cwd: REPO_ROOT,
      log,
      onUnexpectedExit: onCrash,
      ready: (check) => pollUntil('PgBouncer did not answer queries', () => answersQueries(pooledDatabaseUrl), check.isAlive, 20_000),
    });
    stoppers.push(() => pgbouncer.kill());
    await pgbouncer.start();
    log(`PgBouncer: transaction pooling on 127.0.0.1:${pgbouncerPort} in front of ${new URL(serverUrl).host}`);

    // The object store.
    const s3Port = await freePort();
    const s3Directory = path.join(dataDir, 'object-store');
    await mkdir(s3Directory, { recursive: true });
    const s3 = { endpoint: `http://127.0.0.1:${s3Port}`, bucket: S3_BUCKET, ...S3_CREDENTIALS, directory: s3Directory };
    const objectStore = groupProcess({
      name: 'object-store',
      command: process.execPath,
      args: ['--import', 'tsx', path.join(REPO_ROOT, 'dev/stack/scale/object-store-server.ts'), '--port', String(s3Port), '--directory', s3Directory, '--bucket', S3_BUCKET],
      env: process.env,
      cwd: REPO_ROOT,
      log,
      onUnexpectedExit: onCrash,
      ready: (check) => waitForOutput(check, /object store \(s3rver\) on/, 30_000),
    });
    stoppers.push(() => objectStore.kill());
    await objectStore.start();

    // Printers, then the demo data that connects them to their shops.
    const spoolRoot = path.join(dataDir, 'printers');
    const fleet = demoFleet({ portBase: 0, spoolRoot })
      .slice(0, options.printers ?? Infinity)
      .map((printer): TDemoPrinter => ({
        ...printer,
        spec: {
          ...printer.spec,
          port: undefined,
          ...(options.printerPagesPerMinute ? { pagesPerMinute: options.printerPagesPerMinute, pagesPerMinuteColor: options.printerPagesPerMinute } : {}),
        },
      }));
    const printers = await startDemoFleet(fleet, spoolRoot, log);
    stoppers.push(() => Promise.allSettled(printers.map((p) => p.handle.stop())));
    await seedInChild(database.url, printers, dataDir, log);

    const stripe = await startLocalStripe({ port: 0, webhookUrl: `${url}/api/stripe/webhook`, secrets, dataFile: path.join(dataDir, 'stripe-emulator.json'), log });
    stoppers.push(stripe.stop);
    const mail = await startLocalMail({ port: 0, dir: path.join(dataDir, 'mail'), appUrl: url, log });
    stoppers.push(mail.stop);

    const childEnv: NodeJS.ProcessEnv = {
      ...localAppEnv({ services: {}, databaseUrl: pooledDatabaseUrl, dataDir, appUrl: url, secrets }),
      ...stripe.env,
      ...mail.env,
      // Real Stripe is not part of this stack: always the emulator.
      STRIPE_SECRET_KEY: '',
      DATABASE_PREPARE: 'false',
      DATABASE_LISTEN_URL: database.url,
      DOCUMENT_STORE: 's3',
      DOCUMENT_STORE_ROOT: '',
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: s3.bucket,
      S3_REGION: s3.region,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      TRUSTED_PROXY_HOPS: '1',
      PRINTER_ALLOWED_NETWORKS: process.env.PRINTER_ALLOWED_NETWORKS || LOCAL_PRINTER_NETWORKS,
      PRINTER_ALLOWED_PORTS: process.env.PRINTER_ALLOWED_PORTS || LOCAL_PRINTER_PORTS,
      NEXT_TELEMETRY_DISABLED: '1',
    };

    const webPorts = await Promise.all(Array.from({ length: webCount }, () => freePort()));
    const webUrls = webPorts.map((port) => `http://127.0.0.1:${port}`);
    const web = webPorts.map((port, i) =>
      groupProcess({
        name: `web${i + 1}`,
        command: process.execPath,
        args: nextStartArgs(port, '127.0.0.1'),
        env: childEnv,
        cwd: REPO_ROOT,
        log,
        onUnexpectedExit: onCrash,
        ready: (check) => waitForHttp(`${webUrls[i]}${HEALTH_CHECK_PATH}`, WEB_READY_MS, check.isAlive),
      }),
    );
    const workers = Array.from({ length: workerCount }, (_, i) =>
      groupProcess({
        name: `worker${i + 1}`,
        command: process.execPath,
        args: WORKER_ARGS,
        env: childEnv,
        cwd: REPO_ROOT,
        log,
        onUnexpectedExit: onCrash,
        ready: (check) => waitForOutput(check, /Worker \S+ started/, WORKER_READY_MS),
      }),
    );
    for (const child of [...web, ...workers]) stoppers.push(() => child.kill());
    await Promise.all([...web, ...workers].map((child) => child.start()));

    const haproxyCfg = path.join(dataDir, 'haproxy.cfg');
    await writeFile(haproxyCfg, haproxyConfig({ port: lbPort, backends: webPorts.map((port, i) => ({ name: `web${i + 1}`, port })) }));
    const loadBalancer = groupProcess({
      name: 'haproxy',
      command: haproxyBinary,
      args: ['-f', haproxyCfg, '-db'],
      env: process.env,
      cwd: REPO_ROOT,
      log,
      onUnexpectedExit: onCrash,
      // Ready once it passes a request through: at least one instance passed its health check.
      ready: (check) =>
        pollUntil(
          'HAProxy did not pass requests to the web instances',
          async () =>
            (await isListening(lbPort)) &&
            (await fetch(`http://127.0.0.1:${lbPort}${HEALTH_CHECK_PATH}`, { signal: AbortSignal.timeout(2_000) }).then(
              (r) => r.ok,
              () => false,
            )),
          check.isAlive,
          30_000,
        ),
    });
    stoppers.push(() => loadBalancer.kill());
    await loadBalancer.start();
    log(`Load balancer: HAProxy on ${url}, round robin over ${webCount} instances (${webUrls.join(', ')}), ${workerCount} workers`);

    return {
      url,
      webUrls,
      crashes,
      directDatabaseUrl: database.url,
      pooledDatabaseUrl,
      pgbouncerAdminUrl: withDatabase(serverUrl, 'pgbouncer', pgbouncerPort),
      stripe: { url: stripe.url, webhookSecret: secrets.stripeWebhookSecret },
      s3,
      printers: printers.map((p) => ({ shopName: p.shopName, printerName: p.printerName, uri: p.handle.uri, spoolDir: p.handle.spoolDir })),
      web,
      workers,
      pgbouncer,
      objectStore,
      loadBalancer,
      async refuseObjectStore(ms) {
        await objectStore.kill();
        await new Promise((resolve) => setTimeout(resolve, ms));
        await objectStore.start();
      },
      childEnv,
      dataDir,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
