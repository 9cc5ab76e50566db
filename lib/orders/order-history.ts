import type { TEvent } from '@/db/schema';
import { describeEvent } from '@/lib/events/describe-event';

export type THistoryRow = { id: number; at: Date; text: string; updates: number };

/**
 * An order's timeline as the customer reads it: a run of printing-progress updates (one every
 * few pages, 70 for a long job) is one row with the latest count, so the history stays a page
 * long and what happened before and after stays in view.
 */
export function orderHistory(events: Pick<TEvent, 'id' | 'type' | 'data' | 'createdAt'>[], currency: string): THistoryRow[] {
  const rows: THistoryRow[] = [];
  for (const event of events) {
    const previous = rows.at(-1);
    if (event.type === 'job.progress') {
      const data = event.data as { impressionsCompleted?: number; expectedImpressions?: number | null };
      const count =
        typeof data.impressionsCompleted === 'number'
          ? data.expectedImpressions
            ? `${Math.min(data.impressionsCompleted, data.expectedImpressions)} of ${data.expectedImpressions} pages`
            : `${data.impressionsCompleted} pages`
          : null;
      const text = count ? `Printing: ${count} done` : describeEvent(event, currency);
      if (previous?.updates && previous.text.startsWith('Printing: ')) {
        rows[rows.length - 1] = { id: event.id, at: event.createdAt, text, updates: previous.updates + 1 };
        continue;
      }
      rows.push({ id: event.id, at: event.createdAt, text, updates: 1 });
      continue;
    }
    rows.push({ id: event.id, at: event.createdAt, text: describeEvent(event, currency), updates: 0 });
  }
  return rows;
}
