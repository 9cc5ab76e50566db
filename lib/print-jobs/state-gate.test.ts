import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
/** The gate itself, and job creation (which sets the first state, not a change). */
const ALLOWED = new Set(['lib/print-jobs/transition-job.ts', 'lib/print-jobs/create-print-job.ts']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'testing' || entry.name.startsWith('.') ? [] : sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

/** Does this call chain start from `.update(printJobs)` or `.insert(printJobs)`? */
function targetsPrintJobs(node: ts.Expression, method: 'update' | 'insert'): boolean {
  let current: ts.Expression = node;
  while (ts.isCallExpression(current) || ts.isPropertyAccessExpression(current)) {
    if (ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression) && current.expression.name.text === method) {
      const [table] = current.arguments;
      if (table && ts.isIdentifier(table) && table.text === 'printJobs') return true;
    }
    current = ts.isCallExpression(current) ? current.expression : current.expression;
  }
  return false;
}

const hasStateProperty = (node: ts.Node | undefined) =>
  !!node && ts.isObjectLiteralExpression(node) && node.properties.some((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name.getText() === 'state');

/** Every place in `code` that writes print_jobs.state: drizzle `.update(printJobs).set({ state })`, inserts with a state, raw SQL. */
export function findStateWrites(code: string, fileName = 'file.ts'): string[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const where = (node: ts.Node) => `${fileName}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      if (method === 'set' && targetsPrintJobs(node.expression.expression, 'update') && hasStateProperty(node.arguments[0])) found.push(`${where(node)} update(printJobs).set({ state })`);
      if (method === 'values' && targetsPrintJobs(node.expression.expression, 'insert') && hasStateProperty(node.arguments[0])) found.push(`${where(node)} insert(printJobs) with a state`);
    }
    if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node) || ts.isStringLiteral(node)) {
      // `state =` in the SET list, not in the WHERE that follows it (a write that only selects by state).
      if (/update\s+print_jobs\b[\s\S]*?\bset\b(?:(?!\bwhere\b)[\s\S])*?\bstate\s*=/i.test(node.getText())) found.push(`${where(node)} raw SQL update of print_jobs.state`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('one gate for print job state', () => {
  it('finds state writes in all their shapes (so the next test cannot pass by missing them)', () => {
    expect(findStateWrites(`await tx.update(printJobs).set({ state: 'queued', leaseOwner: null }).where(eq(printJobs.id, id));`)).toHaveLength(1);
    expect(findStateWrites(`await db.update(printJobs).set({ state }).where(x);`)).toHaveLength(1);
    expect(findStateWrites(`await tx.insert(printJobs).values({ id, state: 'queued' });`)).toHaveLength(1);
    expect(findStateWrites("await db.execute(sql`update print_jobs set lease_owner = null, state = 'queued' where id = ${id}`);")).toHaveLength(1);
    expect(findStateWrites(`await tx.update(printJobs).set({ leaseOwner: null }).where(eq(printJobs.state, 'queued'));`)).toEqual([]);
    expect(findStateWrites("await tx.execute(sql`update print_jobs set run_after = now() where shop_id = ${id} and state = 'queued'`);")).toEqual([]);
    expect(findStateWrites(`await tx.update(orders).set({ state: 'x' });`)).toEqual([]);
  });

  it('no file but the gate (transition-job.ts) changes print_jobs.state', () => {
    const writes = ['lib', 'app', 'workers', 'db']
      .flatMap(sourceFiles)
      .filter((file) => !ALLOWED.has(file))
      .flatMap((file) => findStateWrites(fs.readFileSync(path.join(ROOT, file), 'utf8'), file));
    expect(writes).toEqual([]);
    // Parses every source file: room for a loaded machine.
  }, 60_000);
});
