import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { documentPages, events, orderDocuments, printJobs, refunds } from '@/db/schema/index';
import { eventually } from '@/dev/test-support/fixtures';
import { expectLedgerBalanced } from '@/lib/billing/testing/expect-ledger-balanced';
import { orderLedgerSummary } from '@/lib/billing/ledger';
import { settleJobRefunds } from '@/lib/billing/settle-job-refunds';
import { documentKeys, documentStore } from '@/lib/documents/storage/app-document-store';
import { colorDuplexPdfPrinter } from '@/dev/printers/printer-presets';
import { transitionJob } from '@/lib/print-jobs/transition-job';
import { registerLivePrintStack } from '@/lib/print-jobs/testing/live-print-stack';
import { createPaidOrder, createPrintShop, jobById, orderById } from '@/lib/print-jobs/testing/print-fixtures';
import { getJobPreview, openJobPreviewFile } from './job-preview';
import { rejectJob } from './reject-job';

// No worker: jobs stay where the test puts them.
const stack = registerLivePrintStack({ name: 'reject', printers: [(spoolDir) => colorDuplexPdfPrinter({ name: 'Reject colour', spoolDir })], startWorker: false });

const UNREADABLE = { reasonCode: 'unreadable', note: 'page 2 is blank' } as const;

async function paidJob(options: { autoAccept: boolean }) {
  const shop = await createPrintShop({ printers: [{ name: 'Counter', uri: stack.printers[0].uri }], autoAccept: options.autoAccept });
  const paid = await createPaidOrder(stack.live, { shopId: shop.shop.id, pages: 2 });
  return { ...shop, ...paid, ref: { shopId: shop.shop.id, ownerId: shop.owner.id, jobId: paid.job.id } };
}

async function refundRows(orderId: string) {
  return db.select().from(refunds).where(eq(refunds.orderId, orderId));
}

describe('rejecting a job before it is sent', () => {
  it('rejects a job waiting for acceptance: refunded in full once, the reason on the timeline', async () => {
    const { ref, order, job } = await paidJob({ autoAccept: false });
    expect(job.state).toBe('awaiting_acceptance');
    await rejectJob({ ...ref, reason: UNREADABLE });
    expect(await jobById(job.id)).toMatchObject({ state: 'canceled', refundDue: 'shop_rejected', lastError: 'Pages are unreadable or blank: page 2 is blank' });
    await eventually('refunded', async () => (await orderById(order.id)).status === 'refunded');
    // Settling again (the housekeeping loop) books nothing more.
    await settleJobRefunds({ jobId: job.id });
    await settleJobRefunds();
    expect(await refundRows(order.id)).toHaveLength(1);
    expect(await orderLedgerSummary(order.id)).toMatchObject({ paidMinor: order.totalMinor, refundedMinor: order.totalMinor });
    const [rejected] = await db
      .select()
      .from(events)
      .where(eq(events.jobId, job.id))
      .then((rows) => rows.filter((e) => e.type === 'job.rejected'));
    expect(rejected).toMatchObject({ actor: ref.ownerId, data: { reason: 'Pages are unreadable or blank: page 2 is blank', reasonCode: 'unreadable', note: 'page 2 is blank', isRefundDue: true } });
    await expectLedgerBalanced();
  });

  it('rejects an auto-accepted job in line or being converted, and refuses a second reject', async () => {
    const { ref, order, job } = await paidJob({ autoAccept: true });
    expect(job.state).toBe('queued');
    await transitionJob(db, { jobId: job.id, from: 'queued', to: 'converting', by: 'converter', set: { leaseOwner: 'test-converter', leaseExpiresAt: new Date(Date.now() + 60_000) }, event: null });
    await rejectJob({ ...ref, reason: { reasonCode: 'other', note: 'We are closed for a family event' } });
    expect(await jobById(job.id)).toMatchObject({ state: 'canceled', lastError: 'We are closed for a family event' });
    await eventually('refunded', async () => (await orderById(order.id)).status === 'refunded');
    await expect(rejectJob({ ...ref, reason: UNREADABLE })).rejects.toMatchObject({ code: 'conflict' });
    expect(await refundRows(order.id)).toHaveLength(1);
    // The converter that held it loses its compare-and-set.
    expect(await transitionJob(db, { jobId: job.id, from: 'converting', to: 'queued', by: 'converter', event: null })).toBeNull();
  });

  it('refuses once the job is sent to the printer, and refunds nothing', async () => {
    const { ref, order, job } = await paidJob({ autoAccept: true });
    await transitionJob(db, { jobId: job.id, from: 'queued', to: 'sending', by: 'dispatcher', set: { dispatchedAt: new Date() }, event: null });
    await expect(rejectJob({ ...ref, reason: UNREADABLE })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/cancel it instead/) });
    expect(await jobById(job.id)).toMatchObject({ state: 'sending', refundDue: null });
    expect(await refundRows(order.id)).toEqual([]);
  });

  it('refuses a job whose document began uploading even if it went back in line', async () => {
    const { ref, job } = await paidJob({ autoAccept: true });
    await db.update(printJobs).set({ documentSentAt: new Date() }).where(eq(printJobs.id, job.id));
    await expect(rejectJob({ ...ref, reason: UNREADABLE })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses another shop and another owner with the same 404 as a missing job', async () => {
    const { ref, job, order } = await paidJob({ autoAccept: false });
    const other = await createPrintShop({ printers: [] });
    await expect(rejectJob({ shopId: other.shop.id, ownerId: other.owner.id, jobId: job.id, reason: UNREADABLE })).rejects.toMatchObject({ code: 'not_found' });
    await expect(rejectJob({ ...ref, ownerId: other.owner.id, reason: UNREADABLE })).rejects.toMatchObject({ code: 'not_found' });
    await expect(rejectJob({ ...ref, jobId: 'x'.repeat(36), reason: UNREADABLE })).rejects.toMatchObject({ code: 'not_found' });
    expect(await jobById(job.id)).toMatchObject({ state: 'awaiting_acceptance' });
    expect(await refundRows(order.id)).toEqual([]);
  });
});

describe('previewing a job through signed links', () => {
  function linkParams(url: string) {
    const parsed = new URL(url, 'http://nearprint.test');
    const page = parsed.searchParams.get('page');
    return {
      purpose: parsed.searchParams.get('purpose'),
      documentId: parsed.searchParams.get('document'),
      page: page ? Number(page) : null,
      expires: parsed.searchParams.get('expires'),
      signature: parsed.searchParams.get('signature'),
    };
  }

  async function text(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
    return Buffer.from(await new Response(stream).arrayBuffer());
  }

  it('serves thumbnails, the document and the converted output while the job is open, and nothing after it is rejected', async () => {
    const { ref, job, order } = await paidJob({ autoAccept: true });
    const [link] = await db.select().from(orderDocuments).where(eq(orderDocuments.orderId, order.id));
    const png = await sharp({ create: { width: 8, height: 11, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    await documentStore().put(documentKeys.thumbnail(link.documentId, 1), png);
    await db
      .update(documentPages)
      .set({ thumbnailKey: documentKeys.thumbnail(link.documentId, 1) })
      .where(eq(documentPages.documentId, link.documentId));
    const outputKey = documentKeys.jobOutput(job.id, 'pdf');
    await documentStore().put(outputKey, Buffer.from('%PDF-1.7 converted'));
    await db.update(printJobs).set({ outputKey, outputFormat: 'application/pdf', convertedAt: new Date() }).where(eq(printJobs.id, job.id));

    const preview = await getJobPreview(ref);
    expect(preview).toMatchObject({ isOpen: true, output: { format: 'application/pdf', isViewable: true } });
    const [document] = preview.documents;
    expect(document.pages[0].thumbnailUrl).toMatch(new RegExp(`^/api/shops/${ref.shopId}/jobs/${job.id}/preview\\?document=${link.documentId}&page=1&purpose=job-thumbnail&`));

    const thumbnail = await openJobPreviewFile({ ...ref, ...linkParams(document.pages[0].thumbnailUrl!) });
    expect(thumbnail.contentType).toBe('image/png');
    expect(await text(thumbnail.body)).toEqual(png);
    const pdf = await openJobPreviewFile({ ...ref, ...linkParams(document.pdfUrl!) });
    expect(pdf.contentType).toBe('application/pdf');
    expect((await text(pdf.body)).subarray(0, 5).toString()).toBe('%PDF-');
    const output = await openJobPreviewFile({ ...ref, ...linkParams(preview.output!.url) });
    expect((await text(output.body)).toString()).toBe('%PDF-1.7 converted');

    // Purpose, page and job are signed: none can be swapped.
    const thumbParams = linkParams(document.pages[0].thumbnailUrl!);
    await expect(openJobPreviewFile({ ...ref, ...thumbParams, page: 2 })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(openJobPreviewFile({ ...ref, ...thumbParams, purpose: 'job-document' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(openJobPreviewFile({ ...ref, ...thumbParams, purpose: 'download' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(openJobPreviewFile({ ...ref, ...thumbParams, signature: `${thumbParams.signature}x` })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(openJobPreviewFile({ ...ref, ...thumbParams, expires: '1' })).rejects.toMatchObject({ code: 'forbidden' });
    const another = await paidJob({ autoAccept: true });
    await expect(openJobPreviewFile({ ...another.ref, ...thumbParams })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(openJobPreviewFile({ ...ref, ownerId: another.ref.ownerId, ...thumbParams })).rejects.toMatchObject({ code: 'not_found' });

    await rejectJob({ ...ref, reason: UNREADABLE });
    await expect(openJobPreviewFile({ ...ref, ...thumbParams })).rejects.toMatchObject({ code: 'gone' });
    await expect(openJobPreviewFile({ ...ref, ...linkParams(preview.output!.url) })).rejects.toMatchObject({ code: 'gone' });
    expect(await getJobPreview(ref)).toMatchObject({ isOpen: false, documents: [], output: null, closedReason: expect.stringMatching(/ended/) });
  });
});
