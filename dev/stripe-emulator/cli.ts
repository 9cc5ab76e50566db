import { parseArgs } from 'node:util';
import { DEFAULT_WEBHOOK_SECRET, startStripeEmulator } from './start-stripe-emulator';

const USAGE = `Local Stripe emulator for Nearprint (dev only).

Usage: tsx dev/stripe-emulator/cli.ts [options]

  --port <n>             port to listen on (default 12111; 0 = any free port)
  --host <addr>          address to bind (default 127.0.0.1)
  --webhook-url <url>    webhook endpoint; repeat for several
  --webhook-secret <s>   signing secret (default ${DEFAULT_WEBHOOK_SECRET})
  --data-file <path>     keep state in this JSON file across restarts
  --public-url <url>     base URL of the hosted pages, if browsers reach the emulator elsewhere
  --api-key <key>        accept only this secret key (default: any sk_test_… key)
  --quiet                no request and webhook log
  -h, --help             show this help

Environment: STRIPE_EMULATOR_PORT, STRIPE_WEBHOOK_URL, STRIPE_WEBHOOK_SECRET and
STRIPE_EMULATOR_DATA_FILE stand in for the matching options.`;

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'webhook-url': { type: 'string', multiple: true },
    'webhook-secret': { type: 'string' },
    'data-file': { type: 'string' },
    'public-url': { type: 'string' },
    'api-key': { type: 'string' },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const port = Number(values.port ?? process.env.STRIPE_EMULATOR_PORT ?? 12111);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid --port ${values.port}: use a number from 0 to 65535.`);
  process.exit(2);
}
const webhookUrls = values['webhook-url'] ?? (process.env.STRIPE_WEBHOOK_URL ? [process.env.STRIPE_WEBHOOK_URL] : []);
const log = values.quiet ? undefined : (line: string) => console.log(`[stripe-emulator] ${line}`);

try {
  const emulator = await startStripeEmulator({
    port,
    host: values.host,
    webhookUrl: webhookUrls,
    webhookSecret: values['webhook-secret'] ?? process.env.STRIPE_WEBHOOK_SECRET,
    dataFile: values['data-file'] ?? process.env.STRIPE_EMULATOR_DATA_FILE,
    publicUrl: values['public-url'],
    apiKey: values['api-key'],
    log,
  });
  console.log(`[stripe-emulator] listening on ${emulator.url} (API version ${emulator.apiVersion})`);
  console.log(`[stripe-emulator] SDK: new Stripe('sk_test_…', { host: '${emulator.stripeConfig.host}', port: ${emulator.port}, protocol: 'http' })`);
  console.log(`[stripe-emulator] webhooks → ${webhookUrls.length ? webhookUrls.join(', ') : '(none yet: POST /_emulator/webhook-endpoints)'}`);
  console.log(`[stripe-emulator] webhook secret ${emulator.webhookSecret}`);
  const shutdown = async (signal: string) => {
    console.log(`[stripe-emulator] ${signal}: saving state and stopping`);
    await emulator.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === 'EADDRINUSE'
      ? `[stripe-emulator] port ${port} is already in use; is another emulator running? Pick another with --port.`
      : `[stripe-emulator] could not start: ${(error as Error).message}`,
  );
  process.exit(1);
}
