/**
 * The pieces every local stack shares (the demo and e2e launcher dev/run.ts, the scale-out
 * stack dev/stack/scale): how the app's processes are started and what they are told, the
 * demo printers, the Stripe emulator, the mail catcher and the sign-in banner.
 */
import path from 'node:path';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/db/seed-data';
import type { TDemoPrinter } from '@/dev/demo/demo-fleet';
import { startDemoPrinters, type TRunningDemoPrinter } from '@/dev/demo/start-demo-printers';
import { startMailCatcher } from '@/dev/mail-catcher/start-mail-catcher';
import { startStripeEmulator } from '@/dev/stripe-emulator/start-stripe-emulator';
import type { TLocalSecrets } from './secrets';

/** `node` arguments for one worker (run from the repository root). */
export const WORKER_ARGS = ['--import', 'tsx', 'workers/main.ts'];

/** `node` arguments for one web instance of the production build. */
export function nextStartArgs(port: number, host: string): string[] {
  return ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', host];
}

type TLog = (line: string) => void;
type TLocalService = { url: string; env: Record<string, string>; stop: () => Promise<void> };

/** Starts the demo printers and says how long they took. */
export async function startDemoFleet(fleet: TDemoPrinter[], spoolRoot: string, log: TLog): Promise<TRunningDemoPrinter[]> {
  const started = Date.now();
  const printers = await startDemoPrinters(fleet);
  log(`Demo printers: ${printers.length} IPP Everywhere printers up in ${((Date.now() - started) / 1000).toFixed(1)} s (spool files in ${path.relative(process.cwd(), spoolRoot) || spoolRoot}/)`);
  return printers;
}

/** The local Stripe emulator, signing its webhooks to `webhookUrl` with the stack's secret. */
export async function startLocalStripe(options: { port: number; webhookUrl: string; secrets: TLocalSecrets; dataFile: string; log: TLog }): Promise<TLocalService> {
  const emulator = await startStripeEmulator({
    port: options.port,
    webhookUrl: options.webhookUrl,
    webhookSecret: options.secrets.stripeWebhookSecret,
    dataFile: options.dataFile,
    merchantName: 'Nearprint',
    defaultCurrency: process.env.CURRENCY ?? 'eur',
  });
  options.log(`Payments: local Stripe emulator on ${emulator.url} (test card 4242 4242 4242 4242)`);
  return { url: emulator.url, env: { STRIPE_EMULATOR_URL: emulator.url, STRIPE_WEBHOOK_SECRET: options.secrets.stripeWebhookSecret }, stop: emulator.stop };
}

/** The local SMTP catcher; caught mail is read at /dev/mail on any web instance (they share the disk here). */
export async function startLocalMail(options: { port: number; dir: string; appUrl: string; log: TLog }): Promise<TLocalService> {
  const catcher = await startMailCatcher({ port: options.port, dir: options.dir });
  options.log(`Mail: local SMTP catcher on ${catcher.url}; caught mails at ${options.appUrl}/dev/mail`);
  return { url: catcher.url, env: { SMTP_URL: catcher.url, MAIL_CATCHER_DIR: catcher.dir }, stop: catcher.stop };
}

/**
 * What every web instance and worker of a local stack is told. `next start` runs with
 * NODE_ENV=production, where the app and the worker refuse the embedded database and the
 * Stripe emulator (lib/config/env.ts); a local stack is the one place that allows them.
 * AUTH_SECRET and DOCUMENT_LINK_SECRET come from the stack's secrets unless given.
 */
export function localAppEnv(input: { services: Record<string, string>; databaseUrl: string; dataDir: string; appUrl: string; secrets: TLocalSecrets }): NodeJS.ProcessEnv {
  return {
    ...input.services,
    ...process.env,
    DATABASE_URL: input.databaseUrl,
    DATA_DIR: input.dataDir,
    APP_URL: input.appUrl,
    AUTH_SECRET: process.env.AUTH_SECRET ?? input.secrets.authSecret,
    DOCUMENT_LINK_SECRET: process.env.DOCUMENT_LINK_SECRET ?? input.secrets.documentLinkSecret,
    NODE_ENV: 'production',
    NEARPRINT_ALLOW_DEV_DEFAULTS: 'true',
  };
}

/** Where to go and how to sign in, as the demo prints it. */
export function demoBanner(input: { appUrl: string; dataDir: string; lines?: string[] }): string {
  const adminEmail = process.env.ADMIN_EMAIL ?? DEMO_ACCOUNTS.admin.email;
  return `
  Nearprint is running at ${input.appUrl}
${(input.lines ?? []).map((line) => `  ${line}\n`).join('')}
  Demo sign-ins:
    customer    ${DEMO_ACCOUNTS.customer.email} / ${DEMO_PASSWORD.customer}
    shop owner  ${DEMO_ACCOUNTS.owner.email} / ${DEMO_PASSWORD.owner}
    admin       ${adminEmail} / ${process.env.ADMIN_PASSWORD ? '(ADMIN_PASSWORD)' : DEMO_PASSWORD.admin}

  Press Ctrl+C to stop. Data is kept in ${path.relative(process.cwd(), input.dataDir) || '.'}/.
`;
}
