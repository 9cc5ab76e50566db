/** An order's money as the shop and the platform share it. */
export type TEarningSplit = { shopMinor: number; feeMinor: number };

/**
 * What the shop and the platform earn from what the customer kept paid (`netMinor` of
 * `paidMinor`): the commission scaled to what was kept. recognizeEarning books this.
 */
export function earningSplit(netMinor: number, paidMinor: number, platformFeeMinor: number): TEarningSplit {
  if (netMinor <= 0) return { shopMinor: 0, feeMinor: 0 };
  const feeMinor = paidMinor > 0 ? Math.round((platformFeeMinor * netMinor) / paidMinor) : 0;
  return { shopMinor: netMinor - feeMinor, feeMinor };
}

/**
 * How a refund made after the earning was booked comes out of it: the shop's share and the
 * commission in proportion to what is booked. bookRefund books this.
 */
export function refundReversal(amountMinor: number, booked: TEarningSplit): TEarningSplit {
  const total = booked.shopMinor + booked.feeMinor;
  const feeMinor = total > 0 ? Math.round((amountMinor * booked.feeMinor) / total) : 0;
  return { shopMinor: amountMinor - feeMinor, feeMinor };
}

export type TOrderMoney = {
  paidMinor: number;
  refundedMinor: number;
  platformFeeMinor: number;
  isEarningBooked: boolean;
  /** What is booked now, when the earning is: shop share and fee, net of earlier refunds. */
  booked: TEarningSplit;
};

export type TRefundEffect = {
  amountMinor: number;
  customer: { refundedBeforeMinor: number; refundedAfterMinor: number; keptPaidAfterMinor: number };
  /** The shop's earning and the platform's fee for this order, before and after the refund (booked, or as they will be booked at hand-over). */
  before: TEarningSplit;
  after: TEarningSplit;
};

/**
 * What a refund of `amountMinor` does to everyone, with the same rules the ledger books it
 * by: the customer gets it back; before hand-over it lowers the earning that will be booked,
 * after hand-over it reverses the booked one. Shown to an admin before they confirm.
 */
export function refundEffect(order: TOrderMoney, amountMinor: number): TRefundEffect {
  const netBefore = order.paidMinor - order.refundedMinor;
  const before = order.isEarningBooked ? order.booked : earningSplit(netBefore, order.paidMinor, order.platformFeeMinor);
  let after: TEarningSplit;
  if (order.isEarningBooked) {
    const reversal = refundReversal(amountMinor, order.booked);
    after = { shopMinor: order.booked.shopMinor - reversal.shopMinor, feeMinor: order.booked.feeMinor - reversal.feeMinor };
  } else {
    after = earningSplit(netBefore - amountMinor, order.paidMinor, order.platformFeeMinor);
  }
  return {
    amountMinor,
    customer: { refundedBeforeMinor: order.refundedMinor, refundedAfterMinor: order.refundedMinor + amountMinor, keptPaidAfterMinor: netBefore - amountMinor },
    before,
    after,
  };
}
