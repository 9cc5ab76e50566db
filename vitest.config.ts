import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = { '@': fileURLToPath(new URL('.', import.meta.url)) };

/**
 * Two projects: `unit` (pure code, runs anywhere, fast) and `integration`
 * (real PostgreSQL/PGlite, real printers, real Ghostscript; files named *.int.test.ts).
 * Integration files share one database per run, so they run one file at a time.
 */
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['{lib,db,workers,dev,app}/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
          // Some unit tests parse every source file or load the whole gazetteer: room for a busy machine.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['{lib,db,workers,dev,app}/**/*.int.test.ts'],
          exclude: ['node_modules/**'],
          environment: 'node',
          globalSetup: ['./dev/test-support/integration-global-setup.ts'],
          fileParallelism: false,
          // Generous: the exactly-once and money tests must hold on a loaded machine; correctness is judged by what happened, never by how fast.
          testTimeout: 240_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
