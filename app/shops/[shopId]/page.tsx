import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { BaseMap } from '@/app/_components/map/base-map';
import { Badge, Card } from '@/app/_components/ui';
import { env, mapStyleUrl } from '@/lib/config/env';
import { isKnownMedia, MEDIA } from '@/lib/job-options/media';
import { formatMoney } from '@/lib/money/money';
import { formatShopTime } from '@/lib/search/format-shop-time';
import { describeTodayHours, describeUpcomingExceptions, describeWeeklyHours } from '@/lib/shops/describe-hours';
import { openStateAt } from '@/lib/shops/opening-hours';
import { getPublicShop } from '@/lib/shops/public-shop';
import { shopDirections } from '@/lib/shops/shop-directions';

const ZParams = z.object({ shopId: z.uuid() });

const FINISHING_LABELS: Record<string, string> = { staple: 'Stapling', punch: 'Hole punching', bind: 'Binding' };
const mediaLabel = (name: string) => (isKnownMedia(name) ? MEDIA[name].label : name);

export async function generateMetadata({ params }: { params: Promise<{ shopId: string }> }): Promise<Metadata> {
  const parsed = ZParams.safeParse(await params);
  const found = parsed.success ? await getPublicShop(parsed.data.shopId) : null;
  return { title: found ? found.shop.name : 'Shop not found' };
}

// GET /shops/[shopId] – a listed shop's public page: contact, hours, directions, printers, prices (public)
export default async function ShopPage({ params }: { params: Promise<{ shopId: string }> }) {
  const parsed = ZParams.safeParse(await params);
  if (!parsed.success) notFound();
  const found = await getPublicShop(parsed.data.shopId);
  if (!found) notFound();
  const { shop, schedule, priceList, printers } = found;
  const now = new Date();
  const at = now.toISOString();
  const currency = env().CURRENCY;
  const money = (minor: number) => formatMoney(minor, currency);
  const state = openStateAt(schedule, now);
  const openLabel = state.isOpen
    ? `Open now · until ${formatShopTime(state.closesAt.toISO()!, at, shop.timezone)}`
    : state.opensAt
      ? `Closed now · opens ${formatShopTime(state.opensAt.toISO()!, at, shop.timezone)}`
      : 'Closed · no opening in the next two weeks';
  const exceptions = describeUpcomingExceptions(schedule, now);
  const directions = shopDirections(shop);
  const media = shop.capMedia.map(mediaLabel);
  const prices = [...priceList.prices].sort(
    (a, b) => Object.keys(MEDIA).indexOf(a.media) - Object.keys(MEDIA).indexOf(b.media) || a.colorMode.localeCompare(b.colorMode) || a.sides.localeCompare(b.sides),
  );

  return (
    <div className="space-y-6" data-testid="shop-page">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{shop.name}</h1>
          <p className="mt-1 text-slate-600" data-testid="shop-address">
            {[shop.addressLine, shop.city, shop.postcode].filter(Boolean).join(', ')}
          </p>
          {shop.description ? <p className="mt-2 max-w-2xl text-sm text-slate-700">{shop.description}</p> : null}
          <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
            <Badge tone={state.isOpen ? 'good' : 'warn'}>
              <span data-testid="shop-open-state">{openLabel}</span>
            </Badge>
            <span className="text-slate-600">{describeTodayHours(schedule, now)}</span>
            <span className="text-xs text-slate-500">Times are the shop’s local time ({shop.timezone.replace(/_/g, ' ')}).</span>
          </div>
        </div>
        <Link href={`/?lat=${shop.lat.toFixed(5)}&lng=${shop.lng.toFixed(5)}&place=${encodeURIComponent(shop.name)}`} className="text-sm font-medium text-brand-600 hover:underline">
          Price your job here and nearby →
        </Link>
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-6">
          <Card aria-labelledby="hours-heading">
            <h2 id="hours-heading" className="mb-3 font-semibold">
              Opening hours
            </h2>
            <table className="w-full text-sm" data-testid="shop-hours">
              <tbody>
                {describeWeeklyHours(schedule).map((row) => (
                  <tr key={row.weekday} className="border-t border-slate-100 first:border-0">
                    <th scope="row" className="py-1 pr-4 text-left font-medium">
                      {row.day}
                    </th>
                    <td className={`py-1 tabular-nums ${row.hours === 'Closed' ? 'text-slate-500' : ''}`}>{row.hours}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3 className="mt-4 mb-2 text-sm font-semibold">Coming up</h3>
            {exceptions.length ? (
              <ul className="space-y-1 text-sm" data-testid="shop-exceptions">
                {exceptions.map((e) => (
                  <li key={e.date}>
                    <span className="font-medium">{e.label}</span>: {e.hours}
                    {e.note ? ` (${e.note})` : ''}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-500">No changes to the usual hours in the next two months.</p>
            )}
          </Card>

          <Card aria-labelledby="prices-heading">
            <h2 id="prices-heading" className="mb-3 font-semibold">
              Prices
            </h2>
            {prices.length ? (
              <table className="w-full text-sm" data-testid="shop-prices">
                <thead>
                  <tr className="text-left text-slate-500">
                    <th className="py-1 font-medium">Paper</th>
                    <th className="py-1 font-medium">Colour</th>
                    <th className="py-1 font-medium">Sides</th>
                    <th className="py-1 text-right font-medium">Per printed side</th>
                  </tr>
                </thead>
                <tbody>
                  {prices.map((p) => (
                    <tr key={`${p.media}-${p.colorMode}-${p.sides}`} className="border-t border-slate-100">
                      <td className="py-1">{mediaLabel(p.media)}</td>
                      <td className="py-1">{p.colorMode === 'color' ? 'Colour' : 'Black & white'}</td>
                      <td className="py-1">{p.sides === 'two-sided' ? 'Two-sided' : 'One-sided'}</td>
                      <td className="py-1 text-right tabular-nums">{money(p.pricePerPageMinor)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="text-sm text-slate-500">This shop has not listed its prices yet.</p>
            )}
            <dl className="mt-4 space-y-1 text-sm">
              {priceList.finishing.map((f) => (
                <div key={f.finishing} className="flex justify-between gap-3">
                  <dt>
                    {FINISHING_LABELS[f.finishing] ?? f.finishing} {f.isManual ? <span className="text-slate-500">(by hand)</span> : null}
                  </dt>
                  <dd className="tabular-nums">{money(f.priceMinor)} per copy</dd>
                </div>
              ))}
              <div className="flex justify-between gap-3">
                <dt>Fee per job</dt>
                <dd className="tabular-nums">{money(priceList.jobFeeMinor)}</dd>
              </div>
              <div className="flex justify-between gap-3">
                <dt>Minimum charge</dt>
                <dd className="tabular-nums">{money(priceList.minimumChargeMinor)}</dd>
              </div>
            </dl>
          </Card>

          <Card aria-labelledby="printers-heading">
            <h2 id="printers-heading" className="mb-3 font-semibold">
              What it can print
            </h2>
            <ul className="flex flex-wrap gap-1 text-sm" aria-label="Capabilities" data-testid="shop-capabilities">
              <li>
                <Badge>{shop.capColor ? 'Colour' : 'Black & white only'}</Badge>
              </li>
              {shop.capDuplex ? (
                <li>
                  <Badge>Two-sided</Badge>
                </li>
              ) : null}
              {media.map((m) => (
                <li key={m}>
                  <Badge>{m}</Badge>
                </li>
              ))}
              {priceList.finishing.map((f) => (
                <li key={f.finishing}>
                  <Badge>{FINISHING_LABELS[f.finishing] ?? f.finishing}</Badge>
                </li>
              ))}
              <li>
                <Badge>{shop.capPagesPerMinute} pages/min in all</Badge>
              </li>
            </ul>
            <ul className="mt-3 space-y-1 text-sm">
              {printers.map((p) => (
                <li key={p.name} className="flex flex-wrap justify-between gap-2">
                  <span className="font-medium">{p.name}</span>
                  <span className="text-slate-600">
                    {[p.isColor ? 'colour' : 'black & white', p.isDuplex ? 'two-sided' : null, p.media.map(mediaLabel).join(', '), `${p.pagesPerMinute} pages/min`].filter(Boolean).join(' · ')}
                    {p.isOnline ? '' : ' · offline now'}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        </div>

        <aside className="space-y-4">
          <Card aria-labelledby="contact-heading">
            <h2 id="contact-heading" className="mb-2 font-semibold">
              Contact and directions
            </h2>
            <dl className="space-y-1 text-sm" data-testid="shop-contact">
              {shop.phone ? (
                <div>
                  <dt className="sr-only">Phone</dt>
                  <dd>
                    <a className="text-brand-600 hover:underline" href={`tel:${shop.phone.replace(/[^\d+]/g, '')}`}>
                      {shop.phone}
                    </a>
                  </dd>
                </div>
              ) : null}
              {shop.email ? (
                <div>
                  <dt className="sr-only">Email</dt>
                  <dd>
                    <a className="text-brand-600 hover:underline" href={`mailto:${shop.email}`}>
                      {shop.email}
                    </a>
                  </dd>
                </div>
              ) : null}
              {!shop.phone && !shop.email ? <dd className="text-slate-500">No phone or email listed.</dd> : null}
            </dl>
            <ul className="mt-3 space-y-1 text-sm" data-testid="shop-directions">
              <li>
                <a className="font-medium text-brand-600 hover:underline" href={directions.directionsUrl} rel="noopener noreferrer" target="_blank">
                  Directions on OpenStreetMap
                </a>
              </li>
              <li>
                <a className="text-brand-600 hover:underline" href={directions.geoUri}>
                  Open in your maps app
                </a>
              </li>
            </ul>
          </Card>
          <BaseMap
            label={`Map: ${shop.name}`}
            styleUrl={mapStyleUrl()}
            center={{ lat: shop.lat, lng: shop.lng }}
            zoom={15}
            markers={[{ id: shop.id, lat: shop.lat, lng: shop.lng, label: shop.name, tone: 'brand' }]}
            className="h-64 w-full"
          />
        </aside>
      </div>
    </div>
  );
}
