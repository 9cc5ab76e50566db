import type { Readable } from 'node:stream';
import { DEFAULT_USER_NAME, DOCUMENT_TIMEOUT_MS, ippRequest, type TIppCallOptions } from '@/lib/ipp/ipp-request';
import { toSubmittedJob, type TSubmittedJob } from '@/lib/ipp/submitted-job';

export type TSendDocumentRequest = {
  uri: string;
  jobId: number;
  userName?: string;
  documentFormat: string;
  data: Buffer | Readable;
  /** False when more documents follow; most printers (ippeveprinter too) take only one. */
  isLastDocument?: boolean;
};

/** Send-Document (RFC 8011 §4.3.1): the document of a job made with createJob. */
export async function sendDocument(request: TSendDocumentRequest, options: TIppCallOptions = {}): Promise<TSubmittedJob> {
  const response = await ippRequest(
    {
      uri: request.uri,
      operation: 'Send-Document',
      operationAttributes: {
        'job-id': request.jobId,
        'requesting-user-name': request.userName ?? DEFAULT_USER_NAME,
        'document-format': request.documentFormat,
        'last-document': request.isLastDocument ?? true,
      },
      data: request.data,
    },
    { ...options, timeoutMs: options.timeoutMs ?? DOCUMENT_TIMEOUT_MS },
  );
  return toSubmittedJob(response, null);
}
