import type { Readable } from 'node:stream';
import { DEFAULT_USER_NAME, DOCUMENT_TIMEOUT_MS, ippRequest, type TIppCallOptions } from '@/lib/ipp/ipp-request';
import { toJobAttributes, ZJobTemplate, type TJobTemplate } from '@/lib/ipp/job-template';
import { toSubmittedJob, type TSubmittedJob } from '@/lib/ipp/submitted-job';

export type TPrintJobRequest = {
  uri: string;
  /**
   * Use Nearprint's own job id: after a crash findJobByName finds the job on the
   * printer again, so it is never printed twice.
   */
  jobName: string;
  userName?: string;
  /** MIME type of `data`, one of the printer's document-format-supported. */
  documentFormat: string;
  data: Buffer | Readable;
  attributes?: TJobTemplate;
};

/**
 * Print-Job (RFC 8011 §4.2.1): creates the job and sends its one document in a single
 * request. The printer answers once it has received the document, usually long
 * before it has printed it; follow the job with getJobAttributes.
 */
export async function printJob(request: TPrintJobRequest, options: TIppCallOptions = {}): Promise<TSubmittedJob> {
  const template = ZJobTemplate.parse(request.attributes ?? {});
  const response = await ippRequest(
    {
      uri: request.uri,
      operation: 'Print-Job',
      operationAttributes: {
        'requesting-user-name': request.userName ?? DEFAULT_USER_NAME,
        'job-name': request.jobName,
        'document-format': request.documentFormat,
      },
      jobAttributes: toJobAttributes(template),
      data: request.data,
    },
    { ...options, timeoutMs: options.timeoutMs ?? DOCUMENT_TIMEOUT_MS },
  );
  return toSubmittedJob(response, request.jobName);
}
