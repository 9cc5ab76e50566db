/**
 * Money is integer minor units (cents) everywhere; these helpers are the only place that
 * converts to and from what people type and read.
 */

const exponents = new Map<string, number>();
const formatters = new Map<string, Intl.NumberFormat>();

/** Digits after the decimal point for a currency, per ISO 4217 as Intl knows it (EUR 2, JPY 0). */
export function currencyExponent(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    exponent = new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2;
    exponents.set(currency, exponent);
  }
  return exponent;
}

/** Minor units for people, e.g. 1234 eur → "€12.34". Formatters are built once per currency and locale (pages show hundreds of amounts). */
export function formatMoney(minor: number, currency: string, locale = 'en-IE'): string {
  const exponent = currencyExponent(currency);
  const key = `${locale}:${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase(), minimumFractionDigits: exponent, maximumFractionDigits: exponent });
    formatters.set(key, formatter);
  }
  return formatter.format(minor / 10 ** exponent);
}

/** Minor units → the plain decimal a form field shows ("0.10"), without a symbol. */
export function minorToDecimalString(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  return (minor / 10 ** exponent).toFixed(exponent);
}

export type TParseMoneyResult = { ok: true; minor: number } | { ok: false; message: string };

/**
 * "0.10", "1,50", "€2" → minor units, exactly (string arithmetic, no floats). Refuses
 * negatives, more decimals than the currency has, and anything that is not a number.
 */
export function parseMoney(input: string, currency: string, options: { maxMinor: number }): TParseMoneyResult {
  const exponent = currencyExponent(currency);
  const cleaned = input
    .trim()
    .replace(/^[€$£]/, '')
    .replace(',', '.')
    .trim();
  if (cleaned === '') return { ok: false, message: 'Enter an amount' };
  if (cleaned.startsWith('-')) return { ok: false, message: 'An amount cannot be negative' };
  const match = /^(\d{1,9})(?:\.(\d+))?$/.exec(cleaned);
  if (!match) return { ok: false, message: 'Enter an amount like 0.10' };
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) {
    return { ok: false, message: exponent === 0 ? 'Use whole amounts' : `Use at most ${exponent} decimal places` };
  }
  const minor = Number(match[1]) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  if (minor > options.maxMinor) {
    return { ok: false, message: `That is more than the most we allow (${formatMoney(options.maxMinor, currency)})` };
  }
  return { ok: true, minor };
}
