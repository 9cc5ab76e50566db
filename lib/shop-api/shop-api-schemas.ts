import { z } from 'zod';
import { printJobState, printerState } from '@/db/schema';
import { ZRejectReasonCode } from '@/lib/shop-queue/reject-reasons';

/**
 * The shop API's requests and answers, checked with zod at the edge and described by the same
 * schemas in the OpenAPI document (lib/shop-api/openapi-document.ts). Money in minor units.
 */

export const ZShopPath = z.object({ shopId: z.uuid().describe('Your shop’s id (in the address of its pages).') });
export const ZJobPath = ZShopPath.extend({ jobId: z.uuid() });
export const ZPrinterPath = ZShopPath.extend({ printerId: z.uuid() });

export const ZListJobsQuery = z.object({
  state: z.enum(printJobState.enumValues).optional().describe('Only jobs in this state.'),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('At most this many, newest first.'),
});

export const ZApiJob = z
  .object({
    id: z.uuid(),
    orderId: z.uuid(),
    orderNumber: z.string().describe('What the customer quotes, e.g. NP-7K3F9Q.'),
    state: z.enum(printJobState.enumValues),
    printerId: z.uuid().nullable(),
    isReprint: z.boolean(),
    expectedImpressions: z.number().int().nullable(),
    impressionsCompleted: z.number().int(),
    lastError: z.string().nullable(),
    orderStatus: z.string().describe('paid, printing, ready, collected, refunded…'),
    totalMinor: z.number().int().describe('What the customer paid, minor units.'),
    currency: z.string(),
    createdAt: z.string(),
    printedAt: z.string().nullable(),
  })
  .meta({ id: 'Job' });
export type TApiJob = z.infer<typeof ZApiJob>;

export const ZJobList = z.object({ jobs: z.array(ZApiJob) }).meta({ id: 'JobList' });

export const ZRejectJobBody = z
  .object({
    reasonCode: ZRejectReasonCode,
    note: z.string().trim().max(200).optional().default(''),
  })
  .refine((reason) => reason.reasonCode !== 'other' || reason.note.length > 0, { message: 'Say why you reject the job', path: ['note'] })
  .meta({ id: 'RejectJob' });

export const ZHandOverBody = z.object({ code: z.string().trim().min(1).max(200).describe('The customer’s pickup code (or the scanned QR text).') }).meta({ id: 'HandOver' });

export const ZHandOverResult = z
  .object({
    result: z.enum(['collected', 'wrong_code']),
    attemptsLeft: z.number().int().optional(),
    shortfallRefundMinor: z.number().int().optional().describe('Refunded for pages the printer did not print, minor units.'),
  })
  .meta({ id: 'HandOverResult' });

export const ZApiPrinter = z
  .object({
    id: z.uuid(),
    name: z.string(),
    makeAndModel: z.string(),
    isEnabled: z.boolean(),
    isOnline: z.boolean(),
    state: z.enum(printerState.enumValues),
    stateReasons: z.array(z.string()),
    queuedJobCount: z.number().int(),
    isColor: z.boolean(),
    isDuplex: z.boolean(),
    media: z.array(z.string()),
    lastSeenAt: z.string().nullable(),
  })
  .meta({ id: 'Printer' });
export type TApiPrinter = z.infer<typeof ZApiPrinter>;

export const ZPrinterList = z.object({ printers: z.array(ZApiPrinter) }).meta({ id: 'PrinterList' });

export const ZEarnings = z
  .object({
    currency: z.string(),
    balanceMinor: z.number().int().describe('What the ledger owes the shop now.'),
    inProgressMinor: z.number().int().describe('Paid orders not yet collected (earned at hand-over).'),
    inProgressCount: z.number().int(),
    paidOutMinor: z.number().int(),
    orders: z.array(
      z.object({
        orderId: z.uuid(),
        number: z.string(),
        status: z.string(),
        paidAt: z.string().nullable(),
        totalMinor: z.number().int(),
        platformFeeMinor: z.number().int(),
        refundedMinor: z.number().int(),
        earnedMinor: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'Earnings' });

export const ZApiError = z
  .object({
    error: z.object({
      code: z.string().describe('bad_request, unauthorized, forbidden, not_found, conflict, too_many_requests…'),
      message: z.string(),
      fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
    }),
  })
  .meta({ id: 'Error' });

export const ZOk = z.object({ ok: z.literal(true) }).meta({ id: 'Ok' });
