import type { TEmulatorContext } from '../emulator-context';
import { expandObject } from '../state/expand-object';
import type { TList } from '../state/stripe-objects';

/** Stripe's expandable properties on the objects the emulator serves. */
const EXPANDABLE: Record<string, string[]> = {
  'checkout.session': ['customer', 'line_items', 'payment_intent'],
  payment_intent: ['customer', 'latest_charge', 'payment_method'],
  charge: ['balance_transaction', 'customer', 'payment_intent', 'refunds'],
  refund: ['balance_transaction', 'charge', 'payment_intent'],
  dispute: ['charge', 'payment_intent'],
  transfer: ['balance_transaction', 'destination', 'destination_payment', 'source_transaction'],
  transfer_reversal: ['balance_transaction', 'destination_payment_refund', 'source_refund', 'transfer'],
  balance_transaction: ['source'],
  item: ['price'],
};

/**
 * `expand[]` for any response, with the emulator's objects as sources. Besides ids it
 * knows the properties Stripe only includes on request: a Checkout Session's
 * `line_items` and a Charge's `refunds`.
 */
export function expandResponse<TObject extends object>(ctx: TEmulatorContext, object: TObject, expand: string[] | undefined): TObject {
  return expandObject(object, expand, {
    findById: (id) => ctx.store.findById(id),
    expandable: EXPANDABLE,
    includables: {
      'checkout.session.line_items': (session) => {
        const lineItems = ctx.store.state.checkoutSessionDetails[String(session.id)]?.lineItems ?? [];
        return fullList(lineItems, `/v1/checkout/sessions/${String(session.id)}/line_items`);
      },
      'charge.refunds': (charge) =>
        fullList(
          ctx.store.list('refunds').filter((refund) => refund.charge === charge.id),
          `/v1/refunds?charge=${String(charge.id)}`,
        ),
    },
  });
}

/** A list that fits on one page (Stripe pages embedded lists at 10; ours stay small). */
export function fullList<TItem>(data: TItem[], url: string): TList<TItem> {
  return { object: 'list', data, has_more: false, url };
}
