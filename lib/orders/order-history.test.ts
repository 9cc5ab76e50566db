import { describe, expect, it } from 'vitest';
import { orderHistory } from './order-history';

const at = (second: number) => new Date(Date.UTC(2026, 11, 6, 12, 0, second));
const progress = (id: number, done: number) => ({ id, type: 'job.progress', data: { impressionsCompleted: done, expectedImpressions: 74 }, createdAt: at(id) });

describe('order history', () => {
  it('folds a run of printing updates into one row with the latest count, keeping what comes before and after', () => {
    const rows = orderHistory(
      [
        { id: 1, type: 'order.paid', data: { amountMinor: 300 }, createdAt: at(1) },
        { id: 2, type: 'job.printing', data: {}, createdAt: at(2) },
        ...Array.from({ length: 70 }, (_, i) => progress(3 + i, i + 1)),
        { id: 80, type: 'job.printed', data: {}, createdAt: at(80) },
      ],
      'eur',
    );
    expect(rows.map((row) => row.text)).toEqual(['Payment confirmed: €3.00', 'Printing', 'Printing: 70 of 74 pages done', 'Printed']);
    expect(rows[2]).toMatchObject({ id: 72, updates: 70 });
  });

  it('starts a new row when something else happened between two runs of updates', () => {
    const rows = orderHistory([progress(1, 10), { id: 2, type: 'job.paused', data: { reason: 'Out of paper' }, createdAt: at(2) }, progress(3, 11)], 'eur');
    expect(rows).toHaveLength(3);
    expect(rows[2].text).toBe('Printing: 11 of 74 pages done');
  });
});
