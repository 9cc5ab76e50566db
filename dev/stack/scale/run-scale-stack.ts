/**
 * `npm run stack:scale`: the scale-out stack (start-scale-stack.ts) on this machine until
 * Ctrl+C, with the demo's data and sign-ins. Settings (all optional):
 *   SCALE_LB_PORT (3600)       where the load balancer listens: http://localhost:3600
 *   SCALE_WEB_INSTANCES (2)    next start instances behind it
 *   SCALE_WORKERS (3)          workers
 *   SCALE_PRINTERS             the first N demo printers (default the whole demo fleet)
 *   SCALE_DATABASE_NAME        (nearprint_scale) created afresh on SCALE_DATABASE_URL
 *   SCALE_DATABASE_URL         (postgres://postgres@127.0.0.1:5432/postgres) a PostgreSQL + PostGIS server
 *   SCALE_DATA_DIR             (.data/scale) configs, object store files, spools, mail; emptied at start
 */
import path from 'node:path';
import { z } from 'zod';
import { demoBanner } from '../demo-services';
import { startScaleStack, type TScaleStack } from './start-scale-stack';

const count = (min: number) => z.coerce.number().int().min(min).optional();
const settings = z
  .object({
    SCALE_LB_PORT: z.coerce.number().int().min(1).max(65535).default(3600),
    SCALE_WEB_INSTANCES: count(1),
    SCALE_WORKERS: count(0),
    SCALE_PRINTERS: count(1),
    SCALE_DATABASE_NAME: z.string().default('nearprint_scale'),
    SCALE_DATA_DIR: z.string().default(path.join('.data', 'scale')),
  })
  .parse(Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== '')));

let stack: TScaleStack | undefined;
let isStopping = false;
async function shutdown(code: number): Promise<never> {
  if (!isStopping) {
    isStopping = true;
    console.log('Stopping the scale stack…');
    await stack?.stop();
  }
  process.exit(code);
}
// `on`, not `once`: see dev/run.ts (the printers' handler re-raises the signal when it finds itself alone).
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  stack = await startScaleStack({
    lbPort: settings.SCALE_LB_PORT,
    publicHost: 'localhost',
    webInstances: settings.SCALE_WEB_INSTANCES,
    workers: settings.SCALE_WORKERS,
    printers: settings.SCALE_PRINTERS,
    databaseName: settings.SCALE_DATABASE_NAME,
    keepDatabase: true,
    dataDir: settings.SCALE_DATA_DIR,
  });
  console.log(
    demoBanner({
      appUrl: stack.url,
      dataDir: stack.dataDir,
      lines: [
        `(HAProxy, round robin, no sticky sessions, over ${stack.webUrls.join(', ')})`,
        `${stack.workers.length} workers; database ${stack.pooledDatabaseUrl} through PgBouncer (transaction mode)`,
        `documents in the S3 bucket ${stack.s3.bucket} at ${stack.s3.endpoint}`,
      ],
    }),
  );
} catch (error) {
  console.error(`\nThe scale stack could not start: ${(error as Error).message}`);
  await shutdown(1);
}
