import path from 'node:path';
import { env } from '@/lib/config/env';
import { createDocumentStore, documentStoreConfigFromEnv } from './create-document-store';
import type { TDocumentStore } from './document-store';

let store: TDocumentStore | undefined;

/** The process's document store: S3 when configured, else `<DATA_DIR>/files`. */
export function documentStore(): TDocumentStore {
  store ??= createDocumentStore(documentStoreConfigFromEnv({ ...process.env, DOCUMENT_STORE_ROOT: process.env.DOCUMENT_STORE_ROOT || path.join(env().DATA_DIR, 'files') }));
  return store;
}

/** Where each kind of file lives in the store, by document id. */
export const documentKeys = {
  original: (documentId: string, extension: string) => `documents/${documentId}/original.${extension}`,
  pdf: (documentId: string) => `documents/${documentId}/normalised.pdf`,
  thumbnail: (documentId: string, pageNumber: number) => `documents/${documentId}/thumbnails/page-${pageNumber}.png`,
  jobOutput: (jobId: string, extension: string) => `jobs/${jobId}/output.${extension}`,
};
