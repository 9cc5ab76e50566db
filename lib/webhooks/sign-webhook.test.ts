import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureHeader, verifyWebhookSignature } from './sign-webhook';
import { isAllowedWebhookIp, parseWebhookUrl } from './webhook-url';

const BODY = '{"id":"e1","type":"job.paid"}';
const SECRET = 'whsec_test';

describe('webhook signatures (Nearprint-Signature: t=…,v1=…)', () => {
  it('is the HMAC-SHA256 of "<t>.<body>", hex, as a receiver recomputes it', () => {
    const header = signatureHeader(BODY, SECRET, 1_700_000_000);
    expect(header).toBe(`t=1700000000,v1=${createHmac('sha256', SECRET).update(`1700000000.${BODY}`).digest('hex')}`);
    expect(verifyWebhookSignature(BODY, header, SECRET, { now: 1_700_000_010 })).toBe(true);
  });

  it('refuses a changed body, a wrong secret, a stale timestamp and junk', () => {
    const header = signatureHeader(BODY, SECRET, 1_700_000_000);
    expect(verifyWebhookSignature(`${BODY} `, header, SECRET, { now: 1_700_000_000 })).toBe(false);
    expect(verifyWebhookSignature(BODY, header, 'whsec_other', { now: 1_700_000_000 })).toBe(false);
    expect(verifyWebhookSignature(BODY, header, SECRET, { now: 1_700_000_301 })).toBe(false);
    expect(verifyWebhookSignature(BODY, 't=abc,v1=00', SECRET)).toBe(false);
    expect(verifyWebhookSignature(BODY, null, SECRET)).toBe(false);
  });
});

describe('webhook endpoint addresses', () => {
  it('allows public addresses, and private ones only inside an opened network; metadata never', () => {
    expect(isAllowedWebhookIp('93.184.216.34', [])).toBe(true);
    expect(isAllowedWebhookIp('127.0.0.1', [])).toBe(false);
    expect(isAllowedWebhookIp('127.0.0.1', ['127.0.0.0/8'])).toBe(true);
    expect(isAllowedWebhookIp('::ffff:10.0.0.1', [])).toBe(false);
    expect(isAllowedWebhookIp('169.254.169.254', ['169.254.0.0/16'])).toBe(false);
  });

  it('takes http(s) URLs without credentials', () => {
    expect(parseWebhookUrl('https://erp.example.com/nearprint', []).toString()).toBe('https://erp.example.com/nearprint');
    expect(() => parseWebhookUrl('http://localhost:9000/x', [])).toThrow(/public internet/);
    expect(parseWebhookUrl('http://localhost:9000/x', ['127.0.0.0/8']).port).toBe('9000');
    expect(() => parseWebhookUrl('http://[::1]/x', [])).toThrow(/public internet/);
    expect(() => parseWebhookUrl('gopher://example.com', [])).toThrow(/https/);
  });
});
