import type { TEvent } from '@/db/schema';
import { formatMoney } from '@/lib/money/money';

const WORDS: Record<string, string> = {
  'order.created': 'Order placed',
  'order.paid': 'Payment confirmed',
  'order.paid_amount_mismatch': 'Payment received with a different amount than the order costs; held for a check',
  'order.payment_released': 'Payment checked; the order goes to the shop',
  'order.canceled': 'Order cancelled',
  'order.refunded': 'Refund',
  'order.dispute.created': 'The payment was disputed',
  'order.dispute.updated': 'Dispute updated',
  'order.dispute.closed': 'Dispute closed',
  'job.awaiting_acceptance': 'Waiting for the shop to accept',
  'job.queued': 'Queued for printing',
  'job.accepted': 'Accepted by the shop',
  'job.rejected': 'Rejected by the shop',
  'job.converting': 'Preparing files for the printer',
  'job.sending': 'Sending to the printer',
  'job.converted': 'Files prepared for the printer',
  'job.retrying': 'Trying again after a printer problem',
  'job.reasons': 'Printer status changed',
  'job.cancel_requested': 'Cancellation requested',
  'job.outcome_unknown': 'The shop is checking whether it printed',
  'order.printing': 'Printing started',
  'order.moved': 'Moved to another shop',
  'order.move_failed': 'Could not move to another shop',
  'order.move_canceled': 'Move to another shop cancelled',
  'order.pickup_code_wrong': 'A wrong pickup code was entered',
  'order.pickup_locked': 'Hand-over paused after too many wrong pickup codes',
  'job.printing': 'Printing',
  'job.progress': 'Printing progress',
  'job.printed': 'Printed',
  'job.failed': 'Printing failed',
  'job.canceled': 'Print job cancelled',
  'job.moved': 'Moved to another printer',
  'job.waiting': 'Waiting for a suitable printer to come online',
  'order.ready': 'Ready for pickup',
  'order.collected': 'Collected',
  'order.files_deleted': 'Files deleted',
};

/** One line for a timeline, in words a customer or admin reads without a glossary. */
export function describeEvent(event: Pick<TEvent, 'type' | 'data'>, currency: string): string {
  const base = WORDS[event.type] ?? event.type.replace(/[._]/g, ' ').replace(/^./, (c) => c.toUpperCase());
  const data = event.data as Record<string, unknown>;
  if (event.type === 'order.refunded' && typeof data.amountMinor === 'number') return `${base} of ${formatMoney(data.amountMinor, currency)}${data.reason ? `: ${String(data.reason)}` : ''}`;
  if (event.type === 'order.paid' && typeof data.amountMinor === 'number') return `${base}: ${formatMoney(data.amountMinor, currency)}`;
  if (typeof data.reason === 'string' && data.reason) return `${base}: ${data.reason}`;
  return base;
}
