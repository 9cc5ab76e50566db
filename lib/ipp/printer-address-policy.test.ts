import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { printerAddressSettings } from '@/lib/config/printer-address-settings';
import { getPrinterStatus } from './get-printer-status';
import { IppError } from './ipp-error';
import { isAllowedPrinterIp, PRINTER_ADDRESS_REFUSED_MESSAGE, resolvePrinterAddress } from './printer-address-policy';

/** A listening socket on loopback (IPv4 and IPv6) that counts every connection made to it. */
let listener: net.Server;
let port: number;
let connections = 0;

beforeAll(async () => {
  listener = net.createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen({ port: 0, host: '::', ipv6Only: false }, resolve));
  port = (listener.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => listener.close(resolve));
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const DEFAULTS = printerAddressSettings({});

describe('the printer address policy', () => {
  it('allows public unicast addresses only, v4-mapped IPv6 judged as IPv4', () => {
    for (const address of ['8.8.8.8', '203.0.114.7', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(isAllowedPrinterIp(address, DEFAULTS), address).toBe(true);
    for (const address of [
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.10',
      '169.254.169.254',
      '169.254.1.1',
      'fe80::1',
      'fc00::1',
      'fd00:ec2::254',
      '0.0.0.0',
      '::',
      '224.0.0.251',
      'ff02::fb',
      '255.255.255.255',
      '100.64.0.1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '64:ff9b::7f00:1',
      '2002:7f00:1::1',
      'not an address',
    ]) {
      expect(isAllowedPrinterIp(address, DEFAULTS), address).toBe(false);
    }
  });

  it('opens operator networks, but never the cloud metadata addresses', () => {
    const settings = printerAddressSettings({ PRINTER_ALLOWED_NETWORKS: '10.20.0.0/16, 169.254.0.0/16, fd00::/8, 127.0.0.0/8' });
    expect(isAllowedPrinterIp('10.20.3.4', settings)).toBe(true);
    expect(isAllowedPrinterIp('::ffff:10.20.3.4', settings)).toBe(true);
    expect(isAllowedPrinterIp('10.21.3.4', settings)).toBe(false);
    expect(isAllowedPrinterIp('127.0.0.1', settings)).toBe(true);
    expect(isAllowedPrinterIp('::1', settings)).toBe(false);
    expect(isAllowedPrinterIp('169.254.10.10', settings)).toBe(true);
    expect(isAllowedPrinterIp('169.254.169.254', settings)).toBe(false);
    expect(isAllowedPrinterIp('fd00:ec2::254', settings)).toBe(false);
  });

  it('allows the IPP ports 631, 443, 80 and the operator’s list', async () => {
    const lookup = async () => [{ address: '203.0.114.7', family: 4 as const }];
    for (const allowed of [631, 443, 80])
      await expect(resolvePrinterAddress({ host: 'printer.example', port: allowed }, { settings: DEFAULTS, lookup })).resolves.toEqual({ address: '203.0.114.7', family: 4 });
    await expect(resolvePrinterAddress({ host: 'printer.example', port: 22 }, { settings: DEFAULTS, lookup })).rejects.toThrow(PRINTER_ADDRESS_REFUSED_MESSAGE);
    const settings = printerAddressSettings({ PRINTER_ALLOWED_PORTS: '8631,9000-9100' });
    await expect(resolvePrinterAddress({ host: 'printer.example', port: 9050 }, { settings, lookup })).resolves.toMatchObject({ address: '203.0.114.7' });
    await expect(resolvePrinterAddress({ host: 'printer.example', port: 9101 }, { settings, lookup })).rejects.toThrow(PRINTER_ADDRESS_REFUSED_MESSAGE);
  });

  it('resolves once and refuses a name unless every address it has is allowed', async () => {
    const lookup = vi.fn(async () => [
      { address: '203.0.114.7', family: 4 as const },
      { address: '10.0.0.1', family: 4 as const },
    ]);
    await expect(resolvePrinterAddress({ host: 'rebind.example', port: 631 }, { settings: DEFAULTS, lookup })).rejects.toThrow(PRINTER_ADDRESS_REFUSED_MESSAGE);
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it('rejects malformed settings with the variable’s name', () => {
    expect(() => printerAddressSettings({ PRINTER_ALLOWED_NETWORKS: '10.0.0.0' })).toThrow(/PRINTER_ALLOWED_NETWORKS/);
    expect(() => printerAddressSettings({ PRINTER_ALLOWED_NETWORKS: '10.0.0.0/33' })).toThrow(/PRINTER_ALLOWED_NETWORKS/);
    expect(() => printerAddressSettings({ PRINTER_ALLOWED_PORTS: '70000' })).toThrow(/PRINTER_ALLOWED_PORTS/);
    expect(() => printerAddressSettings({ PRINTER_ALLOWED_PORTS: '9100-9000' })).toThrow(/PRINTER_ALLOWED_PORTS/);
  });
});

describe('an IPP request from the cloud to a refused address', () => {
  const refusedAddresses = () => [
    'ipp://127.0.0.1:5432/ipp/print',
    `ipp://127.0.0.1:${port}/ipp/print`,
    `ipp://[::1]:${port}/ipp/print`,
    `ipp://[::ffff:127.0.0.1]:${port}/ipp/print`,
    `ipp://localhost:${port}/ipp/print`,
    `ipp://2130706433:${port}/ipp/print`,
    `ipp://0x7f000001:${port}/ipp/print`,
    `ipp://0.0.0.0:${port}/ipp/print`,
    'ipp://169.254.169.254/ipp/print',
    'ipp://10.0.0.1/ipp/print',
    'ipp://192.168.1.10:631/ipp/print',
    'ipps://[fd00:ec2::254]/ipp/print',
  ];

  it('is refused with the same message, and nothing is ever connected to', async () => {
    // The listener's own port counts as a printer port here, so only the address is refused.
    vi.stubEnv('PRINTER_ALLOWED_NETWORKS', '');
    vi.stubEnv('PRINTER_ALLOWED_PORTS', String(port));
    const connect = vi.spyOn(net.Socket.prototype, 'connect');
    const messages = new Set<string>();
    for (const uri of refusedAddresses()) {
      const error = await getPrinterStatus(uri, { timeoutMs: 1000 }).catch((caught: unknown) => caught);
      expect(error, uri).toBeInstanceOf(IppError);
      expect((error as IppError).code, uri).toBe('address_refused');
      messages.add((error as IppError).message);
    }
    expect([...messages]).toEqual([PRINTER_ADDRESS_REFUSED_MESSAGE]);
    expect(PRINTER_ADDRESS_REFUSED_MESSAGE).toMatch(/agent/);
    expect(connect).not.toHaveBeenCalled();
    expect(connections).toBe(0);
  });

  it('connects to an allow-listed loopback address, and the shop agent reaches any address', async () => {
    vi.stubEnv('PRINTER_ALLOWED_NETWORKS', '127.0.0.0/8');
    vi.stubEnv('PRINTER_ALLOWED_PORTS', String(port));
    const before = connections;
    const connect = vi.spyOn(net.Socket.prototype, 'connect');
    await expect(getPrinterStatus(`ipp://127.0.0.1:${port}/ipp/print`, { timeoutMs: 1000 })).rejects.toMatchObject({ code: 'unreachable' });
    expect(connections).toBe(before + 1);
    expect(connect).toHaveBeenCalled(); // the spy the refusal test relies on does see connections
    // The agent is on the printer's own network: no policy there.
    vi.stubEnv('PRINTER_ALLOWED_NETWORKS', '');
    await expect(getPrinterStatus(`ipp://[::1]:${port}/ipp/print`, { timeoutMs: 1000, network: 'shop-network' })).rejects.toMatchObject({ code: 'unreachable' });
    expect(connections).toBe(before + 2);
  });
});
