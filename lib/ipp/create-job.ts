import { DEFAULT_USER_NAME, ippRequest, type TIppCallOptions } from '@/lib/ipp/ipp-request';
import { toJobAttributes, ZJobTemplate, type TJobTemplate } from '@/lib/ipp/job-template';
import { toSubmittedJob, type TSubmittedJob } from '@/lib/ipp/submitted-job';

export type TCreateJobRequest = {
  uri: string;
  /** Nearprint's job id, as for printJob. */
  jobName: string;
  userName?: string;
  attributes?: TJobTemplate;
};

/**
 * Create-Job (RFC 8011 §4.2.4): creates an empty job; its document follows with
 * sendDocument. Useful when the job id must be recorded before a long upload
 * starts. Printers abort a job whose document does not arrive within their
 * multiple-operation-time-out (60 s on ippeveprinter).
 */
export async function createJob(request: TCreateJobRequest, options?: TIppCallOptions): Promise<TSubmittedJob> {
  const template = ZJobTemplate.parse(request.attributes ?? {});
  const response = await ippRequest(
    {
      uri: request.uri,
      operation: 'Create-Job',
      operationAttributes: {
        'requesting-user-name': request.userName ?? DEFAULT_USER_NAME,
        'job-name': request.jobName,
      },
      jobAttributes: toJobAttributes(template),
    },
    options,
  );
  return toSubmittedJob(response, request.jobName);
}
