import { describe, expect, it } from 'vitest';
import { IppError } from '@/lib/ipp/ipp-error';
import { parsePrinterUri } from '@/lib/ipp/parse-printer-uri';
import { httpStatusError, ippStatusError, toIppError } from '@/lib/ipp/to-ipp-error';

const target = parsePrinterUri('ipp://192.168.1.20/ipp/print');

function nodeError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('toIppError', () => {
  it.each([
    ['ECONNREFUSED', 'unreachable', /Nothing answered at 192\.168\.1\.20:631\. Is the printer switched on and on the same network\?/],
    ['EHOSTUNREACH', 'unreachable', /Nothing answered/],
    ['ENETUNREACH', 'unreachable', /Nothing answered/],
    ['ENOTFOUND', 'unreachable', /No device called "192\.168\.1\.20"/],
    ['EAI_AGAIN', 'unreachable', /No device called/],
    ['ECONNRESET', 'unreachable', /closed the connection/],
    ['ETIMEDOUT', 'timeout', /did not answer in time/],
    ['HPE_INVALID_CONSTANT', 'not_ipp', /not a printer/],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'not_ipp', /secure \(ipps:\/\/\)/],
    ['EPROTO', 'not_ipp', /secure/],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'not_ipp', /certificate/],
    ['EWHATEVER', 'unreachable', /Could not talk to the printer at 192\.168\.1\.20:631/],
  ])('%s → %s', (code, expected, message) => {
    const error = toIppError(nodeError(code), target);
    expect(error).toBeInstanceOf(IppError);
    expect(error.code).toBe(expected);
    expect(error.message).toMatch(message);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it.each([
    ['ECONNREFUSED', false],
    ['ENOTFOUND', false],
    ['EHOSTUNREACH', false],
    ['ECONNRESET', true],
    ['EPIPE', true],
    ['ETIMEDOUT', true],
    ['EWHATEVER', true],
  ])('%s: may the printer have received the request? %s', (code, expected) => {
    expect(toIppError(nodeError(code), target).mayHaveBeenReceived).toBe(expected);
  });

  it('a printer that answered with an error status did not take the request', () => {
    expect(ippStatusError('server-error-busy', target).mayHaveBeenReceived).toBe(false);
    expect(new IppError('timeout', 'slow').mayHaveBeenReceived).toBe(true);
  });

  it('passes IppErrors through', () => {
    const original = new IppError('timeout', 'slow');
    expect(toIppError(original, target)).toBe(original);
  });
});

describe('ippStatusError', () => {
  it.each(['client-error-not-authenticated', 'client-error-not-authorized', 'client-error-forbidden'])('%s asks for credentials', (status) => {
    const error = ippStatusError(status, target);
    expect(error.code).toBe('auth_required');
    expect(error.ippStatus).toBe(status);
    expect(error.message).toMatch(/user name and password/);
  });

  it('keeps the status, explains known ones and quotes the printer', () => {
    const busy = ippStatusError('server-error-busy', target, { statusMessage: 'Currently printing another job.' });
    expect(busy).toMatchObject({ code: 'ipp_error', ippStatus: 'server-error-busy', isRetryable: true });
    expect(busy.message).toBe('The printer is busy with another job. Nearprint will try again. The printer says: "Currently printing another job."');
    const format = ippStatusError('client-error-document-format-not-supported', target);
    expect(format).toMatchObject({ isRetryable: false, message: 'The printer does not accept this kind of document.' });
    expect(ippStatusError('0x04ff', target).message).toMatch(/answered with an error \(0x04ff\)/);
  });

  it('names the unsupported options when the printer lists them', () => {
    const error = ippStatusError('client-error-attributes-or-values-not-supported', target, {
      unsupportedAttributes: ['document-format', 'media', 'media-col', 'x-custom'],
    });
    expect(error.message).toBe('The printer does not support this kind of document, this paper size, x-custom.');
    expect(error.unsupportedAttributes).toEqual(['document-format', 'media', 'media-col', 'x-custom']);
    expect(ippStatusError('client-error-attributes-or-values-not-supported', target).message).toBe('The printer does not support one of the chosen print options.');
  });
});

describe('httpStatusError', () => {
  it('classifies HTTP answers', () => {
    expect(httpStatusError(401, target)).toMatchObject({ code: 'auth_required', httpStatus: 401 });
    expect(httpStatusError(403, target)).toMatchObject({ code: 'auth_required' });
    expect(httpStatusError(426, target)).toMatchObject({ code: 'ipp_error', message: expect.stringMatching(/ipps:\/\//) });
    expect(httpStatusError(404, target)).toMatchObject({ code: 'not_ipp', message: expect.stringMatching(/HTTP 404/) });
    expect(httpStatusError(500, target).code).toBe('not_ipp');
  });
});

describe('IppError.isRetryable', () => {
  it('is true for transient failures only', () => {
    expect(new IppError('unreachable', 'x').isRetryable).toBe(true);
    expect(new IppError('timeout', 'x').isRetryable).toBe(true);
    expect(new IppError('not_ipp', 'x').isRetryable).toBe(false);
    expect(new IppError('auth_required', 'x').isRetryable).toBe(false);
    expect(new IppError('ipp_error', 'x', { ippStatus: 'server-error-not-accepting-jobs' }).isRetryable).toBe(true);
    expect(new IppError('ipp_error', 'x', { ippStatus: 'client-error-not-found' }).isRetryable).toBe(false);
  });
});
