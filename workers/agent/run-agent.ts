import { z } from 'zod';
import { createAgentClient, AgentAuthError, type TAgentClient } from '@/lib/agent/agent-client';
import { getPrinterCapabilities } from '@/lib/ipp/get-printer-capabilities';
import { getPrinterStatus } from '@/lib/ipp/get-printer-status';
import type { TPrinterCapabilities } from '@/lib/ipp/printer-capabilities';
import { runDispatchLoop } from '../loops/print-dispatcher';
import { sleep } from '../run-loop';
import { agentEnvSettings } from '@/lib/config/agent-settings';
import type { TPrintSettings } from '@/lib/config/print-settings';

const ZAgentConfig = z.object({
  url: z.url('Give the Nearprint address with --url or NEARPRINT_AGENT_URL, e.g. https://nearprint.example'),
  token: z.string().startsWith('npa_', 'Give the agent token from the shop’s settings with --token or NEARPRINT_AGENT_TOKEN'),
  printers: z
    .array(
      z
        .string()
        .regex(/^[^=]+=ipps?:\/\/\S+$/, 'Printers are given as "Name=ipp://address/ipp/print"')
        .transform((entry) => ({ name: entry.slice(0, entry.indexOf('=')).trim(), uri: entry.slice(entry.indexOf('=') + 1).trim() })),
    )
    .min(1, 'Name at least one printer with --printer "Name=ipp://address/ipp/print" or NEARPRINT_AGENT_PRINTERS'),
  reportEveryMs: z.coerce.number().int().min(200).default(3_000),
});

const PRINTER_TIMEOUT_MS = 3_000;
/** The agent runs on the shop's own network: its printers are private addresses, which is the point. */
const SHOP_NETWORK = { timeoutMs: PRINTER_TIMEOUT_MS, network: 'shop-network' } as const;

/**
 * Agent mode: the worker on a shop's own computer. It reports the shop's LAN printers
 * (capabilities and live state) to the cloud, pulls the converted jobs for them over the
 * agent API and prints them over IPP with the same dispatcher as the cloud worker; the cloud
 * never connects to the printers. Stateless between runs: after a restart it claims its
 * printers again and picks up any job it was sending or printing (asking the printer first).
 * A refused token stops it with a message: it was revoked in the shop's settings.
 */
export async function runAgent(options: { signal: AbortSignal; url?: string; token?: string; printers?: string[]; agentId: string; settings: TPrintSettings }): Promise<void> {
  const fromEnv = agentEnvSettings();
  const config = ZAgentConfig.parse({
    url: options.url ?? fromEnv.url,
    token: options.token ?? fromEnv.token,
    printers: options.printers?.length ? options.printers : fromEnv.printers,
    reportEveryMs: fromEnv.reportEveryMs,
  });
  const client = createAgentClient({ url: config.url, token: config.token, instanceId: options.agentId.replace(/[^A-Za-z0-9._:-]/g, '-').slice(0, 80) });
  const controller = new AbortController();
  options.signal.addEventListener('abort', () => controller.abort(), { once: true });
  const stopOnAuthError = (error: unknown) => {
    if (error instanceof AgentAuthError) {
      console.error(`[agent] ${error.message} The agent stops.`);
      process.exitCode = 2;
      controller.abort();
      return true;
    }
    return false;
  };

  const me = await client.me().catch((error: unknown) => {
    if (stopOnAuthError(error)) return null;
    throw error;
  });
  if (!me) return;
  console.log(`[agent] ${options.agentId} printing for “${me.shopName}” on ${config.printers.length} printer(s).`);

  const guardedClient: TAgentClient = {
    ...client,
    claim: (limit) => client.claim(limit).catch((error: unknown) => (stopOnAuthError(error) ? [] : Promise.reject(error))),
  };
  await Promise.all([
    reportPrinters(client, config.printers, config.reportEveryMs, controller.signal, stopOnAuthError),
    runDispatchLoop({ name: 'agent-dispatcher', signal: controller.signal, settings: options.settings, claim: guardedClient.claim, store: client.store, network: 'shop-network' }),
  ]);
}

/** Asks each configured printer for its state and reports them all, every few seconds. */
async function reportPrinters(client: TAgentClient, printers: { name: string; uri: string }[], everyMs: number, signal: AbortSignal, onError: (error: unknown) => boolean): Promise<void> {
  const capabilities = new Map<string, TPrinterCapabilities>();
  while (!signal.aborted) {
    const report = await Promise.all(
      printers.map(async (printer) => {
        try {
          const status = await getPrinterStatus(printer.uri, SHOP_NETWORK);
          const known = capabilities.get(printer.uri);
          const fresh = known ? null : await getPrinterCapabilities(printer.uri, SHOP_NETWORK);
          if (fresh) capabilities.set(printer.uri, fresh);
          return { ...printer, capabilities: fresh, status, error: null };
        } catch (error) {
          capabilities.delete(printer.uri);
          return { ...printer, capabilities: null, status: null, error: error instanceof Error ? error.message.slice(0, 500) : 'The printer did not answer.' };
        }
      }),
    );
    try {
      await client.reportPrinters({ printers: report });
    } catch (error) {
      if (onError(error)) return;
      for (const entry of report) if (entry.capabilities) capabilities.delete(entry.uri);
      console.error('[agent] reporting printers failed:', error instanceof Error ? error.message : error);
    }
    await sleep(everyMs, signal);
  }
}
