/**
 * Brings the whole product up on this machine: the database (embedded PGlite+PostGIS unless
 * DATABASE_URL is set), migrations, demo data (once), the worker and the web app, and prints
 * where to go and how to sign in.
 *
 *   tsx dev/run.ts            the demo (npm run demo), data kept in .data/
 *   tsx dev/run.ts --e2e      a throw-away stack for the Playwright suite
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeDb } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { seedDatabase } from '@/db/seed';
import { demoFleet } from '@/dev/demo/demo-fleet';
import { startEmbeddedDb } from '@/dev/embedded-db/start-embedded-db';
import { startTestDatabase } from '@/dev/test-support/test-database';
import { startChild, waitForHttp, type TManagedChild } from './stack/child-process';
import { WORKER_ARGS, demoBanner, localAppEnv, nextStartArgs, startDemoFleet, startLocalMail, startLocalStripe } from './stack/demo-services';
import { LOCAL_PRINTER_NETWORKS, LOCAL_PRINTER_PORTS } from './stack/local-printer-network';
import { E2E_MAIL_PORT_OFFSET, E2E_TILE_SERVER_PORT_OFFSET, E2E_TILES_PORT_OFFSET } from './stack/e2e-ports';
import { loadLocalSecrets } from './stack/secrets';
import { startTileServer } from './stack/tile-server';

const { values: args } = parseArgs({ options: { e2e: { type: 'boolean', default: false } } });
const isE2e = args.e2e;

const stoppers: (() => Promise<void>)[] = [];
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const stop of stoppers.reverse()) await stop().catch((error) => console.error(error));
  }
  process.exit(code);
}
// `on`, not `once`: a library's signal-exit handler re-raises the signal (killing this process
// mid-shutdown and orphaning the web server) when it finds no other listener left.
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

/** Starts or reaches the database; for the embedded one, turns off named prepared statements (see lib/config/env.ts). */
async function startDatabase(dataDir: string): Promise<string> {
  if (isE2e) {
    const database = await startTestDatabase({ persistDir: path.join(dataDir, 'pglite') });
    stoppers.push(database.stop);
    if (database.backend === 'pglite') process.env.DATABASE_PREPARE = 'false';
    console.log(`Database: ${database.backend === 'pglite' ? 'embedded PGlite + PostGIS' : 'PostgreSQL + PostGIS (TEST_DATABASE_URL)'}`);
    return database.url;
  }
  if (process.env.DATABASE_URL) {
    console.log('Database: PostgreSQL at DATABASE_URL');
    await migrateDatabase(process.env.DATABASE_URL);
    return process.env.DATABASE_URL;
  }
  const port = Number(process.env.EMBEDDED_DB_PORT ?? 54329);
  const started = Date.now();
  console.log('Database: starting embedded PGlite + PostGIS (the first start takes a little longer)…');
  const embedded = await startEmbeddedDb({ dataDir: path.join(dataDir, 'pglite'), port });
  stoppers.push(embedded.stop);
  process.env.DATABASE_PREPARE = 'false';
  await migrateDatabase(embedded.url);
  console.log(`Database: ready on 127.0.0.1:${port} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return embedded.url;
}

/** The demo's local SMTP catcher (the common dev mail port). */
const DEMO_MAIL_CATCHER_PORT = 2525;

async function main(): Promise<void> {
  const dataDir = path.resolve(isE2e ? path.join('.data', 'e2e') : (process.env.DATA_DIR ?? '.data'));
  if (isE2e) await fs.rm(dataDir, { recursive: true, force: true });
  await fs.mkdir(dataDir, { recursive: true });

  const secrets = await loadLocalSecrets(dataDir);
  const webPort = Number(process.env.PORT ?? (isE2e ? 3100 : 3000));
  const host = process.env.HOST ?? '127.0.0.1';
  const appUrl = process.env.APP_URL ?? `http://${isE2e ? '127.0.0.1' : 'localhost'}:${webPort}`;
  const databaseUrl = await startDatabase(dataDir);
  process.env.DATABASE_URL = databaseUrl;
  // The demo printers (and any a developer starts with ippeveprinter) listen on loopback, on
  // ports of their own; a deployment reaches only public printers on 631, 443 and 80. Set here,
  // before the seed connects the demo printers, and inherited by the worker and the web app.
  process.env.PRINTER_ALLOWED_NETWORKS ||= LOCAL_PRINTER_NETWORKS;
  process.env.PRINTER_ALLOWED_PORTS ||= LOCAL_PRINTER_PORTS;

  const spoolRoot = path.join(dataDir, 'printers');
  const fleet = demoFleet({ portBase: Number(process.env.DEMO_PRINTER_PORT_BASE ?? (isE2e ? 19631 : 8631)), spoolRoot });
  const printers = await startDemoFleet(fleet, spoolRoot, console.log);
  stoppers.push(async () => {
    await Promise.allSettled(printers.map((p) => p.handle.stop()));
  });

  const { seeded } = await seedDatabase({
    adminEmail: process.env.ADMIN_EMAIL,
    adminPassword: process.env.ADMIN_PASSWORD,
    printers: printers.map((p) => ({ shopName: p.shopName, printerName: p.printerName, uri: p.handle.uri })),
  });
  await closeDb();
  console.log(seeded ? 'Demo data: seeded thirty shops around Dublin with their printers.' : 'Demo data: already present.');

  let services: Record<string, string> = {};
  if (!process.env.STRIPE_SECRET_KEY) {
    const stripe = await startLocalStripe({
      port: Number(process.env.STRIPE_EMULATOR_PORT ?? (isE2e ? 12112 : 12111)),
      webhookUrl: `http://127.0.0.1:${webPort}/api/stripe/webhook`,
      secrets,
      dataFile: path.join(dataDir, 'stripe-emulator.json'),
      log: console.log,
    });
    stoppers.push(stripe.stop);
    services = { ...services, ...stripe.env };
  }

  // Without a real SMTP server, mail goes to the local catcher and is read at /dev/mail.
  if (!process.env.SMTP_URL) {
    const mail = await startLocalMail({ port: isE2e ? webPort + E2E_MAIL_PORT_OFFSET : DEMO_MAIL_CATCHER_PORT, dir: path.join(dataDir, 'mail'), appUrl, log: console.log });
    stoppers.push(mail.stop);
    services = { ...services, ...mail.env };
  }

  const childEnv = localAppEnv({ services, databaseUrl, dataDir, appUrl, secrets });

  const children: TManagedChild[] = [];
  const worker = startChild('worker', process.execPath, WORKER_ARGS, childEnv);
  children.push(worker);
  stoppers.push(worker.stop);

  const web = startChild('web', process.execPath, nextStartArgs(webPort, host), childEnv);
  children.push(web);
  stoppers.push(web.stop);
  // The e2e stack also serves the app a second time, with real map tiles from a loopback tile
  // server (MAP_STYLE_URL), on the same database and worker: a second stateless instance.
  const tilesWebPort = webPort + E2E_TILES_PORT_OFFSET;
  if (isE2e) {
    const tiles = await startTileServer({ port: webPort + E2E_TILE_SERVER_PORT_OFFSET });
    stoppers.push(tiles.stop);
    const webWithTiles = startChild('web-tiles', process.execPath, nextStartArgs(tilesWebPort, host), {
      ...childEnv,
      APP_URL: `http://127.0.0.1:${tilesWebPort}`,
      MAP_STYLE_URL: tiles.styleUrl,
    });
    children.push(webWithTiles);
    stoppers.push(webWithTiles.stop);
  }
  for (const child of children) {
    child.process.once('exit', (code) => {
      if (!stopping) {
        console.error(`The ${child.name} process stopped (exit code ${code}); shutting down.`);
        void shutdown(1);
      }
    });
  }
  await waitForHttp(`http://127.0.0.1:${webPort}/`, 120_000, () => web.process.exitCode === null);
  if (isE2e) await waitForHttp(`http://127.0.0.1:${tilesWebPort}/`, 120_000);

  console.log(demoBanner({ appUrl, dataDir }));
}

main().catch(async (error: Error) => {
  console.error(`\nNearprint could not start: ${error.message}`);
  await shutdown(1);
});
