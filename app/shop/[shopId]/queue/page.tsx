import type { Metadata } from 'next';
import { LiveRefresh } from '@/app/_components/live-refresh';
import { Badge, Card, EmptyState, LinkButton } from '@/app/_components/ui';
import { REJECTABLE_JOB_STATES } from '@/lib/shop-queue/reject-job';
import { getShopForPage } from '@/app/shop/_lib/get-shop-for-page';
import { liveStreamStart } from '@/lib/events/read-events';
import { jobStateLabel } from '@/lib/print-jobs/job-states';
import { shopWordsForReasons } from '@/lib/printers/job-reasons';
import { listShopQueue, type TQueueEntry, type TQueueSection } from '@/lib/shop-queue/list-shop-queue';
import { MEDIA } from '@/lib/job-options/media';
import { formatMoney } from '@/lib/money/money';
import { formatShopTime } from '@/lib/search/format-shop-time';
import { HandOverForm } from './hand-over-form';
import { MoveJobForm, QueueActionButton } from './queue-forms';

export const metadata: Metadata = { title: 'Queue' };

const SECTIONS: { key: TQueueSection; title: string; empty: string }[] = [
  { key: 'attention', title: 'Needs you', empty: 'Nothing needs you right now.' },
  { key: 'in_progress', title: 'Printing and in line', empty: 'No jobs in progress.' },
  { key: 'pickup', title: 'Waiting for pickup', empty: 'Nothing waiting for pickup.' },
  { key: 'done', title: 'Finished in the last 24 hours', empty: 'Nothing finished today yet.' },
];

function stateTone(entry: TQueueEntry): 'good' | 'warn' | 'bad' | 'info' | 'neutral' {
  const { job } = entry;
  if (job.state === 'failed' || job.outcomeUnknownAt) return 'bad';
  if (job.state === 'awaiting_acceptance' || job.waitingSince || job.stateReasons.length) return 'warn';
  if (job.state === 'printed') return 'good';
  if (job.state === 'canceled') return 'neutral';
  return 'info';
}

function jobSummary(entry: TQueueEntry): string {
  const { options, quote } = entry.order;
  const pages = quote.impressions.colorImpressions + quote.impressions.monoImpressions;
  return [
    `${pages} page${pages === 1 ? '' : 's'} × ${options.copies}`,
    MEDIA[options.media].label,
    options.colorMode === 'monochrome' ? 'black & white' : options.colorMode === 'color' ? 'colour' : quote.impressions.colorImpressions > 0 ? 'colour where needed' : 'black & white',
    options.sides === 'one-sided' ? 'one-sided' : 'two-sided',
    options.pagesPerSheet > 1 ? `${options.pagesPerSheet} per sheet` : null,
    options.finishing !== 'none' ? options.finishing : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

function JobRow({ entry, shopId, timezone }: { entry: TQueueEntry; shopId: string; timezone: string }) {
  const { job, order } = entry;
  const expected = job.expectedImpressions ?? 0;
  const done = Math.min(job.impressionsCompleted, expected);
  const reasons = shopWordsForReasons(job.stateReasons);
  const isOnPrinter = job.state === 'sending' || job.state === 'printing';
  const jobFields = { shopId, jobId: job.id };
  const orderFields = { shopId, orderId: order.id };
  const isMovedAway = order.shopId !== shopId;
  return (
    <li className="space-y-3 py-4" data-testid="queue-job" data-order-number={order.number} data-job-state={job.state} data-order-status={order.status}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="font-medium">
            <span className="font-mono">{order.number}</span> · {entry.customerName}
            {job.isReprint ? <span className="ml-2 text-xs text-slate-500">(reprint)</span> : null}
          </p>
          <p className="text-sm text-slate-600">
            {jobSummary(entry)} · {formatMoney(order.totalMinor, order.currency)}
          </p>
        </div>
        <div className="flex flex-col items-end gap-1 text-sm">
          <Badge tone={stateTone(entry)}>
            <span data-testid="job-state-label">{isMovedAway ? 'Moved to another shop' : jobStateLabel(job)}</span>
          </Badge>
          {entry.printerName ? <span className="text-slate-600">on {entry.printerName}</span> : null}
          {order.status === 'ready' ? <Badge tone="good">Ready for pickup</Badge> : null}
          {order.status === 'collected' ? <Badge tone="good">Collected</Badge> : null}
        </div>
      </div>
      {isOnPrinter || (job.state === 'printed' && expected > 0) ? (
        <div className="space-y-1" aria-label="Progress">
          <div className="h-2 rounded bg-slate-100">
            <div className="h-2 rounded bg-brand-600 transition-all" style={{ width: `${expected ? Math.round((done / expected) * 100) : 0}%` }} />
          </div>
          <p className="text-xs text-slate-600" data-testid="job-progress">
            {done} of {expected || '?'} pages printed
          </p>
        </div>
      ) : null}
      {reasons.length ? (
        <ul className="flex flex-wrap gap-2">
          {reasons.map((r) => (
            <li key={r.keyword}>
              <Badge tone={r.isError ? 'bad' : 'warn'}>{r.words}</Badge>
            </li>
          ))}
        </ul>
      ) : null}
      {job.lastError && job.state !== 'printed' ? <p className="text-sm text-slate-700">{job.lastError}</p> : null}
      {job.lastError && job.state === 'printed' ? <p className="text-sm text-amber-800">{job.lastError} The difference is refunded at hand-over unless you print it again.</p> : null}
      {entry.handOverLockedUntil && entry.canHandOver ? (
        <p className="text-sm text-red-700" data-testid="hand-over-locked">
          Hand-over is locked after too many wrong pickup codes, until {formatShopTime(entry.handOverLockedUntil.toISOString(), new Date(), timezone)}.
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {job.state === 'awaiting_acceptance' ? <QueueActionButton action="accept" fields={jobFields} label="Accept" tone="primary" pendingLabel="Accepting…" /> : null}
        {(REJECTABLE_JOB_STATES as readonly string[]).includes(job.state) && !job.documentSentAt && !isMovedAway ? (
          <LinkButton href={`/shop/${shopId}/queue/${job.id}`} tone="secondary" className="px-3 py-1.5" data-testid="preview-job">
            Look at the pages / reject
          </LinkButton>
        ) : null}
        {job.outcomeUnknownAt ? <QueueActionButton action="confirmPrinted" fields={jobFields} label="It printed" tone="primary" confirm="Did every page of this job come out of the printer?" /> : null}
        {['queued', 'converting'].includes(job.state) || (isOnPrinter && !job.cancelRequestedAt && !job.outcomeUnknownAt) ? (
          <QueueActionButton
            action="cancel"
            fields={jobFields}
            label="Cancel"
            tone="ghost"
            confirm="Cancel this job? If nothing of the order has printed, the customer is refunded in full. You can give a reason:"
            askReason
            pendingLabel="Canceling…"
          />
        ) : null}
        {entry.movableTo.length ? <MoveJobForm shopId={shopId} jobId={job.id} printers={entry.movableTo} /> : null}
        {entry.canMarkReady ? <QueueActionButton action="markReady" fields={orderFields} label="Mark ready" tone="primary" /> : null}
        {entry.canReprint && (job.state === 'printed' || job.outcomeUnknownAt) ? (
          <QueueActionButton action="reprint" fields={orderFields} label="Print again" confirm="Print this order again, free for the customer?" />
        ) : null}
      </div>
    </li>
  );
}

export default async function ShopQueuePage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shop, user } = await getShopForPage((await params).shopId);
  const streamFrom = await liveStreamStart();
  const { entries, printers } = await listShopQueue({ shopId: shop.id, ownerId: user.id });
  const pickup = entries.filter((e) => e.canHandOver && !e.handOverLockedUntil);
  const online = printers.filter((p) => p.isEnabled && p.isOnline).length;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">Queue</h2>
          <p className="text-sm text-slate-600">
            {entries.filter((e) => e.section === 'in_progress').length} in progress, {pickup.length} waiting for pickup · {online} of {printers.length} printers ready ·{' '}
            {shop.autoAccept ? 'jobs are accepted automatically' : 'you accept each job'}
          </p>
        </div>
        <LiveRefresh url={`/api/shops/${shop.id}/events?after=${streamFrom}`} label="Live queue" />
      </div>
      <Card>
        <h3 className="mb-3 text-sm font-semibold">Hand over at the counter</h3>
        <HandOverForm shopId={shop.id} orders={pickup.map((e) => ({ id: e.order.id, label: `${e.order.number} · ${e.customerName}` }))} />
      </Card>
      {entries.length === 0 ? (
        <EmptyState title="No jobs yet">Paid orders appear here the moment the customer pays, and update live as they print.</EmptyState>
      ) : (
        SECTIONS.map((section) => {
          const items = entries.filter((e) => e.section === section.key);
          if (!items.length && section.key !== 'in_progress') return null;
          return (
            <Card key={section.key} aria-labelledby={`queue-${section.key}`} data-testid={`queue-section-${section.key}`}>
              <h3 id={`queue-${section.key}`} className="text-sm font-semibold">
                {section.title} ({items.length})
              </h3>
              {items.length ? (
                <ul className="divide-y divide-slate-100">
                  {items.map((entry) => (
                    <JobRow key={entry.job.id} entry={entry} shopId={shop.id} timezone={shop.timezone} />
                  ))}
                </ul>
              ) : (
                <p className="mt-2 text-sm text-slate-600">{section.empty}</p>
              )}
            </Card>
          );
        })
      )}
    </div>
  );
}
