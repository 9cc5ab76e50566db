import path from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

/** Where the server is, for error messages, without the password. */
function describeServer(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}

/**
 * Applies committed drizzle-kit migrations. Checks for PostGIS first so that a server
 * without it gets a message that says how to fix it, not a bare "extension not found".
 */
export async function migrateDatabase(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
  try {
    const [row] = await sql<{ available: boolean }[]>`
      select exists(select 1 from pg_available_extensions where name = 'postgis') as available`;
    if (!row.available) {
      throw new Error(
        `PostGIS is not installed on the PostgreSQL server at ${describeServer(url)}. ` +
          'Nearprint stores shop locations as PostGIS geography. Install it for your server version ' +
          '(Debian/Ubuntu: `apt install postgresql-15-postgis-3`), or unset DATABASE_URL to use the embedded database.',
      );
    }
    await migrate(drizzle(sql), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { databaseUrl } = await import('@/lib/config/env');
  migrateDatabase(databaseUrl())
    .then(() => console.log('Migrations applied.'))
    .catch((error: Error) => {
      console.error(error.message);
      process.exit(1);
    });
}
