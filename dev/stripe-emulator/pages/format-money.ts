/**
 * Formats an amount in minor units for display (`1250, 'eur'` → `€12.50`), using the
 * currency's own number of decimals so zero-decimal currencies (JPY) come out right.
 */
export function formatMoney(amountMinor: number, currency: string, locale = 'en'): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}
