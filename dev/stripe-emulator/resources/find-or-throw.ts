import { resourceMissing } from '../http/api-error';
import type { TEmulatorContext } from '../emulator-context';
import type { TCollectionName } from '../state/emulator-store';

const OBJECT_NAMES: Record<TCollectionName, string> = {
  checkoutSessions: 'checkout.session',
  paymentIntents: 'payment_intent',
  charges: 'charge',
  refunds: 'refund',
  disputes: 'dispute',
  accounts: 'account',
  transfers: 'transfer',
  transferReversals: 'transfer_reversal',
  balanceTransactions: 'balance_transaction',
  events: 'event',
};

/** Looks an object up or fails with Stripe's 404 `resource_missing` ("No such charge: 'ch_…'"). */
export function findOrThrow<TName extends TCollectionName>(ctx: TEmulatorContext, collection: TName, id: string, param = 'id') {
  const found = ctx.store.get(collection, id);
  if (!found) throw resourceMissing(OBJECT_NAMES[collection], id, param);
  return found;
}
