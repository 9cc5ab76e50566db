import { describe, expect, it } from 'vitest';
import { earningSplit, refundEffect, refundReversal } from './refund-split';

describe('refund split', () => {
  it('scales the commission to what the customer kept paid', () => {
    expect(earningSplit(300, 300, 30)).toEqual({ shopMinor: 270, feeMinor: 30 });
    expect(earningSplit(200, 300, 30)).toEqual({ shopMinor: 180, feeMinor: 20 });
    expect(earningSplit(0, 300, 30)).toEqual({ shopMinor: 0, feeMinor: 0 });
  });

  it('reverses a booked earning in proportion, to the cent, the parts adding up to the refund', () => {
    expect(refundReversal(100, { shopMinor: 270, feeMinor: 30 })).toEqual({ shopMinor: 90, feeMinor: 10 });
    const odd = refundReversal(7, { shopMinor: 263, feeMinor: 29 });
    expect(odd.shopMinor + odd.feeMinor).toBe(7);
  });

  it('before hand-over: lowers the earning that will be booked', () => {
    const effect = refundEffect({ paidMinor: 300, refundedMinor: 0, platformFeeMinor: 30, isEarningBooked: false, booked: { shopMinor: 0, feeMinor: 0 } }, 100);
    expect(effect.before).toEqual({ shopMinor: 270, feeMinor: 30 });
    expect(effect.after).toEqual({ shopMinor: 180, feeMinor: 20 });
    expect(effect.customer).toEqual({ refundedBeforeMinor: 0, refundedAfterMinor: 100, keptPaidAfterMinor: 200 });
  });

  it('after hand-over: reverses the booked earning; a full refund leaves nothing to anyone', () => {
    const booked = { paidMinor: 300, refundedMinor: 50, platformFeeMinor: 30, isEarningBooked: true, booked: { shopMinor: 225, feeMinor: 25 } };
    expect(refundEffect(booked, 250).after).toEqual({ shopMinor: 0, feeMinor: 0 });
    expect(refundEffect(booked, 100).after).toEqual({ shopMinor: 135, feeMinor: 15 });
  });
});
