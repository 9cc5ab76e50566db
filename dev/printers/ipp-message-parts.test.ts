import ipp from 'ipp';
import { describe, expect, it } from 'vitest';
import { decodeIppResponse, encodeIppRequest } from '@/lib/ipp/ipp-codec';
import { encodeErrorResponse, jobGroupsOf, joinIppMessage, splitIppMessage, summarizeRequest } from './ipp-message-parts';

const printJobRequest = encodeIppRequest({
  operation: 'Print-Job',
  requestId: 7,
  operationAttributes: {
    'attributes-charset': 'utf-8',
    'attributes-natural-language': 'en',
    'printer-uri': 'ipp://localhost:8631/ipp/print',
    'job-name': 'np_job_1',
    'document-format': 'application/pdf',
  },
  jobAttributes: { copies: 2, media: 'iso_a4_210x297mm' },
});
const document = Buffer.from('%PDF-1.7\n...\n%%EOF\n');

/** A Get-Jobs answer with one job group per job, as a printer writes it (the `ipp` package cannot write several). */
function getJobsResponse(jobs: { id: number; name: string; state: string }[]): Buffer {
  const head = ipp.serialize({ statusCode: 'successful-ok', id: 3, 'operation-attributes-tag': { 'attributes-charset': 'utf-8', 'attributes-natural-language': 'en' } });
  const groups = jobs.map((job) => {
    const one = ipp.serialize({ statusCode: 'successful-ok', id: 3, 'job-attributes-tag': { 'job-id': job.id, 'job-name': job.name, 'job-state': job.state } });
    return splitIppMessage(one)!.groups[0];
  });
  const parts = splitIppMessage(head)!;
  return joinIppMessage({ ...parts, groups: [...parts.groups, ...groups] });
}

describe('splitIppMessage', () => {
  it('finds where the attributes end and the document starts, byte by byte', () => {
    const message = Buffer.concat([printJobRequest, document]);
    for (let length = 0; length < printJobRequest.length; length += 1) expect(splitIppMessage(message.subarray(0, length))).toBeNull();
    const parts = splitIppMessage(message)!;
    expect(parts.attributesLength).toBe(printJobRequest.length);
    expect(parts.data.equals(document)).toBe(true);
    expect(parts.groups.map((group) => group.tag)).toEqual([0x01, 0x02]);
    expect(joinIppMessage(parts).equals(message)).toBe(true);
  });

  it('refuses an attribute before any group', () => {
    const broken = Buffer.concat([printJobRequest.subarray(0, 8), Buffer.from([0x47, 0x00, 0x01, 0x61, 0x00, 0x00, 0x03])]);
    expect(() => splitIppMessage(broken)).toThrow(/outside a group/);
  });
});

describe('summarizeRequest', () => {
  it('reads the operation, request id, job-name and job-id with the codec', () => {
    expect(summarizeRequest(splitIppMessage(Buffer.concat([printJobRequest, document]))!)).toMatchObject({
      operation: 'Print-Job',
      requestId: 7,
      version: 0x0200,
      jobName: 'np_job_1',
      jobId: null,
    });
  });
});

describe('jobGroupsOf and joinIppMessage', () => {
  it('reads each job of a Get-Jobs answer and leaves out some, keeping the others byte for byte', () => {
    const body = getJobsResponse([
      { id: 3, name: 'np_c', state: 'processing' },
      { id: 2, name: 'np_b', state: 'completed' },
      { id: 1, name: 'np_a', state: 'aborted' },
    ]);
    const parts = splitIppMessage(body)!;
    const jobs = jobGroupsOf(parts);
    expect(jobs.map(({ jobId, jobName, state }) => ({ jobId, jobName, state }))).toEqual([
      { jobId: 3, jobName: 'np_c', state: 'processing' },
      { jobId: 2, jobName: 'np_b', state: 'completed' },
      { jobId: 1, jobName: 'np_a', state: 'aborted' },
    ]);
    const kept = joinIppMessage({ ...parts, groups: parts.groups.filter((group) => group !== jobs[1].group && group !== jobs[2].group) });
    expect(decodeIppResponse(kept).jobs).toEqual([{ 'job-id': 3, 'job-name': 'np_c', 'job-state': 'processing' }]);
  });
});

describe('encodeErrorResponse', () => {
  it('answers in the request’s version and id with a status the codec decodes', () => {
    const body = encodeErrorResponse({ requestId: 42, version: 0x0101 }, 'client-error-not-found', 'Job #3 does not exist.');
    expect(body.readUInt16BE(0)).toBe(0x0101);
    expect(body.readUInt32BE(4)).toBe(42);
    expect(decodeIppResponse(body)).toMatchObject({ statusCode: 0x0406, status: 'client-error-not-found', operationAttributes: { 'status-message': 'Job #3 does not exist.' } });
  });
});
