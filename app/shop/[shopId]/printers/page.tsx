import { asc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { printers, type TPrinter } from '@/db/schema';
import { LiveRefresh } from '@/app/_components/live-refresh';
import { Badge, Card, EmptyState } from '@/app/_components/ui';
import { liveStreamStart } from '@/lib/events/read-events';
import { MEDIA, isKnownMedia } from '@/lib/job-options/media';
import { describeStateReason, printerHealth } from '@/lib/printers/describe-printer-state';
import { OnboardingSteps } from '@/app/shop/_components/onboarding-steps';
import { getShopForPage } from '@/app/shop/_lib/get-shop-for-page';
import { AddPrinterForm, PrinterSwitches } from './printer-forms';

function mediaLabel(name: string): string {
  return isKnownMedia(name) ? MEDIA[name].label : name;
}

function formatRelative(date: Date | null): string {
  if (!date) return 'never';
  const seconds = Math.round((Date.now() - date.getTime()) / 1000);
  if (seconds < 60) return `${Math.max(seconds, 0)} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  return date.toLocaleString('en-IE');
}

function PrinterCard({ printer }: { printer: TPrinter }) {
  const health = printerHealth(printer);
  const reasons = printer.stateReasons.map(describeStateReason).filter((r) => r.severity !== 'report');
  const formats = printer.documentFormats.filter((f) => f !== 'application/octet-stream');
  return (
    <Card className="space-y-4" data-testid="printer-card" data-printer-name={printer.name} data-online={printer.isOnline} data-enabled={printer.isEnabled}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h3 className="font-semibold">{printer.name}</h3>
          <p className="text-sm text-slate-600">{printer.makeAndModel || 'IPP printer'}</p>
          <p className="font-mono text-xs text-slate-500">{printer.uri}</p>
        </div>
        <div className="flex flex-col items-end gap-2">
          <Badge tone={health.tone} title={printer.lastError ?? undefined}>
            <span data-testid="printer-health">{health.label}</span>
          </Badge>
          <PrinterSwitches shopId={printer.shopId} printerId={printer.id} isEnabled={printer.isEnabled} name={printer.name} />
        </div>
      </div>
      {reasons.length ? (
        <ul className="flex flex-wrap gap-2 text-sm">
          {reasons.map((r) => (
            <li key={r.keyword}>
              <Badge tone={r.severity === 'error' ? 'bad' : 'warn'}>{r.words}</Badge>
            </li>
          ))}
        </ul>
      ) : null}
      {!printer.isOnline && printer.lastError ? <p className="text-sm text-red-700">{printer.lastError}</p> : null}
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-4" data-testid="printer-capabilities">
        <div>
          <dt className="text-slate-500">Prints</dt>
          <dd data-cap="color">{printer.isColor ? 'Colour and black & white' : 'Black & white only'}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Two-sided</dt>
          <dd data-cap="duplex">{printer.isDuplex ? 'Yes' : 'No'}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Speed</dt>
          <dd>
            {printer.pagesPerMinute} pages/min{printer.pagesPerMinuteColor ? `, ${printer.pagesPerMinuteColor} in colour` : ''}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Jobs in its queue</dt>
          <dd>{printer.queuedJobCount}</dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="text-slate-500">Paper</dt>
          <dd data-cap="media">{printer.media.map(mediaLabel).join(', ') || '—'}</dd>
        </div>
        <div>
          <dt className="text-slate-500">File formats</dt>
          <dd data-cap="formats">{formats.map((f) => f.replace(/^(application|image)\//, '').toUpperCase()).join(', ')}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Finishing</dt>
          <dd data-cap="finishings">{printer.finishings.length ? printer.finishings.join(', ') : 'None'}</dd>
        </div>
      </dl>
      {printer.markers.length ? (
        <div className="flex flex-wrap gap-4" aria-label="Supplies">
          {printer.markers.map((m) => (
            <div key={m.name} className="w-32 text-xs">
              <div className="flex justify-between text-slate-600">
                <span>{m.name}</span>
                <span>{m.level === null ? '?' : `${m.level}%`}</span>
              </div>
              <div className="mt-1 h-1.5 rounded bg-slate-100">
                <div className="h-1.5 rounded" style={{ width: `${m.level ?? 0}%`, background: m.color ?? '#64748b' }} />
              </div>
            </div>
          ))}
        </div>
      ) : null}
      <p className="text-xs text-slate-500">Last answered {formatRelative(printer.lastSeenAt)}</p>
    </Card>
  );
}

export default async function ShopPrintersPage({ params, searchParams }: { params: Promise<{ shopId: string }>; searchParams: Promise<{ onboarding?: string }> }) {
  const { shop } = await getShopForPage((await params).shopId);
  const isOnboarding = (await searchParams).onboarding === '1';
  const streamFrom = await liveStreamStart();
  const fleet = await db.select().from(printers).where(eq(printers.shopId, shop.id)).orderBy(asc(printers.createdAt));
  const online = fleet.filter((p) => p.isEnabled && p.isOnline).length;
  return (
    <div className="space-y-6">
      {isOnboarding ? <OnboardingSteps current="printers" /> : null}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">Printers</h2>
          <p className="text-sm text-slate-600">
            {online} of {fleet.length} ready for jobs.
          </p>
        </div>
        <LiveRefresh url={`/api/shops/${shop.id}/events?after=${streamFrom}`} label="Live printer status" />
      </div>
      <Card data-testid="shop-capabilities">
        <h3 className="mb-2 text-sm font-semibold">What customers can order from you now</h3>
        {shop.capPagesPerMinute === 0 ? (
          <p className="text-sm text-amber-800">Nothing yet: customers can only find shops with at least one enabled printer that is online.</p>
        ) : (
          <div className="flex flex-wrap gap-2 text-sm">
            <Badge tone="info">{shop.capColor ? 'Colour' : 'Black & white only'}</Badge>
            {shop.capDuplex ? <Badge tone="info">Two-sided</Badge> : null}
            {shop.capMedia.map((m) => (
              <Badge key={m}>{mediaLabel(m)}</Badge>
            ))}
            {shop.capFinishings.map((f) => (
              <Badge key={f}>{f}</Badge>
            ))}
            <Badge>{shop.capPagesPerMinute} pages/min in total</Badge>
          </div>
        )}
      </Card>
      <Card>
        <h3 className="mb-3 text-sm font-semibold">Connect a printer</h3>
        <AddPrinterForm shopId={shop.id} />
      </Card>
      {fleet.length === 0 ? (
        <EmptyState title="No printers yet">Connect a printer by its IPP address to start taking jobs.</EmptyState>
      ) : (
        <div className="grid gap-4">
          {fleet.map((printer) => (
            <PrinterCard key={printer.id} printer={printer} />
          ))}
        </div>
      )}
    </div>
  );
}
