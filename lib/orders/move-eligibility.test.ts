import { describe, expect, it } from 'vitest';
import { moveEligibility } from './move-eligibility';

const paid = { status: 'paid' as const, shopId: 's1', paidAt: new Date('2030-01-01T10:00:00Z') };
const job = { shopId: 's1', state: 'queued' as const, refundDue: null, waitingSince: null };
const now = new Date('2030-01-01T10:30:00Z');

describe('moveEligibility', () => {
  it('offers a move when the shop declined, the job failed, or no printer has been online for a while', () => {
    expect(moveEligibility({ ...paid, status: 'refunded' }, { ...job, state: 'canceled', refundDue: 'shop_rejected' }, now)).toMatchObject({ canMove: true, reason: 'shop_rejected' });
    expect(moveEligibility(paid, { ...job, state: 'failed' }, now)).toMatchObject({ canMove: true, reason: 'print_failed' });
    expect(moveEligibility(paid, { ...job, waitingSince: new Date('2030-01-01T10:05:00Z') }, now)).toMatchObject({ canMove: true, reason: 'no_printer' });
  });

  it('does not while the shop is on it, or once it printed, or for an unpaid order', () => {
    expect(moveEligibility(paid, { ...job, waitingSince: new Date('2030-01-01T10:25:00Z') }, now).canMove).toBe(false);
    expect(moveEligibility(paid, job, now).canMove).toBe(false);
    expect(moveEligibility({ ...paid, status: 'printing' }, { ...job, state: 'printing' }, now).canMove).toBe(false);
    expect(moveEligibility({ ...paid, status: 'awaiting_payment', paidAt: null }, null, now).canMove).toBe(false);
    expect(moveEligibility(paid, { ...job, state: 'canceled', refundDue: null }, now).canMove).toBe(false);
    expect(moveEligibility(paid, { ...job, shopId: 'other', state: 'failed' }, now).canMove).toBe(false);
  });
});
