import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES, ZWebhookEvent } from '@/lib/webhooks/webhook-events';
import {
  ZApiError,
  ZApiJob,
  ZApiPrinter,
  ZEarnings,
  ZHandOverBody,
  ZHandOverResult,
  ZJobList,
  ZJobPath,
  ZListJobsQuery,
  ZPrinterList,
  ZPrinterPath,
  ZRejectJobBody,
  ZShopPath,
} from './shop-api-schemas';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

const errors = {
  400: json(ZApiError, 'Some input is invalid (fieldErrors says which).'),
  401: json(ZApiError, 'No API key, or an unknown or revoked one.'),
  403: json(ZApiError, 'A read-only key on a write, or the shop is suspended.'),
  404: json(ZApiError, 'No such shop, job or printer for this key.'),
  429: json(ZApiError, 'Too many requests with this key this minute; see Retry-After.'),
};
const writeErrors = { ...errors, 409: json(ZApiError, 'The job is no longer in a state that allows this.') };

/**
 * The OpenAPI 3.1 description of /api/v1, generated from the same zod schemas the routes check
 * requests with, served at /api/v1/openapi.json. Webhooks are described too (`webhooks`).
 */
export function openApiDocument(serverUrl: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'apiKey', { type: 'http', scheme: 'bearer', description: 'A shop API key (npk_…) from the shop’s settings page.' });
  const security = [{ apiKey: [] }];
  const read = (path: string, summary: string, request: object, response: ReturnType<typeof json>) =>
    registry.registerPath({ method: 'get', path, summary, security, request, responses: { 200: response, ...errors } });
  const write = (path: string, summary: string, description: string, request: object, response: ReturnType<typeof json>) =>
    registry.registerPath({ method: 'post', path, summary, description, security, request, responses: { 200: response, ...writeErrors } });

  read('/api/v1/shops/{shopId}/jobs', 'List the shop’s print jobs', { params: ZShopPath, query: ZListJobsQuery }, json(ZJobList, 'Jobs, newest first.'));
  read('/api/v1/shops/{shopId}/jobs/{jobId}', 'Get one job', { params: ZJobPath }, json(ZApiJob, 'The job.'));
  write('/api/v1/shops/{shopId}/jobs/{jobId}/accept', 'Accept a job', 'A job waiting for acceptance joins the queue. Needs a write key.', { params: ZJobPath }, json(ZApiJob, 'The accepted job.'));
  write(
    '/api/v1/shops/{shopId}/jobs/{jobId}/reject',
    'Reject a job',
    'Until the job is sent to its printer. The customer is refunded in full and sees the reason. Needs a write key.',
    { params: ZJobPath, body: { content: { 'application/json': { schema: ZRejectJobBody } } } },
    json(ZApiJob, 'The rejected job.'),
  );
  write(
    '/api/v1/shops/{shopId}/jobs/{jobId}/hand-over',
    'Hand over the job’s order',
    'With the customer’s pickup code, checked as at the counter (wrong codes count towards a lockout). Needs a write key.',
    { params: ZJobPath, body: { content: { 'application/json': { schema: ZHandOverBody } } } },
    json(ZHandOverResult, 'Collected, or the code was wrong.'),
  );
  read('/api/v1/shops/{shopId}/printers', 'List the shop’s printers with their state', { params: ZShopPath }, json(ZPrinterList, 'Printers.'));
  read('/api/v1/shops/{shopId}/printers/{printerId}', 'Get one printer’s state', { params: ZPrinterPath }, json(ZApiPrinter, 'The printer.'));
  read('/api/v1/shops/{shopId}/earnings', 'The shop’s earnings and balance', { params: ZShopPath }, json(ZEarnings, 'Earnings, minor units.'));

  for (const type of WEBHOOK_EVENT_TYPES) {
    registry.registerWebhook({
      method: 'post',
      path: type,
      summary: type,
      description: `${WEBHOOK_EVENT_DESCRIPTIONS[type]} Signed with the Nearprint-Signature header (t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the endpoint's secret>). Answer 2xx; anything else is retried with backoff, with the same event id.`,
      request: { body: { content: { 'application/json': { schema: ZWebhookEvent } } } },
      responses: { 200: { description: 'Received.' } },
    });
  }

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Nearprint shop API', version: '1.0.0', description: 'A shop’s own systems: its jobs, printers and earnings. Authenticate with `Authorization: Bearer <API key>`.' },
    servers: [{ url: serverUrl }],
  });
}
