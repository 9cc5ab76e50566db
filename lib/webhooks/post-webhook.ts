import http from 'node:http';
import https from 'node:https';
import ipaddr from 'ipaddr.js';
import { SIGNATURE_HEADER, signatureHeader } from './sign-webhook';
import { checkedLookup, isAllowedWebhookIp, WEBHOOK_URL_REFUSED } from './webhook-url';

export type TPostResult = { statusCode: number | null; error: string | null; durationMs: number };

/**
 * POSTs one signed event to a receiver. Connects only to an allowed address (the receiver's
 * name resolved and checked once, see checkedLookup), follows no redirects, reads at most a
 * little of the answer, and gives up after `timeoutMs`. Never throws: the result says what
 * happened, for the delivery log.
 */
export function postWebhook(
  target: { url: string; secret: string; body: string; eventId: string; eventType: string },
  options: { timeoutMs: number; allowedNetworks: string[] },
): Promise<TPostResult> {
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): TPostResult => ({ statusCode, error, durationMs: performance.now() - started });
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    return Promise.resolve(done(null, 'The endpoint address is not a URL.'));
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host) && !isAllowedWebhookIp(host, options.allowedNetworks)) return Promise.resolve(done(null, WEBHOOK_URL_REFUSED));
  const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
  if (!client) return Promise.resolve(done(null, 'Webhook addresses are http:// or https://.'));
  return new Promise((resolve) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        lookup: checkedLookup(options.allowedNetworks),
        timeout: options.timeoutMs,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Nearprint-Webhooks/1',
          [SIGNATURE_HEADER]: signatureHeader(target.body, target.secret),
          'Nearprint-Event-Id': target.eventId,
          'Nearprint-Event-Type': target.eventType,
          'content-length': Buffer.byteLength(target.body),
        },
      },
      (response) => {
        const status = response.statusCode ?? null;
        let read = 0;
        let answer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (read < 500) answer += chunk.slice(0, 500 - read);
          read += chunk.length;
        });
        response.on('end', () => resolve(done(status, status !== null && status >= 200 && status < 300 ? null : `HTTP ${status}${answer ? `: ${answer.trim().slice(0, 200)}` : ''}`)));
        response.on('error', (error) => resolve(done(status, error.message)));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`No answer within ${options.timeoutMs} ms.`)));
    request.on('error', (error) => resolve(done(null, error.message)));
    request.end(target.body);
  });
}
