import type { TOrderQuote } from './order-quote';

/** A quote as the customer sees it: their price, line by line, without the platform's cut or the shop's earning. */
export type TCustomerQuote = Omit<TOrderQuote, 'platformFeeMinor' | 'shopEarningMinor'>;

/** Every quote that leaves the server for a customer goes through this. */
export function customerQuote(quote: TOrderQuote): TCustomerQuote {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { platformFeeMinor, shopEarningMinor, ...forCustomer } = quote;
  return forCustomer;
}
