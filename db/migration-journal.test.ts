import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const folder = fileURLToPath(new URL('./migrations/', import.meta.url));
const journal = JSON.parse(readFileSync(`${folder}meta/_journal.json`, 'utf8')) as { entries: { idx: number; when: number; tag: string }[] };

describe('the migration journal', () => {
  // drizzle's migrator applies a migration only if its `when` is later than the last one the
  // database has applied: one dated earlier than its predecessor (as branches merged with
  // renumbered migrations can leave it) is skipped for good on every existing database.
  it('dates every migration later than the one before it', () => {
    for (let i = 1; i < journal.entries.length; i++) {
      expect(journal.entries[i].when, `${journal.entries[i].tag} is dated before ${journal.entries[i - 1].tag}`).toBeGreaterThan(journal.entries[i - 1].when);
    }
  });

  it('numbers them in order, one SQL file each', () => {
    expect(journal.entries.map((e) => e.idx)).toEqual(journal.entries.map((_, i) => i));
    const files = readdirSync(folder).filter((f) => f.endsWith('.sql'));
    expect(files.sort()).toEqual(journal.entries.map((e) => `${e.tag}.sql`));
  });
});
