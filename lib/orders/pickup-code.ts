import { createHmac, timingSafeEqual } from 'node:crypto';
import { requireAuthSecret } from '@/lib/config/env';

/**
 * The code a customer shows at the counter: six digits derived from the order id with the
 * server's secret, so it needs no storage, cannot be guessed from the order number, and is
 * the same on every device the customer opens the order on.
 */
export function pickupCodeFor(orderId: string, secret = requireAuthSecret()): string {
  const digest = createHmac('sha256', secret).update(`pickup:${orderId}`).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export function isPickupCodeCorrect(orderId: string, entered: string, secret = requireAuthSecret()): boolean {
  const cleaned = entered.replace(/\D/g, '');
  const expected = pickupCodeFor(orderId, secret);
  return cleaned.length === expected.length && timingSafeEqual(Buffer.from(cleaned), Buffer.from(expected));
}

/** What the customer's QR code holds; the shop's scanner reads the code from it. */
export function pickupQrPayload(orderNumber: string, code: string): string {
  return `nearprint:pickup:${orderNumber}:${code}`;
}

/** The code from a scanned QR payload or from what staff typed (digits only). */
export function codeFromPickupInput(input: string): string {
  return parsePickupInput(input).code;
}

/** What staff typed or scanned: the code, and the order number when a QR payload names it. */
export function parsePickupInput(input: string): { code: string; number: string | null } {
  const scanned = /^nearprint:pickup:([A-Z0-9-]+):(\d{6})$/i.exec(input.trim());
  return scanned ? { code: scanned[2], number: scanned[1].toUpperCase() } : { code: input.replace(/\D/g, ''), number: null };
}
