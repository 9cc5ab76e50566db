import { describe, expect, it } from 'vitest';
import { csvMoney, csvStream, guardCsvText, type TCsvColumn } from './csv-export';

/** The file's text after its UTF-8 byte order mark, which it must start with. */
async function textOf(stream: ReadableStream<Uint8Array>): Promise<string> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder().decode(bytes.subarray(3));
}

async function* batchesOf<T>(...batches: T[][]) {
  for (const batch of batches) yield batch;
}

type TRow = { name: string; amount: number };
const COLUMNS: TCsvColumn<TRow>[] = [
  { header: 'Name', kind: 'text', value: (r) => r.name },
  { header: 'Amount', kind: 'number', value: (r) => csvMoney(r.amount, 'EUR') },
];

describe('csv export', () => {
  it('guards cells a spreadsheet would run as a formula, and leaves the rest alone', () => {
    for (const hostile of ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) expect(guardCsvText(hostile)).toBe(`'${hostile}`);
    for (const plain of ['Copy Corner', 'NP-7K3F9Q', 'a=b', '']) expect(guardCsvText(plain)).toBe(plain);
  });

  it('writes a BOM and the header, then every batch, quoting commas, quotes and line breaks (RFC 4180)', async () => {
    const text = await textOf(csvStream(COLUMNS, batchesOf([{ name: 'Smith, "Jo"', amount: 1250 }], [], [{ name: 'line\nbreak', amount: -300 }])));
    expect(text).toBe('Name,Amount\n"Smith, ""Jo""",12.50\n"line\nbreak",-3.00\n');
  });

  it('keeps negative money as a number, guards only text, and writes no cell for null', async () => {
    const columns: TCsvColumn<{ v: string | null }>[] = [
      { header: 'Text', kind: 'text', value: (r) => r.v },
      { header: 'Money', kind: 'number', value: () => csvMoney(-500, 'EUR') },
    ];
    const text = await textOf(csvStream(columns, batchesOf([{ v: '=1+1' }, { v: null }])));
    expect(text.split('\n')).toEqual(['Text,Money', "'=1+1,-5.00", ',-5.00', '']);
  });

  it('writes money in the currency’s own digits', () => {
    expect(csvMoney(1200, 'JPY')).toBe('1200');
    expect(csvMoney(1200, 'EUR')).toBe('12.00');
    expect(csvMoney(null, 'EUR')).toBeNull();
  });

  it('reads the next batch only when the reader asks for more (it streams)', async () => {
    let batchesRead = 0;
    async function* counting() {
      for (let i = 0; i < 100; i++) {
        batchesRead += 1;
        yield [{ name: `row ${i}`, amount: i }];
      }
    }
    const reader = csvStream(COLUMNS, counting()).getReader();
    await reader.read();
    await reader.read();
    expect(batchesRead).toBeLessThanOrEqual(3);
    await reader.cancel();
  });
});
