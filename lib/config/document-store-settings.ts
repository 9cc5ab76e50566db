import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_DATA_DIR, ZDataDir } from './env';
import { parseEnv, processEnv, type TEnvSource, emptyIsUnset } from './parse-env';

/** The local store's root when neither DOCUMENT_STORE_ROOT nor DATA_DIR says otherwise. */
export const DEFAULT_LOCAL_STORE_ROOT = path.join(DEFAULT_DATA_DIR, 'files');

const required = (name: string) => z.string({ error: `${name} is required` }).min(1, `${name} is required`);

/** Where documents and print files live (lib/documents/storage/create-document-store.ts). */
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

/** The variables, by name, so every message names the one to fix. */
export const ZDocumentStoreEnv = z
  .object({
    DOCUMENT_STORE: emptyIsUnset(z.enum(['local', 's3'], { error: 'DOCUMENT_STORE is local or s3' }).default('local')),
    DOCUMENT_STORE_ROOT: emptyIsUnset(z.string().optional()),
    DATA_DIR: ZDataDir,
    S3_ENDPOINT: emptyIsUnset(z.url({ error: 'S3_ENDPOINT must be a URL' }).optional()),
    S3_BUCKET: emptyIsUnset(z.string().optional()),
    S3_REGION: emptyIsUnset(z.string().default('us-east-1')),
    S3_ACCESS_KEY_ID: emptyIsUnset(z.string().optional()),
    S3_SECRET_ACCESS_KEY: emptyIsUnset(z.string().optional()),
  })
  .superRefine((value, context) => {
    if (value.DOCUMENT_STORE !== 's3') return;
    for (const name of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
      if (!value[name]) context.addIssue({ code: 'custom', path: [name], message: `${name} is required when DOCUMENT_STORE=s3` });
    }
  });

/**
 * `DOCUMENT_STORE=s3` with `S3_ENDPOINT`, `S3_BUCKET`, `S3_REGION`, `S3_ACCESS_KEY_ID`,
 * `S3_SECRET_ACCESS_KEY`; otherwise the local store under `DOCUMENT_STORE_ROOT` (default
 * `<DATA_DIR>/files`). Throws at startup, naming the missing variable, when S3 is chosen but
 * not fully configured.
 */
export function documentStoreConfigFromEnv(source: TEnvSource = processEnv()): TDocumentStoreConfig {
  const parsed = parseEnv(ZDocumentStoreEnv, source);
  if (parsed.DOCUMENT_STORE === 's3') {
    return {
      kind: 's3',
      endpoint: parsed.S3_ENDPOINT!,
      bucket: parsed.S3_BUCKET!,
      region: parsed.S3_REGION,
      accessKeyId: parsed.S3_ACCESS_KEY_ID!,
      secretAccessKey: parsed.S3_SECRET_ACCESS_KEY!,
    };
  }
  return { kind: 'local', root: parsed.DOCUMENT_STORE_ROOT ?? path.join(parsed.DATA_DIR, 'files') };
}
