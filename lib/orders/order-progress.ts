import type { TOrder, TPrintJob } from '@/db/schema';
import { customerWordsForJobReasons } from '@/lib/printers/job-reasons';

export const PROGRESS_STEPS = [
  { key: 'paid', label: 'Paid' },
  { key: 'accepted', label: 'Accepted by the shop' },
  { key: 'preparing', label: 'Preparing your files' },
  { key: 'printing', label: 'Printing' },
  { key: 'ready', label: 'Ready for pickup' },
  { key: 'collected', label: 'Collected' },
] as const;

export type TProgressStep = (typeof PROGRESS_STEPS)[number]['key'];
export type TOrderProgress = {
  /** Steps fully done. */
  doneCount: number;
  /** What is happening now, in the customer's words. */
  headline: string;
  detail: string | null;
  tone: 'info' | 'good' | 'warn' | 'bad';
  /** While printing: pages out of the printer so far, for a progress bar. */
  pages?: { done: number; of: number };
};

/** Where an order is, from the order's and its print job's states. */
export function orderProgress(order: Pick<TOrder, 'status'>, job: Pick<TPrintJob, 'state' | 'impressionsCompleted' | 'expectedImpressions' | 'stateReasons' | 'lastError'> | null): TOrderProgress {
  switch (order.status) {
    case 'awaiting_payment':
      return { doneCount: 0, headline: 'Waiting for payment', detail: null, tone: 'info' };
    case 'canceled':
      return { doneCount: 0, headline: 'Cancelled', detail: 'This order was not paid and nothing was charged.', tone: 'bad' };
    case 'refunded':
      return { doneCount: 1, headline: 'Refunded', detail: 'Your payment was refunded in full.', tone: 'bad' };
    case 'payment_review':
      return {
        doneCount: 0,
        headline: 'We are checking your payment',
        detail: 'Stripe received a different amount than this order costs. Someone from Nearprint is checking it; nothing prints until then, and if it cannot print as paid you get your money back.',
        tone: 'warn',
      };
    case 'collected':
      return { doneCount: 6, headline: 'Collected', detail: 'Thank you for printing with Nearprint.', tone: 'good' };
    case 'ready':
      return { doneCount: 5, headline: 'Ready for pickup', detail: 'Show your pickup code at the counter.', tone: 'good' };
  }
  const reasons = job ? customerWordsForJobReasons(job.stateReasons) : null;
  switch (job?.state) {
    case undefined:
    case 'awaiting_acceptance':
      return { doneCount: 1, headline: 'Waiting for the shop to accept', detail: null, tone: 'info' };
    case 'queued':
      return { doneCount: 2, headline: 'In the queue for a printer', detail: reasons, tone: reasons ? 'warn' : 'info' };
    case 'converting':
    case 'sending':
      return { doneCount: 2, headline: 'Preparing your files for the printer', detail: null, tone: 'info' };
    case 'printing': {
      if (!job.expectedImpressions) return { doneCount: 3, headline: 'Printing', detail: reasons, tone: reasons ? 'warn' : 'info' };
      const pages = { done: Math.min(job.impressionsCompleted, job.expectedImpressions), of: job.expectedImpressions };
      return { doneCount: 3, headline: `Printing ${pages.done} of ${pages.of} pages`, detail: reasons, tone: reasons ? 'warn' : 'info', pages };
    }
    case 'printed':
      return { doneCount: 4, headline: 'Printed; the shop is getting it ready', detail: null, tone: 'info' };
    case 'failed':
      return { doneCount: 1, headline: 'The shop could not print this job', detail: job.lastError, tone: 'bad' };
    case 'canceled':
      return { doneCount: 1, headline: 'The print job was cancelled', detail: job.lastError, tone: 'bad' };
  }
}
