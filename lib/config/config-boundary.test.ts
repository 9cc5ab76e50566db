import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PRODUCT_DIRS = ['lib', 'workers', 'app', 'db'];
const SOURCE = /\.(ts|tsx|js|mjs|cjs)$/;
/** `process.env`, `process['env']`, `import … from 'node:process'`: every way in to the environment. */
const ENV_ACCESS = /\bprocess\s*(\.\s*env\b|\[\s*['"`]env['"`]\s*\])|\bfrom\s+['"](node:)?process['"]|\brequire\(\s*['"](node:)?process['"]\s*\)|\bimport\(\s*['"](node:)?process['"]\s*\)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'migrations' ? [] : sourceFiles(relative);
    return SOURCE.test(entry.name) ? [relative] : [];
  });
}

/** Tests and their helpers (`testing/`, `fixtures/`) set up environments on purpose. */
const isTestSupport = (file: string) => /\.test\.tsx?$/.test(file) || /(^|\/)(testing|fixtures)\//.test(file);

describe('one settings module', () => {
  const files = PRODUCT_DIRS.flatMap(sourceFiles);

  it('finds the product code on disk', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('lib/config/parse-env.ts');
    expect(files).toContain('workers/main.ts');
  });

  it('recognises every way to read the environment', () => {
    for (const line of [
      'const a = process.env.X;',
      "const b = process['env'];",
      'const { env } = process . env;',
      "import { env } from 'node:process';",
      "import process from 'process';",
      "await import('node:process')",
    ]) {
      expect(line).toMatch(ENV_ACCESS);
    }
    expect('const environment = processEnv();').not.toMatch(ENV_ACCESS);
  });

  it('reads the environment only in lib/config', () => {
    const offenders = files.filter((file) => !file.startsWith('lib/config/') && !isTestSupport(file) && ENV_ACCESS.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(offenders, 'read settings through lib/config (add a schema there) instead of process.env').toEqual([]);
  });

  it('keeps lib/config a leaf: it imports only zod, Node built-ins and itself', () => {
    const imports = files
      .filter((file) => file.startsWith('lib/config/') && !isTestSupport(file))
      .flatMap((file) => [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g)].map((match) => `${file}: ${match[1]}`));
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((entry) => !/: (zod|node:[\w/]+|\.\/[\w./-]+|@\/lib\/config\/[\w./-]+)$/.test(entry))).toEqual([]);
  });
});
