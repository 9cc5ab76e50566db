import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi-document';

describe('the shop API’s OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document with every endpoint and webhook', async () => {
    const document = openApiDocument('http://127.0.0.1:3000');
    // validate() dereferences in place: give it a copy.
    const validated = await SwaggerParser.validate(structuredClone(document) as never);
    expect(validated.info.title).toBe('Nearprint shop API');
    expect(Object.keys(document.paths ?? {}).sort()).toEqual([
      '/api/v1/shops/{shopId}/earnings',
      '/api/v1/shops/{shopId}/jobs',
      '/api/v1/shops/{shopId}/jobs/{jobId}',
      '/api/v1/shops/{shopId}/jobs/{jobId}/accept',
      '/api/v1/shops/{shopId}/jobs/{jobId}/hand-over',
      '/api/v1/shops/{shopId}/jobs/{jobId}/reject',
      '/api/v1/shops/{shopId}/printers',
      '/api/v1/shops/{shopId}/printers/{printerId}',
    ]);
    expect(Object.keys(document.webhooks ?? {}).sort()).toEqual(['job.failed', 'job.paid', 'job.printed', 'job.ready', 'printer.offline']);
    expect(document.components?.schemas?.Job).toBeDefined();
  });
});
