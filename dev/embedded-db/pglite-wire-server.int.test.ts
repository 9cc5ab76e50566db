import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@/dev/lib/free-port';
import { startEmbeddedDb, type TEmbeddedDb } from './start-embedded-db';

let embedded: TEmbeddedDb;
const clients: postgres.Sql[] = [];
const client = (max = 4) => {
  const sql = postgres(embedded.url, { max, prepare: false, onnotice: () => {} });
  clients.push(sql);
  return sql;
};

beforeAll(async () => {
  embedded = await startEmbeddedDb({ port: await freePort() });
  await client()`create table wire_test (id int primary key, v text)`;
  await client()`insert into wire_test values (1, 'one'), (2, 'two')`;
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end({ timeout: 1 })));
  await embedded.stop();
});

describe('the embedded database served to many clients', () => {
  it('never lets one client read inside another client’s transaction', async () => {
    const writerA = client();
    const writerB = client();
    const reader = client();
    let isRunning = true;
    const writers = [writerA, writerB].map(async (sql, i) => {
      while (isRunning) {
        await sql.begin(async (tx) => {
          await tx`update wire_test set v = ${`temp-${i}`} where id = 2`;
          await tx`update wire_test set v = 'two' where id = 2`;
        });
      }
    });
    let wrong = 0;
    for (let round = 0; round < 100; round++) {
      const [one, two] = await Promise.all([reader`select v from wire_test where id = 1`, reader`select v from wire_test where id = 2`]);
      if (one[0]?.v !== 'one' || two[0]?.v !== 'two') wrong++;
    }
    isRunning = false;
    await Promise.all(writers);
    expect(wrong).toBe(0);
  });

  it('rolls back and frees the database when a client vanishes mid-transaction', async () => {
    const doomed = client(1);
    const started = doomed
      .begin(async (tx) => {
        await tx`update wire_test set v = 'uncommitted' where id = 1`;
        await new Promise((r) => setTimeout(r, 60_000));
      })
      .catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    await doomed.end({ timeout: 0 });
    await started;
    const [row] = await client()`select v from wire_test where id = 1`;
    expect(row.v).toBe('one');
  });
});
