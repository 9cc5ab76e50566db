import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { printerAddressSettings } from '@/lib/config/printer-address-settings';
import { AppError } from '@/lib/errors/app-error';

/** Cloud instance metadata services: refused even inside an allowed network. */
const METADATA_ADDRESSES = ['169.254.169.254', '169.254.170.2', 'fd00:ec2::254', '100.100.100.200'].map((address) => ipaddr.parse(address).toNormalizedString());

export const WEBHOOK_URL_REFUSED = 'Nearprint only sends webhooks to public internet addresses: this address is private, loopback, link-local or otherwise not reachable from the internet.';

/**
 * The address rule for webhook receivers, the same as for printers the cloud connects to
 * (lib/ipp/printer-address-policy.ts): public unicast addresses, plus the networks the operator
 * opened with PRINTER_ALLOWED_NETWORKS (the demo and the tests open loopback there); cloud
 * metadata addresses never. Any port: receivers are web servers, not printers.
 */
export function isAllowedWebhookIp(address: string, allowedNetworks: string[] = printerAddressSettings().allowedNetworks): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.process(address);
  if (METADATA_ADDRESSES.includes(ip.toNormalizedString())) return false;
  if (ip.range() === 'unicast') return true;
  return allowedNetworks.some((cidr) => {
    const [network, prefix] = ipaddr.parseCIDR(cidr);
    return network.kind() === ip.kind() && ip.match(network, prefix);
  });
}

/**
 * Checks an endpoint URL when the owner saves it: http or https, no user name or password in
 * it, and a host that is an allowed address or a name (names are judged at each delivery, by
 * the addresses they resolve to then, so a name cannot be pointed inside later).
 */
export function parseWebhookUrl(input: string, allowedNetworks?: string[]): URL {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new AppError('bad_request', 'Enter the full address of your receiver, starting with https://.', { fieldErrors: { url: ['Not a URL'] } });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('bad_request', 'Webhook addresses start with https:// (or http://).', { fieldErrors: { url: ['Use https://'] } });
  if (url.username || url.password)
    throw new AppError('bad_request', 'Leave user names and passwords out of the address; verify the signature instead.', { fieldErrors: { url: ['No credentials in the URL'] } });
  if (url.hash) url.hash = '';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host) && !isAllowedWebhookIp(host, allowedNetworks)) throw new AppError('bad_request', WEBHOOK_URL_REFUSED, { fieldErrors: { url: ['Not a public address'] } });
  if (!ipaddr.isValid(host) && (host === 'localhost' || host.endsWith('.localhost')) && !isAllowedWebhookIp('127.0.0.1', allowedNetworks))
    throw new AppError('bad_request', WEBHOOK_URL_REFUSED, { fieldErrors: { url: ['Not a public address'] } });
  return url;
}

/**
 * A `lookup` for node:http(s) that resolves the receiver's name once and refuses it unless
 * every address it has is allowed; the connection then goes to the checked address, so a second
 * lookup (DNS rebinding) cannot swap in another. IP literals skip lookup, so the sender checks
 * them itself (isAllowedWebhookIp) before connecting.
 */
export function checkedLookup(allowedNetworks: string[]): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, verbatim: true })
      .then((entries) => {
        if (!entries.length || !entries.every((entry) => isAllowedWebhookIp(entry.address, allowedNetworks))) {
          callback(Object.assign(new Error(WEBHOOK_URL_REFUSED), { code: 'EADDRNOTALLOWED' }), '', 4);
          return;
        }
        const wanted = options.family === 6 || options.family === 4 ? entries.filter((entry) => entry.family === options.family) : entries;
        const chosen = wanted[0] ?? entries[0];
        if (options.all) (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address: chosen.address, family: chosen.family }]);
        else callback(null, chosen.address, chosen.family);
      })
      .catch((error: Error) => callback(error as NodeJS.ErrnoException, '', 4));
  };
}
