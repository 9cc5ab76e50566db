import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertOfficeToPdf, findOfficeCommand } from './convert-office-to-pdf';
import { makeDocx } from '@/lib/documents/fixtures/make-fixtures';

/**
 * LibreOffice is not installed here, so its command line is stood in for by scripts
 * that behave like `soffice --convert-to pdf --outdir DIR FILE` (writes DIR/<name>.pdf),
 * hang, or fail, to test the wrapper: temp dir, timeout, clean-up, errors.
 */
const SCRIPTS = {
  converts: `#!/bin/sh
while [ "$1" != "--outdir" ]; do shift; done
out="$2"; input="$3"; name=$(basename "$input"); mkdir -p "$out"
printf '%%PDF-1.4\\n%%%%EOF\\n' > "$out/\${name%.*}.pdf"`,
  hangs: '#!/bin/sh\nsleep 30',
  fails: '#!/bin/sh\necho "Error: source file could not be loaded" >&2\nexit 1',
};

async function fakeOffice(behaviour: keyof typeof SCRIPTS): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `fake-soffice-${behaviour}-`));
  await writeFile(path.join(dir, 'soffice'), SCRIPTS[behaviour]);
  await chmod(path.join(dir, 'soffice'), 0o755);
  return dir;
}

const leftovers = async () => (await readdir(tmpdir())).filter((name) => name.startsWith('nearprint-office-'));

describe('convertOfficeToPdf', () => {
  const dirs: Record<string, string> = {};
  beforeAll(async () => {
    for (const behaviour of Object.keys(SCRIPTS) as (keyof typeof SCRIPTS)[]) dirs[behaviour] = await fakeOffice(behaviour);
  });
  afterAll(async () => {
    for (const dir of Object.values(dirs)) await rm(dir, { recursive: true, force: true });
  });

  it('refuses with office_unsupported when LibreOffice is not installed', async () => {
    expect(await findOfficeCommand('/nonexistent')).toBeNull();
    await expect(convertOfficeToPdf(makeDocx(), 'docx', { searchPath: '/nonexistent' })).rejects.toMatchObject({
      code: 'office_unsupported',
      message: expect.stringContaining('LibreOffice is not installed'),
    });
  });

  it('converts through soffice in a private temp dir and removes it', async () => {
    const before = await leftovers();
    const pdf = await convertOfficeToPdf(makeDocx(), 'docx', { searchPath: dirs.converts });
    expect(Buffer.from(pdf).toString('latin1')).toMatch(/^%PDF-1\.4/);
    expect(await leftovers()).toEqual(before);
  });

  it('kills a conversion that hangs and cleans up', async () => {
    const before = await leftovers();
    await expect(convertOfficeToPdf(makeDocx(), 'docx', { searchPath: dirs.hangs, timeoutMs: 300 })).rejects.toMatchObject({
      code: 'office_conversion_failed',
      message: expect.stringContaining('took too long'),
    });
    expect(await leftovers()).toEqual(before);
  });

  it('reports a failed conversion, keeping what soffice said for the logs', async () => {
    await expect(convertOfficeToPdf(makeDocx(), 'docx', { searchPath: dirs.fails })).rejects.toMatchObject({
      code: 'office_conversion_failed',
      details: expect.stringContaining('could not be loaded'),
    });
  });
});
