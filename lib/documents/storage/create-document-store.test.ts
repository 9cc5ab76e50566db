import { describe, expect, it } from 'vitest';
import { documentStoreConfigFromEnv } from './create-document-store';

describe('documentStoreConfigFromEnv', () => {
  it('defaults to the local store under .data/files', () => {
    expect(documentStoreConfigFromEnv({})).toEqual({ kind: 'local', root: '.data/files' });
    expect(documentStoreConfigFromEnv({ DOCUMENT_STORE_ROOT: '/srv/files' })).toEqual({ kind: 'local', root: '/srv/files' });
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
  });
});
