import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3DocumentStore } from './s3-document-store';

/** A minimal path-style S3 endpoint: enough to check the requests the store makes. */
function startBucketServer() {
  const objects = new Map<string, Buffer>();
  const requests: { method: string; url: string; authorization: string; contentSha256: string }[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    requests.push({
      method: req.method!,
      url: req.url!,
      authorization: String(req.headers.authorization),
      contentSha256: String(req.headers['x-amz-content-sha256']),
    });
    const key = decodeURIComponent(req.url!);
    if (req.method === 'PUT') {
      objects.set(key, Buffer.concat(chunks));
      res.writeHead(200).end();
    } else if (!objects.has(key)) {
      res.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
    } else if (req.method === 'DELETE') {
      objects.delete(key);
      res.writeHead(204).end();
    } else {
      res.writeHead(200, { 'content-length': objects.get(key)!.length });
      res.end(req.method === 'HEAD' ? undefined : objects.get(key));
    }
  });
  return { server, objects, requests };
}

describe('createS3DocumentStore', () => {
  const bucket = startBucketServer();
  let server: Server;
  let endpoint: string;
  beforeAll(async () => {
    server = bucket.server.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => {
    server.close();
  });

  const store = () => createS3DocumentStore({ endpoint, bucket: 'nearprint-docs', region: 'eu-central-1', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });

  it('stores path-style under the bucket with SigV4-signed requests', async () => {
    await store().put('documents/doc_1/original.pdf', Buffer.from('%PDF-1.7'));
    expect(bucket.objects.get('/nearprint-docs/documents/doc_1/original.pdf')?.toString()).toBe('%PDF-1.7');
    const put = bucket.requests.at(-1)!;
    expect(put.method).toBe('PUT');
    expect(put.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-central-1\/s3\/aws4_request, SignedHeaders=.*, Signature=[0-9a-f]{64}$/);
    expect(put.contentSha256).toMatch(/^([0-9a-f]{64}|UNSIGNED-PAYLOAD)$/);
  });

  it('reads, streams, checks and deletes; a missing object is not_found', async () => {
    const s3 = store();
    await s3.put('a/b', new Response('streamed body').body!);
    expect((await s3.get('a/b')).toString()).toBe('streamed body');
    expect(await new Response(await s3.stream('a/b')).text()).toBe('streamed body');
    expect(await s3.exists('a/b')).toBe(true);
    await s3.delete('a/b');
    expect(await s3.exists('a/b')).toBe(false);
    await expect(s3.get('a/b')).rejects.toMatchObject({ code: 'not_found' });
    await s3.delete('a/b');
  });

  it('refuses keys that could address another object', async () => {
    await expect(store().get('../other-bucket/x')).rejects.toThrow(/Invalid storage key/);
  });
});
