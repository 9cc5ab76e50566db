import { z } from 'zod';
import { parseEnv, processEnv, type TEnvSource, emptyIsUnset } from './parse-env';

/**
 * A shop agent's settings from the environment (workers/agent/run-agent.ts). Command-line
 * options win over these; the agent validates the combination with its own schema, whose
 * messages name both the option and the variable.
 */
export const ZAgentEnv = z.object({
  /** The Nearprint address the agent pulls jobs from, e.g. https://nearprint.example. */
  NEARPRINT_AGENT_URL: emptyIsUnset(z.string().optional()),
  /** The agent token from the shop's settings (npa_…). */
  NEARPRINT_AGENT_TOKEN: emptyIsUnset(z.string().optional()),
  /** The shop's printers, comma-separated: "Counter=ipp://192.168.1.20/ipp/print,Back=ipp://…". */
  NEARPRINT_AGENT_PRINTERS: emptyIsUnset(z.string().default('')),
  /** How often the agent reports its printers' state, in ms. */
  NEARPRINT_AGENT_REPORT_MS: z.coerce.number().int().min(200).default(3_000),
});

export type TAgentEnvSettings = { url?: string; token?: string; printers: string[]; reportEveryMs: number };

export function agentEnvSettings(source: TEnvSource = processEnv()): TAgentEnvSettings {
  const parsed = parseEnv(ZAgentEnv, source);
  return {
    url: parsed.NEARPRINT_AGENT_URL,
    token: parsed.NEARPRINT_AGENT_TOKEN,
    printers: parsed.NEARPRINT_AGENT_PRINTERS.split(',')
      .map((printer) => printer.trim())
      .filter(Boolean),
    reportEveryMs: parsed.NEARPRINT_AGENT_REPORT_MS,
  };
}
