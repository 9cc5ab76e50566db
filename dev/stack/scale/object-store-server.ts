/**
 * The scale stack's S3-compatible object store on loopback: s3rver, which keeps objects as
 * files under --directory and checks SigV4 signatures like S3 (access key and secret both
 * `S3RVER`), so the app reaches it through the same code path as a real bucket
 * (lib/documents/storage/s3-document-store.ts). Its data survives a restart.
 *
 *   tsx dev/stack/scale/object-store-server.ts --port 9000 --directory DIR --bucket nearprint
 */
import { parseArgs } from 'node:util';
import S3rver from 's3rver';

const { values: args } = parseArgs({ options: { port: { type: 'string' }, directory: { type: 'string' }, bucket: { type: 'string' } } });
if (!args.port || !args.directory || !args.bucket) {
  console.error('usage: object-store-server.ts --port PORT --directory DIR --bucket NAME');
  process.exit(2);
}
const server = new S3rver({ address: '127.0.0.1', port: Number(args.port), directory: args.directory, silent: true, configureBuckets: [{ name: args.bucket }] });
await server.run();
console.log(`S3-compatible object store (s3rver) on http://127.0.0.1:${args.port}, bucket ${args.bucket}, files in ${args.directory}`);
// At once, keep-alive connections included (a graceful close would wait for the clients to let
// go): an outage as the app meets it. Stored objects stay on disk for the next start; a request
// cut off mid-way fails for the app, as it would against a real store.
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
