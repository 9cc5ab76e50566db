import { IppError } from '@/lib/ipp/ipp-error';

export const DEFAULT_IPP_PORT = 631;
export const DEFAULT_IPP_PATH = '/ipp/print';

export type TPrinterUri = {
  /** The URI sent as `printer-uri`: lower-case scheme and host, default path filled in. */
  uri: string;
  scheme: 'ipp' | 'ipps';
  /** Host name or IP address; IPv6 without brackets. */
  host: string;
  port: number;
  /** HTTP path (with any query) that IPP requests are POSTed to. */
  path: string;
  /** `host:port` as a shop owner would recognise it in a message. */
  address: string;
  /**
   * One printer, however its address was typed: `host:port/path` with the port always
   * explicit, repeated and trailing slashes dropped, and no scheme (`ipps` is IPP over TLS
   * on the same port, RFC 7472, so `ipp://` and `ipps://` name the same printer). What
   * keeps two shops from registering the same printer (`printers.address_key`).
   */
  key: string;
};

function invalid(message: string): IppError {
  return new IppError('invalid_uri', message);
}

/**
 * Validates a printer address typed by a shop owner. IPP runs over HTTP (`ipp` →
 * http, `ipps` → https), both on port 631 unless given. A bare host
 * (`ipp://192.168.1.20`) gets the IPP Everywhere path `/ipp/print` (PWG 5100.14),
 * which is where driverless printers answer; CUPS queues need their full
 * `/printers/<name>` path. Credentials in the URI are refused: they would end up in
 * logs and in the `printer-uri` attribute sent to the printer.
 */
export function parsePrinterUri(input: string): TPrinterUri {
  const text = input.trim();
  if (!text) throw invalid('Enter the printer address, for example ipp://192.168.1.20/ipp/print.');

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(`"${text}" is not a printer address. It should look like ipp://192.168.1.20/ipp/print.`);
  }

  const scheme = url.protocol.slice(0, -1).toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    throw invalid(
      `Printer addresses start with ipp:// or ipps://, not ${scheme}://. Try ${scheme === 'https' ? 'ipps' : 'ipp'}://${url.host}${url.pathname === '/' ? DEFAULT_IPP_PATH : url.pathname}.`,
    );
  }
  if (scheme !== 'ipp' && scheme !== 'ipps') {
    throw invalid(`Printer addresses start with ipp:// or ipps://, not ${scheme}:.`);
  }
  if (!url.hostname) throw invalid('The printer address has no host name or IP address after ipp://.');
  if (url.username || url.password) {
    throw invalid('Remove the user name and password from the printer address and enter them separately.');
  }
  if (url.hash) throw invalid('A printer address cannot contain "#".');

  const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const port = url.port ? Number(url.port) : DEFAULT_IPP_PORT;
  if (port < 1) throw invalid('The printer port must be between 1 and 65535.');
  const pathname = url.pathname === '' || url.pathname === '/' ? DEFAULT_IPP_PATH : url.pathname;
  const path = `${pathname}${url.search}`;
  const hostInUri = host.includes(':') ? `[${host}]` : host;
  const hostPort = port === DEFAULT_IPP_PORT ? hostInUri : `${hostInUri}:${port}`;

  return {
    uri: `${scheme}://${hostPort}${path}`,
    scheme,
    host,
    port,
    path,
    address: `${hostInUri}:${port}`,
    key: `${hostInUri.replace(/\.$/, '')}:${port}${keyPath(pathname)}${url.search}`,
  };
}

/** The path as the address key compares it: `//` collapsed, no trailing `/`. */
function keyPath(pathname: string): string {
  const collapsed = pathname.replace(/\/{2,}/g, '/');
  return collapsed.length > 1 ? collapsed.replace(/\/$/, '') : collapsed;
}
