import { z } from 'zod';
import { ZDispatchOutcome, ZJobProgress } from '@/lib/dispatch/dispatch-types';
import { ZPrinterCapabilities } from '@/lib/ipp/printer-capabilities';
import { ZPrinterStatus } from '@/lib/ipp/printer-status';

/** The agent names itself per process, so two agents sharing a token never drive the same printer. */
export const AGENT_INSTANCE_HEADER = 'x-nearprint-agent-instance';
export const ZAgentInstance = z.string().regex(/^[A-Za-z0-9._:-]{1,80}$/, 'Agent instance ids are letters, digits and . _ : -');

/**
 * What an agent reports about each printer it was configured with: its capabilities (asked
 * when it first answers, and again when it comes back) and its live state, or why it did not
 * answer. The cloud never talks to these printers itself.
 */
export const ZAgentPrinterReport = z.object({
  printers: z
    .array(
      z.object({
        uri: z.string().min(1).max(500),
        name: z.string().trim().min(1).max(100),
        capabilities: ZPrinterCapabilities.nullable(),
        status: ZPrinterStatus.nullable(),
        error: z.string().max(500).nullable(),
      }),
    )
    .max(100),
});
export type TAgentPrinterReport = z.infer<typeof ZAgentPrinterReport>;

export const ZAgentPrinterReportResponse = z.object({ printers: z.array(z.object({ id: z.uuid(), uri: z.string(), name: z.string(), isOnline: z.boolean() })) });

const printerJob = { printerId: z.uuid(), jobId: z.uuid() };

/** The dispatcher's store (TDispatchStore), one operation per request. */
export const ZAgentDispatchRequest = z.discriminatedUnion('op', [
  z.object({ op: z.literal('claim'), limit: z.number().int().min(1).max(100) }),
  z.object({ op: z.literal('renewLease'), printerId: z.uuid() }),
  z.object({ op: z.literal('releaseLease'), printerId: z.uuid() }),
  z.object({ op: z.literal('currentJob'), printerId: z.uuid() }),
  z.object({ op: z.literal('nextJob'), printerId: z.uuid() }),
  z.object({ op: z.literal('startSending'), ...printerJob }),
  z.object({ op: z.literal('beginUpload'), ...printerJob, ippJobId: z.number().int().min(0).nullable() }),
  z.object({ op: z.literal('markPrinting'), ...printerJob, ippJobId: z.number().int().min(0) }),
  z.object({ op: z.literal('reportProgress'), ...printerJob, progress: ZJobProgress }),
  z.object({ op: z.literal('finish'), ...printerJob, outcome: ZDispatchOutcome }),
]);
export type TAgentDispatchRequest = z.infer<typeof ZAgentDispatchRequest>;
