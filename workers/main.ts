/**
 * The Nearprint worker: one process that runs the background loops. Several can run at
 * once, on several machines; they coordinate only through PostgreSQL.
 *
 *   tsx workers/main.ts                                  the cloud worker
 *   tsx workers/main.ts --agent --url URL --token TOKEN \
 *       --printer "Counter=ipp://192.168.1.20/ipp/print"  a shop's agent (see workers/agent/run-agent.ts)
 *
 * Agent settings may also come from NEARPRINT_AGENT_URL, NEARPRINT_AGENT_TOKEN and
 * NEARPRINT_AGENT_PRINTERS (printers separated by commas).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { closeDb } from '@/db/client';
import { runAgent } from './agent/run-agent';
import { listenForWork } from './wake-on-work';
import { createInspectionPool, runDocumentInspector } from './loops/document-inspector';
import { createConversionPool, runPrintConverter } from './loops/print-converter';
import { runPrintDispatcher } from './loops/print-dispatcher';
import { runPrintHousekeeping } from './loops/print-housekeeping';
import { runPrinterPoller } from './loops/printer-poller';
import { runMailSender } from './loops/mail-sender';
import { runWebhookSender } from './loops/webhook-sender';
import { runWorkerCapabilities } from './loops/worker-capabilities';
import { printSettings } from '@/lib/config/print-settings';
import { ConfigError } from '@/lib/config/parse-env';
import { exitOnBadStartupConfig } from '@/lib/config/startup-check';

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: { agent: { type: 'boolean', default: false }, url: { type: 'string' }, token: { type: 'string' }, printer: { type: 'string', multiple: true } },
  });
  const controller = new AbortController();
  // A shop's agent talks only to the app over HTTPS; the cloud worker needs the database, Stripe
  // and the secrets, and refuses to start in production without them.
  if (!args.agent) exitOnBadStartupConfig('worker');
  const workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const settings = printSettings();
  let cleanup = async () => {};
  let loops: Promise<void>[];
  if (args.agent) {
    loops = [runAgent({ signal: controller.signal, url: args.url, token: args.token, printers: args.printer, agentId: workerId, settings })];
  } else {
    const pool = createConversionPool(settings);
    const inspectionPool = createInspectionPool();
    const work = await listenForWork();
    cleanup = async () => {
      await work.stop();
      await pool.close();
      await inspectionPool.close();
      await closeDb();
    };
    loops = [
      runWorkerCapabilities(controller.signal, workerId),
      runPrinterPoller(controller.signal),
      runDocumentInspector(controller.signal, workerId, inspectionPool, work.wait),
      runPrintConverter(controller.signal, workerId, pool, settings, work.wait),
      runPrintDispatcher(controller.signal, workerId, settings, work.wait),
      runPrintHousekeeping(controller.signal, settings),
      runMailSender(controller.signal, workerId),
      runWebhookSender(controller.signal, workerId),
    ];
    console.log(`Worker ${workerId} started: polling printers, inspecting documents, converting and printing jobs, sending mail and webhooks.`);
  }
  const stop = async () => {
    controller.abort();
    await Promise.allSettled(loops);
    await cleanup();
    process.exit(0);
  };
  // `on`, not `once`: see dev/run.ts (signal-exit re-raises the signal when no other listener is left).
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  await Promise.all(loops);
  await cleanup();
  process.exit(process.exitCode ?? 0);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
