import type { TestProject } from 'vitest/node';
import { LOCAL_PRINTER_NETWORKS, LOCAL_PRINTER_PORTS } from '../stack/local-printer-network';
import { startTestDatabase } from './test-database';

/**
 * One migrated database for the whole integration run; test files run one at a time
 * and each cleans up what it creates. Its URL reaches the test processes as DATABASE_URL.
 */
export default async function setup(project: TestProject) {
  const database = await startTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_PREPARE = database.backend === 'pglite' ? 'false' : 'true';
  process.env.NEARPRINT_TEST_BACKEND = database.backend;
  // The test printers listen on loopback; tests of the address policy clear these themselves.
  process.env.PRINTER_ALLOWED_NETWORKS ??= LOCAL_PRINTER_NETWORKS;
  process.env.PRINTER_ALLOWED_PORTS ??= LOCAL_PRINTER_PORTS;
  project.provide('databaseBackend', database.backend);
  console.log(`[integration] database: ${database.backend}`);
  return async () => {
    await database.stop();
  };
}

declare module 'vitest' {
  // Declaration merging needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    databaseBackend: 'postgis' | 'pglite';
  }
}
