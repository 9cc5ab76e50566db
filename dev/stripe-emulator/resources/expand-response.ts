import type { TEmulatorContext } from '../emulator-context';
import { expandObject } from '../state/expand-object';
import type { TList } from '../state/stripe-objects';

/**
 * `expand[]` for any response, with the emulator's objects as sources. Besides ids it
 * knows the properties Stripe only includes on request: a Checkout Session's
 * `line_items` and a Charge's `refunds`.
 */
export function expandResponse<TObject extends object>(ctx: TEmulatorContext, object: TObject, expand: string[] | undefined): TObject {
  return expandObject(object, expand, {
    findById: (id) => ctx.store.findById(id),
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
