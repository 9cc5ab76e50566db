import Link from 'next/link';
import { Alert } from '@/app/_components/ui';
import type { TMissingPrice } from '@/lib/shops/missing-prices';

/** What the shop's printers can do that its price list does not price yet. */
export function MissingPricesList({ shopId, missing, linkToPrices = false }: { shopId: string; missing: TMissingPrice[]; linkToPrices?: boolean }) {
  if (missing.length === 0) return null;
  return (
    <Alert tone="warn">
      <div data-testid="missing-prices">
        <p className="font-medium">Your printers can do these, but your price list has no price for them yet:</p>
        <ul className="mt-1 list-inside list-disc">
          {missing.map((m) => (
            <li key={`${m.media}.${m.colorMode}`}>{m.label}</li>
          ))}
        </ul>
        <p className="mt-1">
          Price each one (one- or two-sided) before you submit your shop for review.{' '}
          {linkToPrices ? (
            <Link href={`/shop/${shopId}/prices`} className="underline">
              Edit prices
            </Link>
          ) : null}
        </p>
      </div>
    </Alert>
  );
}
