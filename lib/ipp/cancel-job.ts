import { DEFAULT_USER_NAME, ippRequest, type TIppCallOptions } from '@/lib/ipp/ipp-request';

/**
 * Cancel-Job (RFC 8011 §4.3.3). A job that is printing stays `processing` (reason
 * `processing-to-stop-point`) until the printer reaches a point where it can stop,
 * then becomes `canceled`. Cancelling a finished job throws IppError `ipp_error`
 * with ippStatus `client-error-not-possible`.
 */
export async function cancelJob(uri: string, jobId: number, options: TIppCallOptions & { userName?: string } = {}): Promise<void> {
  await ippRequest(
    {
      uri,
      operation: 'Cancel-Job',
      operationAttributes: { 'job-id': jobId, 'requesting-user-name': options.userName ?? DEFAULT_USER_NAME },
    },
    options,
  );
}
