import type { Readable } from 'node:stream';
import { cancelJob } from '@/lib/ipp/cancel-job';
import { createJob } from '@/lib/ipp/create-job';
import { getJobAttributes, type TJobDetails } from '@/lib/ipp/get-job-attributes';
import { getJobs } from '@/lib/ipp/get-jobs';
import { getPrinterStatus } from '@/lib/ipp/get-printer-status';
import type { TIppJob } from '@/lib/ipp/ipp-job';
import type { TJobTemplate } from '@/lib/ipp/job-template';
import type { TPrinterNetwork } from '@/lib/ipp/printer-address-policy';
import { printJob } from '@/lib/ipp/print-job';
import { sendDocument } from '@/lib/ipp/send-document';
import type { TSubmittedJob } from '@/lib/ipp/submitted-job';

/**
 * The IPP operations a dispatcher uses on one printer. The real one talks IPP over the
 * network (ippPrinterPort); unit tests drive the dispatcher with an in-memory printer that can
 * time out, reset or forget jobs on cue (testing/fake-printer.ts).
 */
export type TPrinterPort = {
  /** Create-Job: an empty job, no document yet, so nothing can print from it alone. */
  createJob(request: { jobName: string; template: TJobTemplate }): Promise<TSubmittedJob>;
  /** Send-Document (last document) for a job made by createJob; a stream goes out chunked, as it is read. */
  sendDocument(request: { jobId: number; documentFormat: string; data: Buffer | Readable }): Promise<TSubmittedJob>;
  /** Print-Job: job and document in one request, for printers without Create-Job. */
  printJob(request: { jobName: string; template: TJobTemplate; documentFormat: string; data: Buffer | Readable }): Promise<TSubmittedJob>;
  getJob(jobId: number): Promise<TJobDetails>;
  /** Every job the printer still knows, finished ones included (which-jobs=all), newest first. */
  listJobs(): Promise<TIppJob[]>;
  cancelJob(jobId: number): Promise<void>;
  printerStateReasons(): Promise<string[]>;
};

export type TPortTimeouts = {
  /** Status and control requests. */
  requestMs: number;
  /** Requests that carry the document: a stall this long fails the upload (a big raster job takes minutes in all). */
  documentMs: number;
};

/**
 * The printer over IPP. In the cloud (the default) every request passes the printer address
 * policy; the shop agent reaches its printers on the shop's own network.
 */
export function ippPrinterPort(uri: string, timeouts: TPortTimeouts, network: TPrinterNetwork = 'cloud'): TPrinterPort {
  const quick = { timeoutMs: timeouts.requestMs, network };
  const upload = { timeoutMs: timeouts.documentMs, network };
  return {
    createJob: ({ jobName, template }) => createJob({ uri, jobName, attributes: template }, quick),
    sendDocument: ({ jobId, documentFormat, data }) => sendDocument({ uri, jobId, documentFormat, data }, upload),
    printJob: ({ jobName, template, documentFormat, data }) => printJob({ uri, jobName, documentFormat, data, attributes: template }, upload),
    getJob: (jobId) => getJobAttributes(uri, jobId, quick),
    listJobs: () => getJobs(uri, { whichJobs: 'all' }, quick),
    cancelJob: (jobId) => cancelJob(uri, jobId, quick),
    printerStateReasons: async () => (await getPrinterStatus(uri, quick)).stateReasons,
  };
}
