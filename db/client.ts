import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { databaseUrl, env } from '@/lib/config/env';
import * as schema from './schema';

export type TDatabase = PostgresJsDatabase<typeof schema>;
export type TSql = postgres.Sql;

type TClient = { sql: TSql; db: TDatabase; url: string };

const globalForDb = globalThis as unknown as { nearprintDb?: TClient };

/** Opens a client for a given URL (migrations, tests, benchmarks use their own). */
export function createClient(url: string, options: { max?: number } = {}): TClient {
  const sql = postgres(url, {
    max: options.max ?? 10,
    prepare: env().DATABASE_PREPARE === 'true',
    onnotice: () => {},
    connection: { application_name: 'nearprint' },
  });
  return { sql, db: drizzle(sql, { schema }), url };
}

/**
 * The one client for the process. Created lazily so that importing a module never opens
 * a connection (Next.js imports route modules at build time).
 */
function client(): TClient {
  globalForDb.nearprintDb ??= createClient(databaseUrl());
  return globalForDb.nearprintDb;
}

export const db: TDatabase = new Proxy({} as TDatabase, {
  get: (_target, prop) => {
    const real = client().db;
    const value = Reflect.get(real, prop);
    return typeof value === 'function' ? value.bind(real) : value;
  },
});

export function rawSql(): TSql {
  return client().sql;
}

export async function closeDb(): Promise<void> {
  const current = globalForDb.nearprintDb;
  globalForDb.nearprintDb = undefined;
  await current?.sql.end({ timeout: 5 });
}
