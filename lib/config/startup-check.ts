import { ZAlertEnv } from './alert-settings';
import { ZDocumentStoreEnv } from './document-store-settings';
import { demoPasswordProblems, describeMissingForProduction, missingForProduction, ZEnv } from './env';
import { ZGeocoderEnv } from './geocoder-settings';
import { mailStartupNotices, ZMailEnv } from './mail-settings';
import { ZOrderEnv } from './order-settings';
import { ConfigError, envProblems, processEnv, type TEnvSource } from './parse-env';
import { ZPrinterAddressEnv } from './printer-address-settings';
import { ZPrinterPollEnv } from './printer-poll-settings';
import { ZSignInEnv } from './sign-in-settings';
import { ZPrintEnv } from './print-settings';
import { ZTextFontEnv } from './text-font-settings';

/** Every schema the web app and the cloud worker read their settings through. */
const SERVER_SCHEMAS = [ZEnv, ZPrintEnv, ZPrinterPollEnv, ZPrinterAddressEnv, ZSignInEnv, ZOrderEnv, ZDocumentStoreEnv, ZTextFontEnv, ZGeocoderEnv, ZAlertEnv, ZMailEnv];

/** Each problem with the server's settings, one line per variable: bad values, then missing production settings. */
export function startupConfigProblems(source: TEnvSource = processEnv()): string[] {
  const invalid = [...new Set(SERVER_SCHEMAS.flatMap((schema) => envProblems(schema, source)))];
  return [...invalid, ...describeMissingForProduction(missingForProduction(source)), ...demoPasswordProblems(source)];
}

/**
 * Checks every setting when the web app (instrumentation.ts) or the cloud worker
 * (workers/main.ts) starts, and stops it with one message listing everything to fix,
 * rather than failing a request later. With NODE_ENV=production that includes
 * DATABASE_URL, STRIPE_SECRET_KEY and AUTH_SECRET, so production never falls back to the
 * embedded database or the Stripe emulator, and an ADMIN_PASSWORD that is not a public demo one. Called at runtime only: `next build` imports
 * modules with NODE_ENV=production and no secrets, and must still succeed.
 */
export function assertStartupConfig(source: TEnvSource = processEnv()): void {
  const problems = startupConfigProblems(source);
  if (problems.length > 0) throw new ConfigError(problems);
}

/** What works but is worth saying when a server starts (mail off in production). */
export function startupNotices(source: TEnvSource = processEnv()): string[] {
  return mailStartupNotices(source);
}

/**
 * For process entry points (instrumentation.ts, workers/main.ts): prints the problems and
 * exits with status 1. Next.js only logs an error thrown by register() and keeps serving.
 */
export function exitOnBadStartupConfig(processName: string, source: TEnvSource = processEnv()): void {
  const problems = startupConfigProblems(source);
  if (problems.length === 0) {
    for (const notice of startupNotices(source)) console.warn(`Nearprint's ${processName}: ${notice}`);
    return;
  }
  console.error(`Nearprint's ${processName} cannot start. ${new ConfigError(problems).message}`);
  process.exit(1);
}
