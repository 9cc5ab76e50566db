import { describe, expect, it } from 'vitest';
import { orderProgress } from './order-progress';

const job = { state: 'printing' as const, impressionsCompleted: 3, expectedImpressions: 10, stateReasons: [] as string[], lastError: null };

describe('orderProgress', () => {
  it('counts pages while printing', () => {
    expect(orderProgress({ status: 'printing' }, job)).toMatchObject({ doneCount: 3, headline: 'Printing 3 of 10 pages', tone: 'info', pages: { done: 3, of: 10 } });
  });

  it('tells the customer in plain words when the printer has a problem', () => {
    const progress = orderProgress({ status: 'printing' }, { ...job, stateReasons: ['media-empty-error', 'toner-low-warning'] });
    expect(progress.tone).toBe('warn');
    expect(progress.detail).toMatch(/paper/i);
    expect(progress.detail).toMatch(/The shop has been told/);
  });

  it('follows the order through to collection', () => {
    expect(orderProgress({ status: 'paid' }, { ...job, state: 'awaiting_acceptance' }).doneCount).toBe(1);
    expect(orderProgress({ status: 'paid' }, { ...job, state: 'queued' }).doneCount).toBe(2);
    expect(orderProgress({ status: 'ready' }, { ...job, state: 'printed' }).doneCount).toBe(5);
    expect(orderProgress({ status: 'collected' }, null).doneCount).toBe(6);
    expect(orderProgress({ status: 'refunded' }, null).tone).toBe('bad');
  });

  it('says a held payment is being checked, and nothing prints meanwhile', () => {
    const progress = orderProgress({ status: 'payment_review' }, null);
    expect(progress).toMatchObject({ doneCount: 0, headline: 'We are checking your payment', tone: 'warn' });
    expect(progress.detail).toMatch(/nothing prints until then/);
  });
});
