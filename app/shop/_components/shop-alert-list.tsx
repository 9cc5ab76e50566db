import Link from 'next/link';
import type { TShopAlert } from '@/lib/alerts/shop-alerts';
import { formatShopTime } from '@/lib/search/format-shop-time';
import { DismissAlertButton } from './dismiss-alert-button';

const KIND_LABEL: Record<TShopAlert['kind'], string> = {
  printer_offline: 'Printer offline',
  marker_low: 'Toner or ink',
  media_problem: 'Paper',
  job_waiting: 'Waiting for you',
  job_failed: 'Job failed',
};

/** Open alerts (what happened and what to do) or past ones (when they were raised and cleared). */
export function ShopAlertList({ alerts, shopId, timezone, isHistory = false }: { alerts: TShopAlert[]; shopId: string; timezone: string; isHistory?: boolean }) {
  const now = new Date();
  return (
    <ul className="space-y-3" data-testid={isHistory ? 'alert-history' : 'open-alerts'}>
      {alerts.map((alert) => (
        <li
          key={alert.id}
          data-testid="shop-alert"
          data-alert-kind={alert.kind}
          className={isHistory ? 'border-b border-slate-100 pb-3 text-sm last:border-0' : 'rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900'}
        >
          <div className="flex flex-wrap items-start justify-between gap-2">
            <p>
              <span className="mr-2 rounded bg-white/70 px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide">{KIND_LABEL[alert.kind]}</span>
              <span className="font-medium">{alert.title}</span>
            </p>
            <span className={isHistory ? 'text-slate-500' : 'text-red-700'}>
              {isHistory
                ? `${formatShopTime(alert.raisedAt.toISOString(), now, timezone)} – cleared ${formatShopTime(alert.clearedAt!.toISOString(), now, timezone)}${alert.clearedBy === 'system' ? '' : ' (dismissed)'}`
                : `since ${formatShopTime(alert.raisedAt.toISOString(), now, timezone)}`}
            </span>
          </div>
          {isHistory ? null : <p className="mt-1">{alert.action}</p>}
          {isHistory ? null : (
            <Link
              href={alert.jobId ? `/shop/${shopId}/queue/${alert.jobId}` : `/shop/${shopId}/printers`}
              className="mt-2 mr-3 inline-block font-medium text-red-900 underline"
              data-testid="alert-link"
            >
              {alert.jobId ? 'Open the job' : 'Open the printers'}
            </Link>
          )}
          {!isHistory && alert.isDismissable ? <DismissAlertButton shopId={shopId} alertId={alert.id} /> : null}
        </li>
      ))}
    </ul>
  );
}
