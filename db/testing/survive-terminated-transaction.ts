/**
 * Run as a child process by db/client.int.test.ts: a transaction whose server connection is
 * terminated mid-query (PgBouncer or PostgreSQL restarting). The transaction must fail with an
 * error the caller can catch, and the process must go on; unpatched postgres.js 3.4.9 died here
 * of an uncatchable TypeError (its ROLLBACK written to the closed socket).
 */
import { createClient } from '@/db/client';

const url = process.env.DATABASE_URL!;
const { sql } = createClient(url, { max: 2 });
const killer = createClient(url, { max: 1 });

let pid: number | null = null;
const transaction = sql.begin(async (tx) => {
  [{ pid }] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
  await tx`select pg_sleep(5)`;
});
while (pid === null) await new Promise((resolve) => setTimeout(resolve, 20));
await killer.sql`select pg_terminate_backend(${pid})`;
const failure = await transaction.then(
  () => 'committed',
  (error: { code?: string }) => error.code ?? 'error',
);
// A crash from the driver would land between these lines, in a setImmediate.
await new Promise((resolve) => setTimeout(resolve, 200));
const [after] = await sql<{ ok: number }[]>`select 1 as ok`;
console.log(JSON.stringify({ failure, afterwards: after.ok }));
await Promise.all([sql.end(), killer.sql.end()]);
