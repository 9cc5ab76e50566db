import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Nearprint-Signature';
/** Verifiers refuse signatures older than this (replayed captures); Stripe uses the same 5 minutes. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** HMAC-SHA256 of `<timestamp>.<body>` with the endpoint's secret, hex. */
export function webhookSignature(body: string, secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The header value, in Stripe's shape: `t=<unix seconds>,v1=<hex HMAC>`. */
export function signatureHeader(body: string, secret: string, timestamp: number = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${webhookSignature(body, secret, timestamp)}`;
}

/**
 * What a receiver does (README shows the same in a few lines): recompute the HMAC of the raw
 * body with the timestamp from the header, compare in constant time, refuse a stale timestamp.
 */
export function verifyWebhookSignature(body: string, header: string | null | undefined, secret: string, options: { toleranceSeconds?: number; now?: number } = {}): boolean {
  if (!header) return false;
  const parts = new Map<string, string[]>();
  for (const part of header.split(',')) {
    const [key, value] = part.split('=', 2);
    if (key && value) parts.set(key.trim(), [...(parts.get(key.trim()) ?? []), value.trim()]);
  }
  const timestamp = Number(parts.get('t')?.[0]);
  if (!Number.isInteger(timestamp)) return false;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(webhookSignature(body, secret, timestamp), 'hex');
  return (parts.get('v1') ?? []).some((candidate) => {
    const given = Buffer.from(candidate, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
