/**
 * After the e2e suite: the stack it started (dev/run.ts --e2e) must be gone, web instances
 * included. A web server orphaned by an unclean shutdown keeps the port, and the next run
 * fails to start, or worse, tests the old build.
 *
 *   tsx dev/test-support/assert-stack-stopped.ts
 */
import { isListening } from '@/dev/lib/free-port';
import { E2E_TILE_SERVER_PORT_OFFSET, E2E_TILES_PORT_OFFSET } from '@/dev/stack/e2e-ports';

const webPort = Number(process.env.E2E_PORT ?? 3100);
const ports = [webPort, webPort + E2E_TILES_PORT_OFFSET, webPort + E2E_TILE_SERVER_PORT_OFFSET];
const stillOpen = [];
for (const port of ports) if (await isListening(port)) stillOpen.push(port);
if (stillOpen.length) {
  console.error(`The e2e stack left something listening on ${stillOpen.map((p) => `127.0.0.1:${p}`).join(', ')} after it was stopped.`);
  process.exit(1);
}
console.log(`The e2e stack stopped cleanly (nothing on ${ports.join(', ')}).`);
