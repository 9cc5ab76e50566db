import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { AwsClient } from 'aws4fetch';
import { DocumentError } from '../document-error';
import { assertValidKey, type TDocumentStore, type TStoreData } from './document-store';

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
 * SigV4 by aws4fetch. S3 needs a length for a signed PUT, so streamed uploads are
 * buffered first; documents are capped at the upload limit (100 MB) anyway.
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
  const request = async (method: string, key: string, body?: Uint8Array) => {
    // Node's fetch takes any Uint8Array; the DOM typing insists on an ArrayBuffer-backed one.
    const response = await client.fetch(urlFor(key), { method, body: body as BodyInit | undefined });
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
      const response = await request('PUT', key, await toBytes(data));
      await response?.body?.cancel();
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

async function toBytes(data: TStoreData): Promise<Uint8Array> {
  if (data instanceof Uint8Array) return data;
  const chunks: Buffer[] = [];
  const readable = data instanceof Readable ? data : Readable.fromWeb(data as NodeWebReadableStream<Uint8Array>);
  for await (const chunk of readable) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
