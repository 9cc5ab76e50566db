import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { db } from '@/db/client';
import { printers, printJobs } from '@/db/schema';
import { documentStore } from '@/lib/documents/storage/app-document-store';
import { AppError } from '@/lib/errors/app-error';
import { appendEvent } from '@/lib/events/append-event';
import { syncPrinterAlerts } from '@/lib/alerts/sync-printer-alerts';
import { parsePrinterUri } from '@/lib/ipp/parse-printer-uri';
import { claimPrintersForDispatch, dbDispatchStore } from '@/lib/dispatch/db-dispatch-store';
import type { TBackoffSettings } from '@/lib/config/print-settings';
import { printerColumnsFromCapabilities, printerColumnsFromStatus } from '@/lib/printers/printer-columns';
import { refreshShopCapabilities } from '@/lib/shops/refresh-shop-capabilities';
import type { TAgentDispatchRequest, TAgentPrinterReport, ZAgentPrinterReportResponse } from './agent-protocol';
import type { TAgentIdentity } from './agent-tokens';
import { isId } from '@/lib/errors/ids';

/** Unanswered reports in a row before an agent printer counts as offline (as the cloud poller does). */
const OFFLINE_AFTER_MISSES = 3;

export type TAgentServerSettings = { leaseMs: number; backoff?: TBackoffSettings };

/** Who holds an agent's printer leases: the token and the agent process, so two processes never share one. */
export function agentOwner(agent: TAgentIdentity, instance: string): string {
  return `agent:${agent.tokenId}:${instance}`;
}

/**
 * Records what the shop's agent reports about its LAN printers: a printer it reports for the
 * first time is added to the shop (reached through the agent, so the cloud never polls it; a
 * printer the shop had added by address is switched over), and every report updates the live
 * state exactly as the cloud poller would, with the same events and the same offline rule.
 */
export async function reportAgentPrinters(agent: TAgentIdentity, report: TAgentPrinterReport): Promise<z.infer<typeof ZAgentPrinterReportResponse>> {
  const result: z.infer<typeof ZAgentPrinterReportResponse>['printers'] = [];
  for (const entry of report.printers) {
    let uri: string;
    let addressKey: string;
    try {
      ({ uri, key: addressKey } = parsePrinterUri(entry.uri));
    } catch {
      throw new AppError('bad_request', `“${entry.uri}” is not a printer address.`);
    }
    const saved = await db.transaction(async (tx) => {
      const [existing] = await tx
        .select()
        .from(printers)
        .where(and(eq(printers.shopId, agent.shopId), eq(printers.uri, uri)))
        .for('update');
      if (!existing) {
        if (!entry.capabilities) return null;
        const [created] = await tx
          .insert(printers)
          .values({
            shopId: agent.shopId,
            name: entry.name,
            uri,
            addressKey,
            viaAgent: true,
            ...printerColumnsFromCapabilities(entry.capabilities),
            ...(entry.status ? printerColumnsFromStatus(entry.status) : {}),
            isOnline: !!entry.status,
            lastSeenAt: entry.status ? new Date() : null,
          })
          .returning();
        await refreshShopCapabilities(agent.shopId, tx);
        await appendEvent({ type: 'printer.added', shopId: agent.shopId, printerId: created.id, actor: 'agent', data: { name: created.name, makeAndModel: created.makeAndModel, viaAgent: true } }, tx);
        return created;
      }
      if (entry.status) {
        const statusColumns = printerColumnsFromStatus(entry.status);
        const [updated] = await tx
          .update(printers)
          .set({
            ...statusColumns,
            ...(entry.capabilities ? printerColumnsFromCapabilities(entry.capabilities) : {}),
            viaAgent: true,
            isOnline: true,
            missedPolls: 0,
            lastError: null,
            lastSeenAt: new Date(),
            updatedAt: new Date(),
          })
          .where(eq(printers.id, existing.id))
          .returning();
        await syncPrinterAlerts(tx, updated);
        if (!existing.isOnline || !existing.viaAgent) {
          await refreshShopCapabilities(agent.shopId, tx);
          await appendEvent({ type: 'printer.online', shopId: agent.shopId, printerId: existing.id, actor: 'agent', data: { name: existing.name, ...statusColumns } }, tx);
        } else if (existing.state !== statusColumns.state || existing.stateReasons.join() !== statusColumns.stateReasons.join() || existing.queuedJobCount !== statusColumns.queuedJobCount) {
          await appendEvent({ type: 'printer.status', shopId: agent.shopId, printerId: existing.id, actor: 'agent', data: { name: existing.name, ...statusColumns } }, tx);
        }
        return updated;
      }
      const [updated] = await tx
        .update(printers)
        .set({
          viaAgent: true,
          missedPolls: sql`${printers.missedPolls} + 1`,
          lastError: entry.error ?? 'The agent could not reach this printer.',
          isOnline: sql`${printers.isOnline} and ${printers.missedPolls} + 1 < ${OFFLINE_AFTER_MISSES}`,
          updatedAt: new Date(),
        })
        .where(eq(printers.id, existing.id))
        .returning();
      await syncPrinterAlerts(tx, updated);
      if (existing.isOnline && !updated.isOnline) {
        await refreshShopCapabilities(agent.shopId, tx);
        await appendEvent({ type: 'printer.offline', shopId: agent.shopId, printerId: existing.id, actor: 'agent', data: { name: existing.name, reason: updated.lastError } }, tx);
      }
      return updated;
    });
    if (saved) result.push({ id: saved.id, uri: saved.uri, name: saved.name, isOnline: saved.isOnline });
  }
  return { printers: result };
}

/** One dispatcher-store operation on the agent's behalf, limited to its shop's agent printers. */
export async function agentDispatch(agent: TAgentIdentity, instance: string, request: TAgentDispatchRequest, settings: TAgentServerSettings): Promise<unknown> {
  const owner = agentOwner(agent, instance);
  const options = { leaseMs: settings.leaseMs, backoff: settings.backoff, agentShopId: agent.shopId, actor: 'agent' };
  const store = dbDispatchStore(owner, options);
  switch (request.op) {
    case 'claim':
      return { printers: await claimPrintersForDispatch(owner, { ...options, limit: request.limit }) };
    case 'renewLease':
      return { ok: await store.renewLease(request.printerId) };
    case 'releaseLease':
      await store.releaseLease(request.printerId);
      return { ok: true };
    case 'currentJob':
      return { job: await store.currentJob(request.printerId) };
    case 'nextJob':
      return { job: await store.nextJob(request.printerId) };
    case 'startSending':
      return { ok: await store.startSending(request.printerId, request.jobId) };
    case 'beginUpload':
      return { control: await store.beginUpload(request.printerId, request.jobId, request.ippJobId) };
    case 'markPrinting':
      return { control: await store.markPrinting(request.printerId, request.jobId, request.ippJobId) };
    case 'reportProgress':
      return { control: await store.reportProgress(request.printerId, request.jobId, request.progress) };
    case 'finish':
      await store.finish(request.printerId, request.jobId, request.outcome);
      return { ok: true };
  }
}

/**
 * The converted output of a job, for the agent that holds its printer's lease: the cloud
 * converts, the agent only prints. Anyone else gets 404.
 */
export async function agentJobOutput(agent: TAgentIdentity, instance: string, jobId: string): Promise<ReadableStream<Uint8Array>> {
  const notFound = new AppError('not_found', 'We could not find that job.');
  if (!isId(jobId)) throw notFound;
  const [row] = await db
    .select({ outputKey: printJobs.outputKey, outputRaster: printJobs.outputRaster })
    .from(printJobs)
    .innerJoin(printers, eq(printers.id, printJobs.printerId))
    .where(and(eq(printJobs.id, jobId), eq(printers.shopId, agent.shopId), eq(printers.viaAgent, true), eq(printers.dispatchLeaseOwner, agentOwner(agent, instance))));
  // A raster left to be rendered as it is sent (the printer moved behind the agent after conversion)
  // is not for an agent, which sends bytes as they are: without it, the job is converted again.
  if (!row?.outputKey || row.outputRaster) throw notFound;
  return documentStore().stream(row.outputKey);
}
