import { documentStoreConfigFromEnv } from '@/lib/config/document-store-settings';
import { createDocumentStore } from './create-document-store';
import type { TDocumentStore } from './document-store';

let store: TDocumentStore | undefined;

/** The process's document store: S3 when configured, else `<DATA_DIR>/files`. */
export function documentStore(): TDocumentStore {
  store ??= createDocumentStore(documentStoreConfigFromEnv());
  return store;
}

/** Where each kind of file lives in the store, by document id. */
export const documentKeys = {
  original: (documentId: string, extension: string) => `documents/${documentId}/original.${extension}`,
  pdf: (documentId: string) => `documents/${documentId}/normalised.pdf`,
  thumbnail: (documentId: string, pageNumber: number) => `documents/${documentId}/thumbnails/page-${pageNumber}.png`,
  jobOutput: (jobId: string, extension: string) => `jobs/${jobId}/output.${extension}`,
};
