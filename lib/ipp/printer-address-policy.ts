import { lookup as dnsLookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { printerAddressSettings, type TPrinterAddressSettings } from '@/lib/config/printer-address-settings';
import { IppError } from '@/lib/ipp/ipp-error';

/**
 * Where an IPP request may connect:
 * - `cloud` (the default): Nearprint's own servers reaching a printer over the internet. Only
 *   public unicast addresses on the printer ports, plus what the operator opened with
 *   PRINTER_ALLOWED_NETWORKS and PRINTER_ALLOWED_PORTS; cloud metadata addresses never.
 * - `shop-network`: the shop agent (and the dev tools) on the printer's own network, which may
 *   reach any address: that is what the agent is for.
 */
export type TPrinterNetwork = 'cloud' | 'shop-network';

/**
 * The one answer for every refused address: it says why and what to do instead, and it is the
 * same whether the port is open, closed or filtered (nothing was connected to), so typing
 * addresses cannot map what is behind the server.
 */
export const PRINTER_ADDRESS_REFUSED_MESSAGE =
  'Nearprint cannot connect to this printer address: it is not a public internet address on an IPP port (631, 443 or 80). ' +
  'For a printer on your shop’s own network, run the Nearprint agent on a computer in the shop (Settings → Shop agent): it connects to the printer for you.';

/** Cloud instance metadata services: refused even inside an allowed network. */
const METADATA_ADDRESSES = ['169.254.169.254', '169.254.170.2', 'fd00:ec2::254', '100.100.100.200'].map((address) => ipaddr.parse(address).toNormalizedString());

export type TResolvedAddress = { address: string; family: 4 | 6 };
export type TLookupAll = (hostname: string) => Promise<TResolvedAddress[]>;

const systemLookup: TLookupAll = async (hostname) => (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));

function refused(): IppError {
  return new IppError('address_refused', PRINTER_ADDRESS_REFUSED_MESSAGE);
}

/** True when the cloud may connect to `address` (an IP address, v4-mapped IPv6 seen as IPv4). */
export function isAllowedPrinterIp(address: string, settings: TPrinterAddressSettings): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.process(address);
  if (METADATA_ADDRESSES.includes(ip.toNormalizedString())) return false;
  if (ip.range() === 'unicast') return true;
  return settings.allowedNetworks.some((cidr) => {
    const [network, prefix] = ipaddr.parseCIDR(cidr);
    return network.kind() === ip.kind() && ip.match(network, prefix);
  });
}

export function isAllowedPrinterPort(port: number, settings: TPrinterAddressSettings): boolean {
  return settings.allowedPorts.some((range) => port >= range.from && port <= range.to);
}

/**
 * The gate every cloud connection to a printer passes (lib/ipp/ipp-request.ts calls it before
 * each request). Resolves the host once, with every address it has; refuses the port unless it
 * is a printer port, and the host unless *all* its addresses are allowed; returns the address to
 * connect to, which the caller uses as it is, so a second lookup (DNS rebinding) cannot swap in
 * another. Decimal, hex and v4-mapped forms of an address resolve to the address itself and are
 * judged as such. A name that does not resolve is left to the caller's usual "not found".
 */
export async function resolvePrinterAddress(target: { host: string; port: number }, options: { settings?: TPrinterAddressSettings; lookup?: TLookupAll } = {}): Promise<TResolvedAddress> {
  const settings = options.settings ?? printerAddressSettings();
  if (!isAllowedPrinterPort(target.port, settings)) throw refused();
  const resolved = await (options.lookup ?? systemLookup)(target.host);
  if (resolved.length === 0) throw refused();
  if (!resolved.every((entry) => isAllowedPrinterIp(entry.address, settings))) throw refused();
  return resolved[0];
}
