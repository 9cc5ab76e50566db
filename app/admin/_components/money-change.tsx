import { formatMoney } from '@/lib/money/money';

/** "€2.00 → €1.50 (−€0.50)": a sum before and after a money action, on its confirmation step. */
export function MoneyChange({ before, after, currency }: { before: number; after: number; currency: string }) {
  const delta = after - before;
  return (
    <span className="tabular-nums">
      {formatMoney(before, currency)} → <strong>{formatMoney(after, currency)}</strong>
      {delta ? (
        <span className="text-slate-500">
          {' '}
          ({delta < 0 ? '−' : '+'}
          {formatMoney(Math.abs(delta), currency)})
        </span>
      ) : null}
    </span>
  );
}
