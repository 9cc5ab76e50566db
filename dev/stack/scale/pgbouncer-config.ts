/**
 * PgBouncer's configuration for the scale stack: transaction pooling in front of one database.
 * Transaction mode hands a server connection to a client for one transaction only, which is
 * why every app process runs with DATABASE_PREPARE=false (Debian 12's PgBouncer 1.18 cannot
 * carry named prepared statements across server connections) and the worker's LISTEN goes
 * straight to PostgreSQL (DATABASE_LISTEN_URL).
 */
export type TPgbouncerConfigInput = {
  port: number;
  /** The PostgreSQL server behind it (user, password, host, port are taken from here). */
  serverUrl: string;
  databaseName: string;
  authFile: string;
  /** Server connections per database and user: what PostgreSQL sees at most (plus the reserve). */
  poolSize?: number;
};

/** `key=value` in a connection string of PgBouncer's [databases] section; values quoted when they hold spaces. */
function connectionValue(value: string): string {
  return /[\s']/.test(value) ? `'${value.replace(/'/g, "\\'")}'` : value;
}

export function pgbouncerConfig(input: TPgbouncerConfigInput): string {
  const server = new URL(input.serverUrl);
  const target = [
    `host=${connectionValue(server.hostname)}`,
    `port=${server.port || '5432'}`,
    `dbname=${connectionValue(input.databaseName)}`,
    `user=${connectionValue(decodeURIComponent(server.username || 'postgres'))}`,
    ...(server.password ? [`password=${connectionValue(decodeURIComponent(server.password))}`] : []),
  ].join(' ');
  return [
    '[databases]',
    `${input.databaseName} = ${target}`,
    '',
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${input.port}`,
    // No Unix socket: a second stack (or the Debian service) would collide on /tmp/.s.PGSQL.<port>.
    'unix_socket_dir =',
    'pool_mode = transaction',
    // Loopback only, and the server behind it authenticates PgBouncer itself; the user must still be listed in auth_file.
    'auth_type = trust',
    `auth_file = ${input.authFile}`,
    'admin_users = postgres',
    'stats_users = postgres',
    'max_client_conn = 2000',
    `default_pool_size = ${input.poolSize ?? 20}`,
    'reserve_pool_size = 5',
    // Transaction mode: nothing session-level to reset (DISCARD ALL would only cost a round trip).
    'server_reset_query =',
    // postgres.js may send these at start-up; PgBouncer would refuse the connection otherwise.
    'ignore_startup_parameters = extra_float_digits,options',
    'logfile =',
    'pidfile =',
    'log_connections = 0',
    'log_disconnections = 0',
    '',
  ].join('\n');
}

/** PgBouncer's auth_file: the one user the app connects as (trust mode ignores the password). */
export function pgbouncerAuthFile(serverUrl: string): string {
  const user = decodeURIComponent(new URL(serverUrl).username || 'postgres');
  return `"${user.replace(/"/g, '""')}" ""\n`;
}
