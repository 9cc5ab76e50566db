import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { AwsClient } from 'aws4fetch';
import { DocumentError } from '../document-error';
import { assertValidKey, type TDocumentStore } from './document-store';

export type TS3StoreOptions = {
  /** e.g. https://s3.eu-central-1.amazonaws.com, http://127.0.0.1:9000 (MinIO) */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
};

/**
 * An S3-compatible bucket (AWS, MinIO, R2, …) addressed path-style
 * (`<endpoint>/<bucket>/<key>`), which every implementation supports, signed with
 * SigV4 by aws4fetch. S3 needs a length for a signed PUT, so a stream is sent in parts of
 * PART_BYTES (a multipart upload), never held whole: an upload being refused mid-stream aborts
 * the multipart upload, so no partial object or orphaned parts stay behind.
 */
export function createS3DocumentStore(options: TS3StoreOptions): TDocumentStore {
  const client = new AwsClient({
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    service: 's3',
    region: options.region,
    retries: 2,
  });
  const base = `${options.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(options.bucket)}`;
  const urlFor = (key: string) => {
    assertValidKey(key);
    return `${base}/${key.split('/').map(encodeURIComponent).join('/')}`;
  };
  const request = async (method: string, key: string, body?: Uint8Array, query = '') => {
    // Node's fetch takes any Uint8Array; the DOM typing insists on an ArrayBuffer-backed one.
    const response = await client.fetch(`${urlFor(key)}${query}`, { method, body: body as BodyInit | undefined });
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) {
      throw new Error(`S3 ${method} ${key} failed with ${response.status}: ${(await response.text()).slice(0, 500)}`);
    }
    return response;
  };

  return {
    async put(key, data) {
      if (data instanceof Uint8Array) {
        const response = await request('PUT', key, data);
        await response?.body?.cancel();
        return;
      }
      const parts = partsOf(data instanceof Readable ? data : Readable.fromWeb(data as NodeWebReadableStream<Uint8Array>));
      const first = await parts.next();
      const firstPart = first.done ? new Uint8Array() : first.value;
      if (firstPart.byteLength < PART_BYTES) {
        const response = await request('PUT', key, firstPart);
        await response?.body?.cancel();
        return;
      }
      const created = await request('POST', key, undefined, '?uploads');
      const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec((await created?.text()) ?? '')?.[1];
      if (!uploadId) throw new Error(`S3 did not start a multipart upload for ${key}`);
      const query = (extra = '') => `?${extra}uploadId=${encodeURIComponent(uploadId)}`;
      try {
        const etags: string[] = [];
        let part: Uint8Array | undefined = firstPart;
        while (part) {
          const uploaded = await request('PUT', key, part, query(`partNumber=${etags.length + 1}&`));
          await uploaded?.body?.cancel();
          const etag = uploaded?.headers.get('etag');
          if (!etag) throw new Error(`S3 gave no ETag for part ${etags.length + 1} of ${key}`);
          etags.push(etag);
          const next = await parts.next();
          part = next.done ? undefined : next.value;
        }
        const manifest = `<CompleteMultipartUpload>${etags.map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${escapeXml(etag)}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
        const completed = await request('POST', key, new TextEncoder().encode(manifest), query());
        const text = (await completed?.text()) ?? '';
        // S3 may answer 200 and still report an error in the body.
        if (!completed || /<Error>/.test(text)) throw new Error(`S3 could not complete the upload of ${key}: ${text.slice(0, 300)}`);
      } catch (error) {
        await request('DELETE', key, undefined, query())
          .then((response) => response?.body?.cancel())
          .catch(() => undefined);
        throw error;
      }
    },
    async get(key) {
      const response = await request('GET', key);
      if (!response) throw new DocumentError('not_found');
      return Buffer.from(await response.arrayBuffer());
    },
    async stream(key) {
      const response = await request('GET', key);
      if (!response?.body) throw new DocumentError('not_found');
      return response.body;
    },
    async readStream(key) {
      const response = await request('GET', key);
      if (!response?.body) throw new DocumentError('not_found');
      return Readable.fromWeb(response.body as NodeWebReadableStream<Uint8Array>);
    },
    async delete(key) {
      const response = await request('DELETE', key);
      await response?.body?.cancel();
    },
    async exists(key) {
      const response = await request('HEAD', key);
      return response !== null;
    },
  };
}

/** S3's smallest part but the last: what a streamed put holds in memory at once. */
export const PART_BYTES = 5 * 1024 * 1024;

/** The stream regrouped into parts of exactly PART_BYTES, the last one shorter. */
async function* partsOf(readable: Readable): AsyncGenerator<Uint8Array> {
  let chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of readable) {
    let rest = Buffer.from(chunk as Uint8Array);
    while (size + rest.length >= PART_BYTES) {
      const take = PART_BYTES - size;
      chunks.push(rest.subarray(0, take));
      yield Buffer.concat(chunks);
      rest = rest.subarray(take);
      chunks = [];
      size = 0;
    }
    if (rest.length) {
      chunks.push(rest);
      size += rest.length;
    }
  }
  if (size > 0) yield Buffer.concat(chunks);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
