import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeIppResponse, encodeIppRequest } from '@/lib/ipp/ipp-codec';
import { colorDuplexPdfPrinter, monoRasterPrinter } from './printer-presets';
import type { TPrinterSpecInput } from './printer-spec';
import { startPrinter } from './start-printer';

/**
 * Records real Get-Printer-Attributes answers of the dev printers as the unit-test
 * fixtures in lib/ipp/fixtures/: the raw response (base64, with ippeveprinter's
 * duplicate and out-of-band attributes) and its decoded printer attributes.
 * Run: npx tsx dev/printers/capture-ipp-fixtures.ts
 */
const FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../lib/ipp/fixtures');

const FIXTURES: { file: string; preset: string; spec: (spoolDir: string) => TPrinterSpecInput }[] = [
  {
    file: 'color-duplex-pdf.json',
    preset: 'color-duplex-pdf',
    spec: (spoolDir) =>
      colorDuplexPdfPrinter({
        name: 'Fixture Colour',
        port: 18680,
        spoolDir,
        location: 'Back office, first floor',
        geoLocation: { lat: 48.8566, lon: 2.3522 },
        firmware: '3.2.1',
      }),
  },
  {
    file: 'mono-raster.json',
    preset: 'mono-raster',
    spec: (spoolDir) => monoRasterPrinter({ name: 'Fixture Mono', port: 18681, spoolDir }),
  },
];

async function capture(uri: string): Promise<Buffer> {
  const body = encodeIppRequest({
    operation: 'Get-Printer-Attributes',
    requestId: 1,
    operationAttributes: {
      'attributes-charset': 'utf-8',
      'attributes-natural-language': 'en',
      'printer-uri': uri,
      'requested-attributes': ['all', 'media-col-database'],
    },
  });
  const response = await fetch(uri.replace(/^ipp:/, 'http:'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/ipp' },
    body: new Uint8Array(body),
  });
  return Buffer.from(await response.arrayBuffer());
}

async function main(): Promise<void> {
  const spoolRoot = await mkdtemp(path.join(os.tmpdir(), 'nearprint-fixtures-'));
  try {
    for (const fixture of FIXTURES) {
      const printer = await startPrinter(fixture.spec(path.join(spoolRoot, fixture.preset)));
      try {
        const raw = await capture(printer.uri);
        const content = {
          source: `ippeveprinter (${printer.spec.name}) started by dev/printers with preset ${fixture.preset}`,
          request: 'Get-Printer-Attributes, requested-attributes=all,media-col-database',
          responseBase64: raw.toString('base64'),
          printerAttributes: decodeIppResponse(raw).printerAttributes,
        };
        await writeFile(path.join(FIXTURES_DIR, fixture.file), `${JSON.stringify(content, null, 2)}\n`);
        console.log(`wrote lib/ipp/fixtures/${fixture.file} (${raw.length} bytes)`);
      } finally {
        await printer.stop();
      }
    }
  } finally {
    await rm(spoolRoot, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
