import { env } from '@/lib/config/env';
import { MEDIA, MEDIA_NAMES } from '@/lib/job-options/media';
import { formatMoney, minorToDecimalString } from '@/lib/money/money';
import { missingPricesForShop } from '@/lib/shops/missing-prices';
import { getPriceList } from '@/lib/shops/shop-prices';
import { MissingPricesList } from '@/app/shop/_components/missing-prices-list';
import { PRICE_COLUMNS, priceFieldName } from '@/lib/shops/shop-schemas';
import { OnboardingSteps } from '@/app/shop/_components/onboarding-steps';
import { getShopForPage } from '@/app/shop/_lib/get-shop-for-page';
import { PriceListForm } from './price-list-form';

export default async function ShopPricesPage({ params, searchParams }: { params: Promise<{ shopId: string }>; searchParams: Promise<{ onboarding?: string }> }) {
  const { shop } = await getShopForPage((await params).shopId);
  const isOnboarding = (await searchParams).onboarding === '1';
  const currency = env().CURRENCY;
  const [priceList, missing] = await Promise.all([getPriceList(shop.id), missingPricesForShop(shop.id)]);
  const initial: Record<string, string> = {
    jobFee: priceList.jobFeeMinor ? minorToDecimalString(priceList.jobFeeMinor, currency) : '',
    minimumCharge: priceList.minimumChargeMinor ? minorToDecimalString(priceList.minimumChargeMinor, currency) : '',
  };
  for (const p of priceList.prices) initial[priceFieldName(p.media, p.colorMode, p.sides)] = minorToDecimalString(p.pricePerPageMinor, currency);
  for (const f of priceList.finishing) {
    initial[`finishing.${f.finishing}`] = minorToDecimalString(f.priceMinor, currency);
    if (f.isManual) initial[`finishing.${f.finishing}.manual`] = 'on';
  }
  const symbol = formatMoney(0, currency).replace(/[\d.,\s]/g, '');
  return (
    <div>
      {isOnboarding ? <OnboardingSteps current="prices" /> : null}
      <h2 className="mb-1 text-lg font-semibold">Price list</h2>
      <p className="mb-4 text-sm text-slate-600">Customers see the exact total for their job, computed from these prices. Amounts in {currency.toUpperCase()}.</p>
      <div className="mb-4">
        <MissingPricesList shopId={shop.id} missing={missing} />
      </div>
      <PriceListForm shopId={shop.id} isOnboarding={isOnboarding} media={MEDIA_NAMES.map((name) => ({ name, label: MEDIA[name].label }))} columns={PRICE_COLUMNS} initial={initial} symbol={symbol} />
    </div>
  );
}
