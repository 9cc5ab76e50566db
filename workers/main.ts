/**
 * The Nearprint worker: one process that runs the background loops (document inspection,
 * printing, printer polling, retention). Several can run at once; they coordinate only
 * through PostgreSQL.
 */
import { closeDb } from '@/db/client';

const HEARTBEAT_MS = 60_000;

async function main(): Promise<void> {
  console.log('Worker started; waiting for work.');
  const heartbeat = setInterval(() => console.log('Worker idle.'), HEARTBEAT_MS);
  const stop = async () => {
    clearInterval(heartbeat);
    await closeDb();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
