import path from 'node:path';
import madge from 'madge';
import { describe, expect, it } from 'vitest';

const LIB = path.resolve(__dirname);

/** The folders of lib/: one per pipeline stage, plus the shared leaves they build on. */
const STAGES = ['documents', 'quote', 'search', 'orders', 'billing', 'convert', 'dispatch', 'shop-queue', 'retention'];
const SHARED = ['print-jobs', 'shops', 'printers', 'agent', 'admin', 'auth', 'alerts', 'notify', 'raster', 'webhooks', 'api-keys', 'shop-api'];
const LEAVES = ['config', 'errors', 'events', 'money', 'job-options', 'ipp', 'pause-points', 'text', 'mail', 'outbox'];

/** lib/'s import graph with each file replaced by its top folder (test code and fixtures left out). */
async function folderGraph(): Promise<Map<string, Map<string, string[]>>> {
  const result = await madge(LIB, {
    fileExtensions: ['ts', 'tsx'],
    tsConfig: path.resolve(LIB, '../tsconfig.json'),
    excludeRegExp: [/\.test\.ts$/, /(^|\/)testing\//, /(^|\/)fixtures\//],
  });
  const graph = new Map<string, Map<string, string[]>>();
  for (const [from, targets] of Object.entries(result.obj())) {
    const source = from.split('/')[0];
    for (const to of targets) {
      const target = to.split('/')[0];
      if (to.startsWith('..') || target === source || !to.includes('/')) continue;
      if (!graph.has(source)) graph.set(source, new Map());
      const edges = graph.get(source)!;
      edges.set(target, [...(edges.get(target) ?? []), `${from} → ${to}`]);
    }
  }
  return graph;
}

function findCycle(graph: Map<string, Map<string, string[]>>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'visiting') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('lib/ architecture', () => {
  it('has only the known folders, one per pipeline stage plus shared leaves', async () => {
    const { readdirSync } = await import('node:fs');
    const folders = readdirSync(LIB, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(folders).toEqual([...STAGES, ...SHARED, ...LEAVES].sort());
  });

  it('has no import cycle between its folders', async () => {
    const graph = await folderGraph();
    const cycle = findCycle(graph);
    const explain = cycle ? cycle.slice(1).map((to, i) => `${cycle[i]} → ${to}: ${graph.get(cycle[i])!.get(to)!.slice(0, 3).join('; ')}`) : [];
    expect(explain).toEqual([]);
  }, 180_000);

  it('keeps the leaves leaves: they import no other lib folder', async () => {
    const graph = await folderGraph();
    const leafImports = LEAVES.flatMap((leaf) =>
      [...(graph.get(leaf)?.entries() ?? [])].filter(([target]) => !LEAVES.includes(target) || target === leaf).map(([target, why]) => `${leaf} → ${target}: ${why[0]}`),
    );
    expect(leafImports).toEqual([]);
  }, 180_000);

  it('never imports Next.js from the domain', async () => {
    const result = await madge(LIB, { fileExtensions: ['ts', 'tsx'], tsConfig: path.resolve(LIB, '../tsconfig.json'), includeNpm: true, excludeRegExp: [/\.test\.ts$/] });
    const next = Object.entries(result.obj())
      .filter(([from]) => !from.startsWith('..'))
      .flatMap(([from, targets]) => targets.filter((t) => /node_modules\/next\//.test(t)).map((t) => `${from} → ${t}`));
    expect(next).toEqual([]);
  }, 180_000);
});
