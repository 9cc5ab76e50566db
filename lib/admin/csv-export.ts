import { stringify } from 'csv-stringify/sync';
import { minorToDecimalString } from '@/lib/money/money';

/** A column of an export: `text` cells are guarded against spreadsheet formulas, `number` cells are written as they are. */
export type TCsvColumn<TRow> = { header: string; kind: 'text' | 'number'; value: (row: TRow) => string | number | null | undefined };

/** Rows are read from the database this many at a time, so an export of any size streams in bounded memory. */
export const CSV_BATCH_ROWS = 500;

/**
 * A text cell a spreadsheet would run as a formula (=, +, -, @, or a leading tab or carriage
 * return: "CSV injection") gets a leading apostrophe, which spreadsheets show as plain text.
 * A customer's name or a shop's name is typed by anyone, and admins open these files.
 */
export function guardCsvText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cell<TRow>(column: TCsvColumn<TRow>, row: TRow): string | number {
  const value = column.value(row);
  if (value === null || value === undefined) return '';
  if (column.kind === 'number') return value;
  return guardCsvText(String(value));
}

/**
 * An export as a byte stream: the header line, then each batch of rows as the database hands
 * them over (`batches` pages through with a keyset), quoted by csv-stringify (RFC 4180). A
 * UTF-8 byte order mark first, so Excel reads names with accents correctly.
 */
export function csvStream<TRow>(columns: readonly TCsvColumn<TRow>[], batches: AsyncIterable<TRow[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let isHeaderSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!isHeaderSent) {
        isHeaderSent = true;
        controller.enqueue(encoder.encode(`\uFEFF${stringify([columns.map((c) => c.header)])}`));
        return;
      }
      // An empty batch enqueues nothing, and a pull that enqueues nothing is not called again: read on.
      for (;;) {
        const next = await iterator.next();
        if (next.done) {
          controller.close();
          return;
        }
        if (!next.value.length) continue;
        controller.enqueue(encoder.encode(stringify(next.value.map((row) => columns.map((column) => cell(column, row))))));
        return;
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** Money as a plain decimal in the currency's own digits ("12.50", "-3.00", "1200" for yen), which spreadsheets sum; the currency is a column of its own. */
export function csvMoney(minor: number | null | undefined, currency: string): string | null {
  if (minor === null || minor === undefined) return null;
  return minorToDecimalString(minor, currency);
}

/** Timestamps in ISO 8601 UTC, which every spreadsheet and script reads the same way. */
export function csvTime(at: Date | null | undefined): string | null {
  return at ? at.toISOString() : null;
}

/** `nearprint-orders-2026-12-06.csv`: what it is and when it was taken. */
export function csvFilename(what: string, at = new Date()): string {
  return `nearprint-${what}-${at.toISOString().slice(0, 10)}.csv`;
}
