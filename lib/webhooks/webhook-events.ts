import { z } from 'zod';

/** The events a shop can subscribe to; each is enqueued in the transaction of the change that causes it. */
export const WEBHOOK_EVENT_TYPES = ['job.paid', 'job.printed', 'job.ready', 'job.failed', 'printer.offline'] as const;
export type TWebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_EVENT_DESCRIPTIONS: Record<TWebhookEventType, string> = {
  'job.paid': 'A customer paid: a new job for your shop (waiting for acceptance, or queued with auto-accept).',
  'job.printed': 'A printer finished a job (or you confirmed it printed).',
  'job.ready': 'An order is ready for pickup; data names its printed job.',
  'job.failed': 'A job failed for good (it could not be converted or printed); the customer is refunded.',
  'printer.offline': 'A printer has not answered for a while.',
};

export const ZWebhookEventType = z.enum(WEBHOOK_EVENT_TYPES);

/** What a receiver gets: the body of every delivery (and every retry and replay of it, unchanged). */
export const ZWebhookEvent = z.object({
  id: z.uuid().describe('The event id: the same in every retry and replay, so a receiver drops duplicates by it.'),
  type: ZWebhookEventType,
  created: z.string().describe('When the event happened (ISO 8601).'),
  shopId: z.uuid(),
  data: z.record(z.string(), z.unknown()).describe('The job (jobId, orderId, orderNumber, state, printerId, reason) or printer (printerId, name, title) it is about.'),
});
export type TWebhookEvent = z.infer<typeof ZWebhookEvent>;
