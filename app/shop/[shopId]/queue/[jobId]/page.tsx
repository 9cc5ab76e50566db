import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Alert, Badge, Card } from '@/app/_components/ui';
import { getShopForPage } from '@/app/shop/_lib/get-shop-for-page';
import { isAppError } from '@/lib/errors/app-error';
import { isId } from '@/lib/errors/ids';
import { jobStateLabel } from '@/lib/print-jobs/job-states';
import { getJobPreview } from '@/lib/shop-queue/job-preview';
import { REJECTABLE_JOB_STATES } from '@/lib/shop-queue/reject-job';
import { getShopJob } from '@/lib/shop-queue/shop-job';
import { QueueActionButton } from '../queue-forms';
import { RejectJobForm } from './reject-job-form';

export const metadata: Metadata = { title: 'Look at the job' };

/** The owner looks at a job's pages and its converted output before it prints, then accepts or rejects it. */
export default async function JobPreviewPage({ params }: { params: Promise<{ shopId: string; jobId: string }> }) {
  const { shopId, jobId } = await params;
  const { shop, user } = await getShopForPage(shopId);
  if (!isId(jobId)) notFound();
  const ref = { shopId: shop.id, ownerId: user.id, jobId };
  let job;
  try {
    job = await getShopJob(ref);
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  }
  const preview = await getJobPreview(ref);
  const canReject = (REJECTABLE_JOB_STATES as readonly string[]).includes(job.state) && !job.documentSentAt;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <Link href={`/shop/${shop.id}/queue`} className="text-sm text-brand-700 hover:underline">
            ← Queue
          </Link>
          <h2 className="text-lg font-semibold">Look before printing</h2>
        </div>
        <Badge tone={job.state === 'awaiting_acceptance' ? 'warn' : 'info'}>
          <span data-testid="preview-job-state">{jobStateLabel(job)}</span>
        </Badge>
      </div>
      {preview.isOpen ? null : <Alert tone="info">{preview.closedReason}</Alert>}
      {preview.documents.map((document) => (
        <Card key={document.id} data-testid="preview-document">
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <h3 className="text-sm font-semibold">
              {document.filename} · {document.pageCount} page{document.pageCount === 1 ? '' : 's'}
            </h3>
            {document.pdfUrl ? (
              <a href={document.pdfUrl} target="_blank" rel="noreferrer" className="text-sm text-brand-700 hover:underline" data-testid="preview-document-pdf">
                Open the whole document
              </a>
            ) : null}
          </div>
          <ol className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-6">
            {document.pages.map((page) => (
              <li key={page.pageNumber} className="text-center text-xs text-slate-600">
                {page.thumbnailUrl ? (
                  // eslint-disable-next-line @next/next/no-img-element -- a signed, expiring link: nothing for next/image to optimise or cache
                  <img src={page.thumbnailUrl} alt={`Page ${page.pageNumber}`} className="mx-auto mb-1 max-h-48 border border-slate-200 bg-white shadow-sm" data-testid="preview-thumbnail" />
                ) : (
                  <div className="mb-1 grid h-32 place-items-center border border-dashed border-slate-300">No preview</div>
                )}
                Page {page.pageNumber}
              </li>
            ))}
          </ol>
        </Card>
      ))}
      {preview.isOpen ? (
        <Card>
          <h3 className="mb-1 text-sm font-semibold">What the printer gets</h3>
          {preview.output ? (
            <p className="text-sm">
              <a href={preview.output.url} target="_blank" rel="noreferrer" className="text-brand-700 hover:underline" data-testid="preview-output">
                {preview.output.isViewable ? 'Open the converted PDF' : 'Download the converted file'}
              </a>{' '}
              <span className="text-slate-500">({preview.output.format})</span>
            </p>
          ) : (
            <p className="text-sm text-slate-600">Not converted yet: the file for the printer is made once the job is accepted and its printer chosen.</p>
          )}
        </Card>
      ) : null}
      <Card>
        <h3 className="mb-3 text-sm font-semibold">Decide</h3>
        {job.state === 'awaiting_acceptance' ? (
          <div className="mb-4">
            <QueueActionButton action="accept" fields={{ shopId: shop.id, jobId: job.id }} label="Accept" tone="primary" pendingLabel="Accepting…" />
          </div>
        ) : null}
        {canReject ? (
          <RejectJobForm shopId={shop.id} jobId={job.id} />
        ) : (
          <p className="text-sm text-slate-700" data-testid="reject-unavailable">
            {job.state === 'canceled' || job.state === 'failed'
              ? `This job has ended: ${job.lastError ?? job.state}${job.refundDue ? ' The customer is refunded in full and sees this reason on their order page.' : ''}`
              : 'This job is on its way to the printer or done, so it can no longer be rejected; cancel it from the queue instead.'}
          </p>
        )}
      </Card>
    </div>
  );
}
