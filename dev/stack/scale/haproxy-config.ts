/**
 * HAProxy's configuration for the scale stack: round robin over the web instances with no
 * stickiness (no cookie, no source hashing), so consecutive requests of one browser land on
 * different instances; a health check takes a dead instance out within two seconds and a
 * restarted one back in; SSE streams (/api/orders/…/events) may stay open for an hour.
 */
export type THaproxyConfigInput = { port: number; host?: string; backends: { name: string; port: number }[] };

/** What HAProxy asks each instance: a public route that needs no session and touches no database. */
export const HEALTH_CHECK_PATH = '/api/v1/openapi.json';

export function haproxyConfig(input: THaproxyConfigInput): string {
  return [
    'global',
    '  maxconn 4096',
    '',
    'defaults',
    '  mode http',
    '  timeout connect 5s',
    '  timeout http-request 30s',
    '  timeout queue 30s',
    // SSE: a live order page holds its stream open; without long client/server/tunnel timeouts HAProxy would cut it.
    '  timeout client 1h',
    '  timeout server 1h',
    '  timeout tunnel 1h',
    // A request that cannot reach an instance (killed a moment ago) is sent to another; only connection failures are retried.
    '  retries 3',
    '  option redispatch 1',
    // The app trusts one proxy hop (TRUSTED_PROXY_HOPS=1) for the client address.
    '  option forwardfor',
    '',
    'frontend nearprint',
    `  bind ${input.host ?? '127.0.0.1'}:${input.port}`,
    '  default_backend web',
    '',
    'backend web',
    '  balance roundrobin',
    // Which instance answered: tests and the benchmark see the requests spread.
    '  http-response set-header X-Served-By %[srv_name]',
    `  option httpchk GET ${HEALTH_CHECK_PATH}`,
    '  http-check expect status 200',
    '  default-server inter 1s fall 2 rise 1',
    ...input.backends.map((backend) => `  server ${backend.name} 127.0.0.1:${backend.port} check`),
    '',
  ].join('\n');
}
