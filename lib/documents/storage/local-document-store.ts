import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { DEFAULT_LOCAL_STORE_ROOT } from '@/lib/config/document-store-settings';
import { DocumentError } from '../document-error';
import { assertValidKey, type TDocumentStore, type TStoreData } from './document-store';

/**
 * Files under `root` (default `.data/files`), private to the server user. Writes go to
 * a temp file beside the target and are renamed into place, so a reader never sees a
 * half-written document and a crash mid-upload leaves no corrupt file behind.
 */
export function createLocalDocumentStore(options: { root?: string } = {}): TDocumentStore {
  const root = path.resolve(/*turbopackIgnore: true*/ options.root ?? DEFAULT_LOCAL_STORE_ROOT);

  const resolve = (key: string) => {
    assertValidKey(key);
    const full = path.join(/*turbopackIgnore: true*/ root, ...key.split('/'));
    const relative = path.relative(root, full);
    if (relative.startsWith('..') || path.isAbsolute(relative)) throw new Error(`Storage key escapes the store: ${key}`);
    return full;
  };

  return {
    async put(key, data) {
      const full = resolve(key);
      await mkdir(path.dirname(full), { recursive: true, mode: 0o700 });
      const temp = `${full}.${randomUUID()}.tmp`;
      try {
        await pipeline(toNodeReadable(data), createWriteStream(temp, { mode: 0o600 }));
        await rename(temp, full);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
    async get(key) {
      try {
        return await readFile(resolve(key));
      } catch (error) {
        throw notFoundOr(error);
      }
    },
    async stream(key) {
      return Readable.toWeb(await openRead(resolve(key))) as ReadableStream<Uint8Array>;
    },
    async readStream(key) {
      return openRead(resolve(key));
    },
    async delete(key) {
      await rm(resolve(key), { force: true });
    },
    async exists(key) {
      try {
        return (await stat(resolve(key))).isFile();
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
  };
}

/** Opened before returning, so a missing file is `not_found` now rather than an error event later. */
async function openRead(full: string): Promise<Readable> {
  let handle;
  try {
    handle = await open(full, 'r');
  } catch (error) {
    throw notFoundOr(error);
  }
  return handle.createReadStream();
}

function toNodeReadable(data: TStoreData): Readable {
  if (data instanceof Readable) return data;
  if (data instanceof Uint8Array) return Readable.from([data]);
  return Readable.fromWeb(data as NodeWebReadableStream<Uint8Array>);
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT';
}

function notFoundOr(error: unknown): unknown {
  return isMissing(error) ? new DocumentError('not_found', undefined, { cause: error }) : error;
}
