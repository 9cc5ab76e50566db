import type { Readable } from 'node:stream';

export type TStoreData = Uint8Array | ReadableStream<Uint8Array> | Readable;

/**
 * Where uploaded files, normalised PDFs and thumbnails live. Keys are chosen by the
 * platform (e.g. `documents/<id>/original`), never by a customer; `assertValidKey`
 * still refuses anything that could climb out of the store.
 */
export type TDocumentStore = {
  put(key: string, data: TStoreData): Promise<void>;
  /** The whole object; throws DocumentError `not_found` when it does not exist. */
  get(key: string): Promise<Buffer>;
  /** A web stream for HTTP responses; throws `not_found` when it does not exist. */
  stream(key: string): Promise<ReadableStream<Uint8Array>>;
  /**
   * A Node stream of the object, read as it is consumed (piping gives backpressure), for sending
   * a big converted file to a printer without holding it; throws `not_found` when it does not exist.
   */
  readStream(key: string): Promise<Readable>;
  /** Deleting a missing object is not an error (retention runs may repeat). */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
};

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const MAX_KEY_LENGTH = 512;
const MAX_DEPTH = 8;

/**
 * A key is 1–8 `/`-separated segments of letters, digits, `.`, `_` and `-`, each
 * starting with a letter or digit: no `..`, no absolute paths, no backslashes, no
 * empty segments, nothing a filesystem or an S3 URL would interpret.
 */
export function assertValidKey(key: string): void {
  const segments = key.split('/');
  const isValid = key.length <= MAX_KEY_LENGTH && segments.length <= MAX_DEPTH && segments.every((s) => SEGMENT.test(s));
  if (!isValid) throw new Error(`Invalid storage key: ${JSON.stringify(key.slice(0, 80))}`);
}
