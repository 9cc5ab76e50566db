import { ZDocumentStoreConfig, type TDocumentStoreConfig } from '@/lib/config/document-store-settings';
import { createLocalDocumentStore } from './local-document-store';
import { createS3DocumentStore } from './s3-document-store';
import type { TDocumentStore } from './document-store';

/** The store a configuration names; lib/config reads which one from the environment (documentStoreConfigFromEnv). */
export function createDocumentStore(config: TDocumentStoreConfig): TDocumentStore {
  const parsed = ZDocumentStoreConfig.parse(config);
  return parsed.kind === 'local' ? createLocalDocumentStore({ root: parsed.root }) : createS3DocumentStore(parsed);
}
