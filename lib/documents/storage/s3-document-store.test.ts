import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { createS3DocumentStore, PART_BYTES } from './s3-document-store';

/** A minimal path-style S3 endpoint: enough to check the requests the store makes. */
function startBucketServer() {
  const objects = new Map<string, Buffer>();
  const uploads = new Map<string, { key: string; parts: Map<number, Buffer> }>();
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
    const url = new URL(req.url!, 'http://bucket');
    const key = decodeURIComponent(url.pathname);
    const uploadId = url.searchParams.get('uploadId');
    if (req.method === 'POST' && url.searchParams.has('uploads')) {
      const id = `upload-${uploads.size + 1}`;
      uploads.set(id, { key, parts: new Map() });
      res.writeHead(200).end(`<InitiateMultipartUploadResult><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`);
    } else if (uploadId) {
      const upload = uploads.get(uploadId);
      if (!upload || upload.key !== key) return void res.writeHead(404).end('<Error><Code>NoSuchUpload</Code></Error>');
      if (req.method === 'PUT') {
        const partNumber = Number(url.searchParams.get('partNumber'));
        upload.parts.set(partNumber, Buffer.concat(chunks));
        res.writeHead(200, { etag: `"etag-${partNumber}"` }).end();
      } else if (req.method === 'POST') {
        const numbers = [
          ...Buffer.concat(chunks)
            .toString()
            .matchAll(/<PartNumber>(\d+)<\/PartNumber><ETag>&quot;etag-(\d+)&quot;<\/ETag>/g),
        ];
        objects.set(key, Buffer.concat(numbers.map(([, n]) => upload.parts.get(Number(n))!)));
        uploads.delete(uploadId);
        res.writeHead(200).end('<CompleteMultipartUploadResult/>');
      } else {
        uploads.delete(uploadId);
        res.writeHead(204).end();
      }
    } else if (req.method === 'PUT') {
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
  return { server, objects, uploads, requests };
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
    const chunks: Buffer[] = [];
    for await (const chunk of await s3.readStream('a/b')) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('streamed body');
    expect(await s3.exists('a/b')).toBe(true);
    await s3.delete('a/b');
    expect(await s3.exists('a/b')).toBe(false);
    await expect(s3.get('a/b')).rejects.toMatchObject({ code: 'not_found' });
    await expect(s3.readStream('a/b')).rejects.toMatchObject({ code: 'not_found' });
    await s3.delete('a/b');
  });

  it('sends a long stream in parts, never whole, and assembles it', async () => {
    const total = PART_BYTES * 2 + 12345;
    const source = Readable.from(
      (function* () {
        for (let sent = 0; sent < total; sent += 64 * 1024) yield Buffer.alloc(Math.min(64 * 1024, total - sent), sent / 1024);
      })(),
    );
    await store().put('big/file', source);
    const stored = bucket.objects.get('/nearprint-docs/big/file')!;
    expect(stored.length).toBe(total);
    expect(stored[70 * 1024]).toBe(64);
    const partPuts = bucket.requests.filter((r) => r.method === 'PUT' && r.url.includes('partNumber='));
    expect(partPuts.map((r) => new URL(r.url, 'http://x').searchParams.get('partNumber'))).toEqual(['1', '2', '3']);
    expect(bucket.uploads.size).toBe(0);
  });

  it('aborts the multipart upload when the stream fails midway: no object, no parts left', async () => {
    const source = new ReadableStream<Uint8Array>({
      sent: 0,
      pull(controller) {
        if (this.sent >= PART_BYTES * 2) return controller.error(new Error('client went away'));
        this.sent += 1024 * 1024;
        controller.enqueue(new Uint8Array(1024 * 1024));
      },
    } as UnderlyingDefaultSource<Uint8Array> & { sent: number });
    await expect(store().put('broken/file', source)).rejects.toThrow('client went away');
    expect(bucket.objects.has('/nearprint-docs/broken/file')).toBe(false);
    expect(bucket.uploads.size).toBe(0);
    expect(bucket.requests.at(-1)).toMatchObject({ method: 'DELETE' });
  });

  it('refuses keys that could address another object', async () => {
    await expect(store().get('../other-bucket/x')).rejects.toThrow(/Invalid storage key/);
  });
});
