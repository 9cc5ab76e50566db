import type postgres from 'postgres';
import type { TDocumentStore } from '@/lib/documents/storage/document-store';
import type { TReconciliationReport } from '@/lib/billing/reconcile';
import type { TSseWatch } from './sse-watcher';

/**
 * What must hold after a scale run with faults, each judged from the source that cannot be
 * fooled by the app's own bookkeeping: printing from the printers' job lists, payments from
 * Stripe (the emulator), live streams from the events table, documents from the bucket.
 */
export type TInvariants = {
  orders: number;
  printedOnce: number;
  refunded: number;
  printedTwice: number;
  lost: number;
  lostOrderIds: string[];
  ledgerBalanced: boolean;
  reconciled: boolean;
  reconciliationIssues: string[];
  sseGaps: number;
  sseEvents: number;
  missingObjects: number;
  objectsChecked: number;
};

/**
 * Every order the driver paid, plus any the database says is paid: printed exactly once (one
 * completed printer job named after one of its jobs), or refunded and printed nowhere; anything
 * else is printed twice, or lost.
 */
async function judgePrinting(sql: postgres.Sql, paidOrderIds: string[], completedByName: Map<string, number>) {
  const rows = await sql<{ id: string; status: string; paid_at: Date | null; job_ids: string[] }[]>`
    select o.id, o.status, o.paid_at, coalesce(array_agg(j.id) filter (where j.id is not null), '{}') as job_ids
    from orders o left join print_jobs j on j.order_id = o.id
    where o.paid_at is not null or o.id = any(${paidOrderIds}::uuid[])
    group by o.id`;
  const result = { orders: rows.length, printedOnce: 0, refunded: 0, printedTwice: 0, lost: 0, lostOrderIds: [] as string[] };
  for (const row of rows) {
    const printed = row.job_ids.reduce((sum, jobId) => sum + (completedByName.get(`nearprint-${jobId}`) ?? 0), 0);
    if (printed === 1) result.printedOnce += 1;
    else if (printed > 1) result.printedTwice += 1;
    else if (row.status === 'refunded') result.refunded += 1;
    else {
      result.lost += 1;
      result.lostOrderIds.push(`${row.id} (${row.status}${row.paid_at ? '' : ', never marked paid'})`);
    }
  }
  return result;
}

/** Event ids each stream should have delivered (all of its order's, in order) that it did not, or delivered out of order. */
async function countSseGaps(sql: postgres.Sql, watches: TSseWatch[]): Promise<{ gaps: number; events: number }> {
  let gaps = 0;
  let events = 0;
  for (const watch of watches) {
    // The order streams read in: by writing transaction, then id (lib/events/event-cursor.ts).
    const ordered = (await sql<{ id: string }[]>`select id from events where order_id = ${watch.orderId} order by tx, id`).map((r) => Number(r.id));
    const rank = new Map(ordered.map((id, i) => [id, i]));
    const expected = watch.due ? ordered.filter((id) => watch.due!.includes(id)) : ordered;
    const received = new Set(watch.received);
    events += expected.length;
    gaps += expected.filter((id) => !received.has(id)).length;
    // Sent twice, or before an event that sorts ahead of it.
    gaps += watch.received.filter((id, i) => i > 0 && (rank.get(id) ?? -1) <= (rank.get(watch.received[i - 1]) ?? -1)).length;
  }
  return { gaps, events };
}

/** Every stored file a documents row names (original and normalised PDF, unless purged) is in the bucket. */
async function countMissingObjects(sql: postgres.Sql, store: TDocumentStore): Promise<{ missing: number; checked: number }> {
  const rows = await sql<{ storage_key: string; pdf_key: string | null }[]>`select storage_key, pdf_key from documents where files_deleted_at is null and status <> 'deleted'`;
  const keys = rows.flatMap((r) => [r.storage_key, ...(r.pdf_key ? [r.pdf_key] : [])]);
  let missing = 0;
  for (const key of keys) if (!(await store.exists(key))) missing += 1;
  return { missing, checked: keys.length };
}

export async function checkInvariants(input: {
  sql: postgres.Sql;
  paidOrderIds: string[];
  completedByName: Map<string, number>;
  reconciliation: TReconciliationReport;
  watches: TSseWatch[];
  store: TDocumentStore;
}): Promise<TInvariants> {
  const printing = await judgePrinting(input.sql, input.paidOrderIds, input.completedByName);
  const sse = await countSseGaps(input.sql, input.watches);
  const objects = await countMissingObjects(input.sql, input.store);
  return {
    ...printing,
    ledgerBalanced: input.reconciliation.ledgerBalanced,
    reconciled: input.reconciliation.issues.length === 0,
    reconciliationIssues: input.reconciliation.issues.map((issue) => `${issue.kind} ${issue.stripeId ?? ''} ${issue.message}`),
    sseGaps: sse.gaps,
    sseEvents: sse.events,
    missingObjects: objects.missing,
    objectsChecked: objects.checked,
  };
}

/** The invariants that fail the run, each with why. */
export function failedInvariants(result: TInvariants, faultsInjected: number, faultsPlanned: number): string[] {
  const failed: string[] = [];
  if (result.printedTwice) failed.push(`${result.printedTwice} paid orders printed more than once`);
  if (result.lost) failed.push(`${result.lost} paid orders neither printed nor refunded: ${result.lostOrderIds.slice(0, 5).join(', ')}`);
  if (!result.ledgerBalanced) failed.push('the ledger does not balance');
  if (!result.reconciled) failed.push(`reconciliation with Stripe: ${result.reconciliationIssues.slice(0, 5).join('; ')}`);
  if (result.sseGaps) failed.push(`${result.sseGaps} events missed by live streams`);
  if (result.missingObjects) failed.push(`${result.missingObjects} stored files missing from the bucket`);
  if (faultsInjected < faultsPlanned) failed.push(`only ${faultsInjected} of ${faultsPlanned} faults were injected`);
  return failed;
}
