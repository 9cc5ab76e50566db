import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState, PageHeader } from '@/app/_components/ui';
import { FormField } from '@/app/_components/form-field';
import { fieldErrorsOf } from '@/app/_lib/http';
import { requirePageRole } from '@/app/_lib/session';
import { auditChanges } from '@/lib/admin/audit-changes';
import { auditLogFilterChoices, listAuditLog, ZAuditLogRequest } from '@/lib/admin/list-audit-log';
import { shopChoices } from '@/lib/admin/search-orders';
import { CsvExportLink } from '../_components/csv-export-link';
import { Pagination } from '../_components/pagination';

export const metadata: Metadata = { title: 'Audit log' };

/** Where an audit entry's target lives in the console, when it has a page. */
function targetHref(targetType: string, targetId: string): string | null {
  if (targetType === 'order') return `/admin/orders/${targetId}`;
  if (targetType === 'shop') return `/admin/shops/${targetId}`;
  if (targetType === 'payout_run') return '/admin/payouts';
  if (targetType === 'platform_fee') return '/admin/fees';
  return null;
}

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <div>
      <p className="text-xs font-medium text-slate-500">{label}</p>
      <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(value, null, 2)}</pre>
    </div>
  );
}

/** The fields that changed, in words and formatted money, with the raw record one click away. */
function Changes({ before, after, currency }: { before: unknown; after: unknown; currency: string }) {
  const rows = auditChanges(before, after, currency);
  return (
    <div className="mt-2 space-y-2">
      {rows.length ? (
        <table className="w-full max-w-2xl text-sm" data-testid="audit-changes">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="py-1 pr-4 font-medium">Field</th>
              <th className="py-1 pr-4 font-medium">Before</th>
              <th className="py-1 font-medium">After</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.field} className="border-t border-slate-100">
                <td className="py-1 pr-4 text-slate-600">{row.field}</td>
                <td className="py-1 pr-4 tabular-nums">{row.before}</td>
                <td className="py-1 tabular-nums">{row.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <details>
        <summary className="cursor-pointer text-xs text-slate-500">Raw record</summary>
        <div className="mt-2 grid gap-2 md:grid-cols-2">
          <JsonBlock label="Before" value={before} />
          <JsonBlock label="After" value={after} />
        </div>
      </details>
    </div>
  );
}

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageRole(['admin'], '/admin/audit');
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? '') : (v ?? '')]));
  const parsed = ZAuditLogRequest.safeParse(raw);
  const errors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const [result, choices, shops] = await Promise.all([parsed.success ? listAuditLog(parsed.data) : null, auditLogFilterChoices(), shopChoices()]);
  const isFiltered = ['actorId', 'action', 'targetType', 'targetId', 'shopId', 'from', 'to'].some((key) => raw[key]);
  return (
    <div>
      <PageHeader title="Audit log" description="Every admin action: who did what to which order, shop, payout or fee, when, and the record before and after. Entries are never changed or deleted." />
      <form method="get" className="mb-6 grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3 lg:grid-cols-4" role="search" aria-label="Filter the audit log">
        <FormField label="Admin" name="actorId" errors={errors.actorId}>
          <select id="field-actorId" name="actorId" defaultValue={raw.actorId ?? ''} className="w-full">
            <option value="">Anyone</option>
            {choices.actors.map((actor) => (
              <option key={actor.id} value={actor.id}>
                {actor.email}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Action" name="action" errors={errors.action}>
          <select id="field-action" name="action" defaultValue={raw.action ?? ''} className="w-full">
            <option value="">Any action</option>
            {choices.actions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Target type" name="targetType" errors={errors.targetType}>
          <select id="field-targetType" name="targetType" defaultValue={raw.targetType ?? ''} className="w-full">
            <option value="">Anything</option>
            {choices.targetTypes.map((type) => (
              <option key={type} value={type}>
                {type.replace('_', ' ')}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Shop" name="shopId" errors={errors.shopId}>
          <select id="field-shopId" name="shopId" defaultValue={raw.shopId ?? ''} className="w-full">
            <option value="">Any shop</option>
            {shops.map((shop) => (
              <option key={shop.id} value={shop.id}>
                {shop.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Target id" name="targetId" defaultValue={raw.targetId} placeholder="order or shop id" errors={errors.targetId} />
        <FormField label="From" name="from" type="date" defaultValue={raw.from} errors={errors.from} />
        <FormField label="Until" name="to" type="date" defaultValue={raw.to} errors={errors.to} />
        <div className="flex flex-wrap gap-2 sm:col-span-3 lg:col-span-4">
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Filter
          </button>
          {isFiltered ? (
            <Link href="/admin/audit" className="rounded-md px-4 py-2 text-sm text-slate-700 hover:bg-slate-100">
              Clear filters
            </Link>
          ) : null}
          {result?.total ? <CsvExportLink href="/api/admin/audit/export" filters={raw} count={result.total} /> : null}
        </div>
      </form>
      {!result ? (
        <EmptyState title="Check the filters">Some filters are not valid; see the messages above.</EmptyState>
      ) : result.entries.length === 0 ? (
        <EmptyState title={isFiltered ? 'No entry matches these filters' : 'No admin action yet'} />
      ) : (
        <>
          <ol className="space-y-3" data-testid="audit-entries">
            {result.entries.map(({ entry, actorEmail, targetLabel, currency }) => {
              const href = targetHref(entry.targetType, entry.targetId);
              return (
                <li key={entry.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-action={entry.action}>
                  <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
                    <code className="font-semibold">{entry.action}</code>
                    <span>by {actorEmail}</span>
                    <span className="text-slate-500">{entry.createdAt.toLocaleString('en-IE', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' })} UTC</span>
                    <span className="text-slate-500">
                      on {entry.targetType.replace('_', ' ')}{' '}
                      {href ? (
                        <Link href={href} className={`text-brand-700 hover:underline ${targetLabel ? 'font-medium' : 'font-mono text-xs'}`} title={entry.targetId}>
                          {targetLabel ?? entry.targetId}
                        </Link>
                      ) : (
                        <span className="font-mono text-xs">{entry.targetId}</span>
                      )}
                    </span>
                  </div>
                  {entry.reason ? <p className="mt-1 text-sm">Reason: {entry.reason}</p> : null}
                  {entry.before || entry.after ? <Changes before={entry.before} after={entry.after} currency={currency} /> : null}
                </li>
              );
            })}
          </ol>
          <Pagination basePath="/admin/audit" query={raw} page={result.page} pageCount={result.pageCount} total={result.total} noun="entry" plural="entries" />
        </>
      )}
    </div>
  );
}
