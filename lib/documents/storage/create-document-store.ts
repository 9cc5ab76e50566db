import { z } from 'zod';
import { createLocalDocumentStore, DEFAULT_LOCAL_STORE_ROOT } from './local-document-store';
import { createS3DocumentStore } from './s3-document-store';
import type { TDocumentStore } from './document-store';

const required = (name: string) => z.string({ error: `${name} is required` }).min(1, `${name} is required`);

export const ZDocumentStoreConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local'), root: z.string().min(1).default(DEFAULT_LOCAL_STORE_ROOT) }),
  z.object({
    kind: z.literal('s3'),
    endpoint: z.url({ error: 'S3_ENDPOINT must be a URL' }),
    bucket: required('S3_BUCKET'),
    region: z.string().min(1).default('us-east-1'),
    accessKeyId: required('S3_ACCESS_KEY_ID'),
    secretAccessKey: required('S3_SECRET_ACCESS_KEY'),
  }),
]);
export type TDocumentStoreConfig = z.input<typeof ZDocumentStoreConfig>;

export function createDocumentStore(config: TDocumentStoreConfig): TDocumentStore {
  const parsed = ZDocumentStoreConfig.parse(config);
  return parsed.kind === 'local' ? createLocalDocumentStore({ root: parsed.root }) : createS3DocumentStore(parsed);
}

/**
 * `DOCUMENT_STORE=s3` with `S3_ENDPOINT`, `S3_BUCKET`, `S3_REGION`, `S3_ACCESS_KEY_ID`,
 * `S3_SECRET_ACCESS_KEY`; otherwise the local store under `DOCUMENT_STORE_ROOT`
 * (default `.data/files`). Throws at startup, naming the missing variable, when S3 is
 * chosen but not fully configured.
 */
export function documentStoreConfigFromEnv(env: Record<string, string | undefined> = process.env): TDocumentStoreConfig {
  if (env.DOCUMENT_STORE === 's3') {
    return ZDocumentStoreConfig.parse({
      kind: 's3',
      endpoint: env.S3_ENDPOINT,
      bucket: env.S3_BUCKET,
      region: env.S3_REGION || undefined,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    });
  }
  return { kind: 'local', root: env.DOCUMENT_STORE_ROOT || DEFAULT_LOCAL_STORE_ROOT };
}
