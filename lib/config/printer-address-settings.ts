import { isIP } from 'node:net';
import { z } from 'zod';
import { emptyIsUnset, parseEnv, processEnv, type TEnvSource } from './parse-env';

/** The ports printers answer IPP on: 631 (IPP), 443 and 80 (IPP over HTTPS/HTTP on some printers). */
export const DEFAULT_PRINTER_PORTS = [631, 443, 80] as const;

export type TPortRange = { from: number; to: number };

/** Where the cloud may connect to printers (lib/ipp/printer-address-policy.ts). */
export type TPrinterAddressSettings = {
  /** CIDR networks opened on top of the public internet, e.g. `10.20.0.0/16` (addresses unparsed). */
  allowedNetworks: string[];
  /** 631, 443, 80 and PRINTER_ALLOWED_PORTS. */
  allowedPorts: TPortRange[];
};

const isCidr = (value: string): boolean => {
  const [address, prefix, ...rest] = value.split('/');
  const version = isIP(address ?? '');
  if (rest.length > 0 || !version || prefix === undefined || !/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
};

const toPortRange = (value: string): TPortRange | null => {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(value);
  if (!match) return null;
  const from = Number(match[1]);
  const to = Number(match[2] ?? match[1]);
  return from >= 1 && to <= 65535 && from <= to ? { from, to } : null;
};

const commaList = (value: string) =>
  value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

export const ZPrinterAddressEnv = z.object({
  /**
   * CIDR networks the cloud may reach printers in although they are private, loopback or
   * link-local, comma-separated (e.g. `10.20.0.0/16,fd12:3456::/48`). Cloud metadata
   * addresses stay refused. The demo and the tests open loopback for their printers.
   */
  PRINTER_ALLOWED_NETWORKS: emptyIsUnset(
    z
      .string()
      .default('')
      .refine((value) => commaList(value).every(isCidr), 'PRINTER_ALLOWED_NETWORKS is a comma-separated list of CIDR networks such as 10.20.0.0/16 or fd00::/8'),
  ),
  /** More ports printers may be reached on besides 631, 443 and 80: ports or ranges, comma-separated (`8631,9000-9100`). */
  PRINTER_ALLOWED_PORTS: emptyIsUnset(
    z
      .string()
      .default('')
      .refine((value) => commaList(value).every((entry) => toPortRange(entry) !== null), 'PRINTER_ALLOWED_PORTS is a comma-separated list of ports or ranges such as 8631 or 9000-9100'),
  ),
});

export function printerAddressSettings(source: TEnvSource = processEnv()): TPrinterAddressSettings {
  const parsed = parseEnv(ZPrinterAddressEnv, source);
  return {
    allowedNetworks: commaList(parsed.PRINTER_ALLOWED_NETWORKS),
    allowedPorts: [...DEFAULT_PRINTER_PORTS.map((port) => ({ from: port, to: port })), ...commaList(parsed.PRINTER_ALLOWED_PORTS).map((entry) => toPortRange(entry)!)],
  };
}
