import { z } from 'zod';

/**
 * Where a live stream is in the events table: after the event (tx, id). Event ids are taken
 * when a row is inserted, but transactions commit in any order, so a reader going by id alone
 * would pass id 12 and never send 11 when 11's transaction commits a moment later. Streams
 * therefore read only events of transactions that have ended (older than the oldest one still
 * running, pg_snapshot_xmin), in (tx, id) order: whatever commits later sorts after the cursor.
 */
export type TEventCursor = { tx: string; id: number };

/** Before every event. */
export const EVENT_STREAM_START: TEventCursor = { tx: '0', id: 0 };

/** As sent in the stream's `id:` field (the browser's Last-Event-ID) and in a page's `after=`. */
export function formatEventCursor(cursor: TEventCursor): string {
  return `${cursor.tx}-${cursor.id}`;
}

/** "tx-id": a transaction id (xid8 is 64-bit) and an event id. */
export const ZEventCursor = z
  .string()
  .regex(/^\d{1,20}-\d{1,16}$/, 'Not a live-stream position.')
  .transform((text): TEventCursor => {
    const [tx, id] = text.split('-');
    return { tx: BigInt(tx).toString(), id: Number(id) };
  })
  .refine((cursor) => BigInt(cursor.tx) < 2n ** 64n && Number.isSafeInteger(cursor.id), 'Not a live-stream position.');

/** What a client may send back: a cursor, or a bare event id (what streams sent before cursors). */
export const ZEventPosition = z.union([
  ZEventCursor,
  z
    .string()
    .regex(/^\d{1,16}$/)
    .transform(Number),
]);
export type TEventPosition = z.output<typeof ZEventPosition>;
