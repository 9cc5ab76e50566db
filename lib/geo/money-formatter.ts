import { currencyExponent } from '@/lib/money/money';

const formatters = new Map<string, (minor: number) => string>();

/**
 * formatMoney (lib/money/money.ts) with its Intl.NumberFormat built once per currency:
 * formatMoney builds two per call (~50 µs), and a page of search results shows a few hundred
 * amounts. Same options, same output; money-formatter.test.ts holds them equal.
 */
export function moneyFormatter(currency: string, locale = 'en-IE'): (minor: number) => string {
  const key = `${locale}:${currency}`;
  let format = formatters.get(key);
  if (!format) {
    const exponent = currencyExponent(currency);
    const intl = new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase(), minimumFractionDigits: exponent, maximumFractionDigits: exponent });
    format = (minor: number) => intl.format(minor / 10 ** exponent);
    formatters.set(key, format);
  }
  return format;
}
