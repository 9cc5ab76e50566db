import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { PRINTER_PRESETS } from './printer-presets';
import { startPrinter } from './start-printer';

const USAGE = `Usage: tsx dev/printers/cli.ts --config printers.json

printers.json is an array of printer specs (see dev/printers/printer-spec.ts); an entry
may name a preset ("color-duplex-pdf" or "mono-raster") that its other fields override:
  [{ "preset": "color-duplex-pdf", "name": "Front desk", "port": 18631, "spoolDir": ".data/spool/front" }]
The printers run until Ctrl-C.`;

/** Only what the CLI itself needs is checked here; startPrinter validates the full spec. */
const ZConfigEntry = z.looseObject({
  preset: z.enum(['color-duplex-pdf', 'mono-raster']).optional(),
  name: z.string(),
  spoolDir: z.string(),
});

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { config: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help || !values.config) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 1);
  }
  const entries = z.array(ZConfigEntry).parse(JSON.parse(await readFile(values.config, 'utf8')));
  for (const { preset, ...spec } of entries) {
    const handle = await startPrinter(preset ? PRINTER_PRESETS[preset](spec) : spec);
    console.log(`${handle.spec.name}\t${handle.uri}\t${handle.spoolDir}`);
  }
  // startPrinter's exit hooks stop every printer on Ctrl-C; until then, stay up.
  setInterval(() => {}, 1 << 30);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
