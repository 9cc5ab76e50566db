import { z } from 'zod';
import { DocumentError } from '@/lib/documents/document-error';
import { ZDispatchJob, ZDispatchPrinter, ZJobControl, type TDispatchStore } from '@/lib/dispatch/dispatch-types';
import { AGENT_INSTANCE_HEADER, ZAgentPrinterReportResponse, type TAgentDispatchRequest, type TAgentPrinterReport } from './agent-protocol';

const REQUEST_TIMEOUT_MS = 15_000;
const OUTPUT_TIMEOUT_MS = 5 * 60_000;

/** The cloud refused the token (revoked or wrong): nothing will work until the owner gives the agent a new one. */
export class AgentAuthError extends Error {}

export type TAgentClient = {
  me(): Promise<{ shopId: string; shopName: string }>;
  reportPrinters(report: TAgentPrinterReport): Promise<z.infer<typeof ZAgentPrinterReportResponse>>;
  claim(limit: number): Promise<z.infer<typeof ZDispatchPrinter>[]>;
  store: TDispatchStore;
};

/**
 * The agent's side of the agent API (app/api/agent/**): plain HTTPS with the shop token as a
 * bearer token, every answer checked with the same zod schemas the server uses, so the agent
 * runs the same dispatcher as the cloud worker against this store.
 */
export function createAgentClient(options: { url: string; token: string; instanceId: string }): TAgentClient {
  const base = options.url.replace(/\/+$/, '');
  const headers = { authorization: `Bearer ${options.token}`, [AGENT_INSTANCE_HEADER]: options.instanceId };

  async function call<T>(path: string, init: RequestInit, schema: z.ZodType<T>, timeoutMs = REQUEST_TIMEOUT_MS): Promise<T> {
    const response = await fetch(`${base}${path}`, { ...init, headers: { ...headers, ...(init.body ? { 'content-type': 'application/json' } : {}) }, signal: AbortSignal.timeout(timeoutMs) });
    if (response.status === 401) throw new AgentAuthError(((await response.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? 'The agent token was refused.');
    if (!response.ok) throw new Error(`Agent API ${path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    return schema.parse(await response.json());
  }

  const dispatch = <T>(request: TAgentDispatchRequest, schema: z.ZodType<T>) => call('/api/agent/dispatch', { method: 'POST', body: JSON.stringify(request) }, schema);
  const ok = z.object({ ok: z.boolean() });
  const job = z.object({ job: ZDispatchJob.nullable() });
  const control = z.object({ control: ZJobControl });

  return {
    me: () => call('/api/agent/me', { method: 'GET' }, z.object({ shopId: z.uuid(), shopName: z.string() })),
    reportPrinters: (report) => call('/api/agent/printers', { method: 'POST', body: JSON.stringify(report) }, ZAgentPrinterReportResponse),
    claim: async (limit) => (await dispatch({ op: 'claim', limit: Math.max(1, Math.min(100, limit)) }, z.object({ printers: z.array(ZDispatchPrinter) }))).printers,
    store: {
      renewLease: async (printerId) => (await dispatch({ op: 'renewLease', printerId }, ok)).ok,
      releaseLease: async (printerId) => {
        await dispatch({ op: 'releaseLease', printerId }, ok);
      },
      currentJob: async (printerId) => (await dispatch({ op: 'currentJob', printerId }, job)).job,
      nextJob: async (printerId) => (await dispatch({ op: 'nextJob', printerId }, job)).job,
      readOutput: async (_printerId, jobId) => {
        const response = await fetch(`${base}/api/agent/jobs/${jobId}/output`, { headers, signal: AbortSignal.timeout(OUTPUT_TIMEOUT_MS) });
        if (response.status === 401) throw new AgentAuthError('The agent token was refused.');
        // Gone from the cloud's store: the dispatcher has it converted again.
        if (response.status === 404) throw new DocumentError('not_found');
        if (!response.ok) throw new Error(`Downloading job ${jobId} failed (${response.status}).`);
        return Buffer.from(await response.arrayBuffer());
      },
      startSending: async (printerId, jobId) => (await dispatch({ op: 'startSending', printerId, jobId }, ok)).ok,
      beginUpload: async (printerId, jobId, ippJobId) => (await dispatch({ op: 'beginUpload', printerId, jobId, ippJobId }, control)).control,
      markPrinting: async (printerId, jobId, ippJobId) => (await dispatch({ op: 'markPrinting', printerId, jobId, ippJobId }, control)).control,
      reportProgress: async (printerId, jobId, progress) => (await dispatch({ op: 'reportProgress', printerId, jobId, progress }, control)).control,
      finish: async (printerId, jobId, outcome) => {
        await dispatch({ op: 'finish', printerId, jobId, outcome }, ok);
      },
    },
  };
}
