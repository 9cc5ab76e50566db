import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Money moves through billing: every Stripe call and every ledger posting is in lib/billing,
 * so nothing else may import the `stripe` SDK, not even for its types. The dev tools (the
 * Stripe emulator and its fixtures) and tests may.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.data', 'playwright-report', 'test-results']);
const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const STRIPE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]stripe(?:\/[^'"]*)?['"]/;

function isAllowed(relative: string): boolean {
  return relative.startsWith('lib/billing/') || relative.startsWith('dev/') || relative.startsWith('e2e/') || /\.(test|spec)\.[cm]?[jt]sx?$/.test(relative);
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) || entry.name.startsWith('.next') ? [] : sourceFiles(path.join(dir, entry.name));
    return entry.isFile() && SOURCE.test(entry.name) ? [path.join(dir, entry.name)] : [];
  });
}

function stripeImporters(): string[] {
  return sourceFiles(ROOT)
    .filter((file) => STRIPE_IMPORT.test(fs.readFileSync(file, 'utf8')))
    .map((file) => path.relative(ROOT, file).split(path.sep).join('/'));
}

describe('the stripe SDK', () => {
  it('is imported only in lib/billing, dev/ and tests', () => {
    const importers = stripeImporters();
    expect(importers).toContain('lib/billing/stripe-client.ts'); // the scan sees real imports
    expect(importers.filter((file) => !isAllowed(file))).toEqual([]);
  });

  it('recognises every way of importing it', () => {
    for (const line of [
      "import Stripe from 'stripe';",
      'import type Stripe from "stripe";',
      "const s = await import('stripe');",
      "require('stripe')",
      "import 'stripe';",
      "export { default } from 'stripe/cjs/stripe.cjs.node.js';",
    ]) {
      expect(STRIPE_IMPORT.test(line), line).toBe(true);
    }
    for (const line of ["import { stripe } from './stripe-client';", "import x from 'stripe-mock';", "const key = 'stripe';"]) {
      expect(STRIPE_IMPORT.test(line), line).toBe(false);
    }
  });
});
