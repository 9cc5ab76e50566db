import { describe, expect, it } from 'vitest';
import { documentStoreConfigFromEnv } from './document-store-settings';

describe('documentStoreConfigFromEnv', () => {
  it('defaults to the local store under <DATA_DIR>/files', () => {
    expect(documentStoreConfigFromEnv({})).toEqual({ kind: 'local', root: '.data/files' });
    expect(documentStoreConfigFromEnv({ DATA_DIR: '/var/lib/nearprint' })).toEqual({ kind: 'local', root: '/var/lib/nearprint/files' });
    expect(documentStoreConfigFromEnv({ DOCUMENT_STORE_ROOT: '/srv/files', DATA_DIR: '/var/lib/nearprint' })).toEqual({ kind: 'local', root: '/srv/files' });
    expect(documentStoreConfigFromEnv({ DOCUMENT_STORE: '', DOCUMENT_STORE_ROOT: '' })).toEqual({ kind: 'local', root: '.data/files' });
  });

  it('selects S3 by configuration', () => {
    expect(
      documentStoreConfigFromEnv({
        DOCUMENT_STORE: 's3',
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_BUCKET: 'docs',
        S3_ACCESS_KEY_ID: 'id',
        S3_SECRET_ACCESS_KEY: 'secret',
      }),
    ).toEqual({ kind: 's3', endpoint: 'http://127.0.0.1:9000', bucket: 'docs', region: 'us-east-1', accessKeyId: 'id', secretAccessKey: 'secret' });
  });

  it('fails at startup naming what is missing', () => {
    expect(() => documentStoreConfigFromEnv({ DOCUMENT_STORE: 's3', S3_ENDPOINT: 'http://x' })).toThrow(/S3_BUCKET is required/);
    expect(() => documentStoreConfigFromEnv({ DOCUMENT_STORE: 's3', S3_ENDPOINT: 'http://x' })).toThrow(/S3_SECRET_ACCESS_KEY is required/);
    expect(() => documentStoreConfigFromEnv({ DOCUMENT_STORE: 's3', S3_ENDPOINT: 'not a url', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'i', S3_SECRET_ACCESS_KEY: 's' })).toThrow(
      /S3_ENDPOINT: S3_ENDPOINT must be a URL/,
    );
  });

  it('refuses an unknown store rather than silently using the local one', () => {
    expect(() => documentStoreConfigFromEnv({ DOCUMENT_STORE: 'S3' })).toThrow(/DOCUMENT_STORE: DOCUMENT_STORE is local or s3/);
  });
});
