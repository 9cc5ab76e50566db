import { formatMoney } from '@/lib/money/money';

export type TAuditChange = { field: string; before: string; after: string };

/** "refundedMinor" → "Refunded", "stripePayoutsEnabled" → "Stripe payouts enabled". */
function fieldLabel(key: string): string {
  const words = key
    .replace(/Minor$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function show(key: string, value: unknown, currency: string): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'number' && key.endsWith('Minor')) return formatMoney(value, currency);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value.replace(/_/g, ' ');
  if (typeof value === 'number') return value.toLocaleString('en');
  return JSON.stringify(value);
}

/**
 * An audit entry's before and after as a reader wants them: one row per field that changed
 * or was recorded, in words, money in the order's currency ("Refunded: €0.00 → €0.25"),
 * fields only on one side shown against "—". The raw JSON stays available beside it.
 */
export function auditChanges(before: unknown, after: unknown, currency: string): TAuditChange[] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.filter((key) => JSON.stringify(b[key]) !== JSON.stringify(a[key])).map((key) => ({ field: fieldLabel(key), before: show(key, b[key], currency), after: show(key, a[key], currency) }));
}
