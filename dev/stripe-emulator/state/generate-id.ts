import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A Stripe-looking id: the object's prefix plus random base62 (`pi_3Qx…`). Checkout
 * Session ids are much longer in Stripe (`cs_test_a1…`, ~66 characters) and apps that
 * size columns after real ids should see the same length here.
 */
export function generateId(prefix: string, length = prefix.startsWith('cs_') ? 58 : 24): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return `${prefix}${id}`;
}
