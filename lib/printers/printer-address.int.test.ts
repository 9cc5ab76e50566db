import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb, db } from '@/db/client';
import { printers } from '@/db/schema';
import { colorDuplexPdfPrinter } from '@/dev/printers/printer-presets';
import { startPrinter, type TPrinterHandle } from '@/dev/printers/start-printer';
import { createTestShop, createTestUser } from '@/dev/test-support/fixtures';
import type { TPollSettings } from '@/lib/config/printer-poll-settings';
import { isAppError } from '@/lib/errors/app-error';
import { PRINTER_ADDRESS_REFUSED_MESSAGE } from '@/lib/ipp/printer-address-policy';
import { addPrinter } from './add-printer';
import { pollPrinter } from './poll-printers';

const POLL: TPollSettings = { intervalMs: 500, offlineAfterMisses: 2, timeoutMs: 1000 };

let spoolRoot: string;
let printer: TPrinterHandle;
let ownerId: string;
let shopId: string;
/** Stands where a refused address would lead: it counts every connection made to it. */
let listener: net.Server;
let listenerPort: number;
let connections = 0;

beforeAll(async () => {
  spoolRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'nearprint-address-'));
  printer = await startPrinter(colorDuplexPdfPrinter({ name: 'Allow-listed loopback', spoolDir: spoolRoot }));
  listener = net.createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen({ port: 0, host: '::', ipv6Only: false }, resolve));
  listenerPort = (listener.address() as net.AddressInfo).port;
  ownerId = (await createTestUser('shop_owner')).id;
  shopId = (await createTestShop({ ownerId, status: 'pending_review' })).id;
});

afterEach(() => {
  vi.unstubAllEnvs();
});

afterAll(async () => {
  await printer?.stop();
  await new Promise((resolve) => listener.close(resolve));
  await fs.rm(spoolRoot, { recursive: true, force: true });
  await closeDb();
});

/** A deployment's settings: no network opened; the listener's port counts as a printer port, so only the address is refused. */
function deploymentSettings() {
  vi.stubEnv('PRINTER_ALLOWED_NETWORKS', '');
  vi.stubEnv('PRINTER_ALLOWED_PORTS', String(listenerPort));
}

describe('printer addresses a shop owner types', () => {
  it('refuses loopback, private, link-local and metadata addresses with one message, and connects to none', async () => {
    deploymentSettings();
    const addresses = [
      'ipp://127.0.0.1:5432/ipp/print',
      `ipp://127.0.0.1:${listenerPort}/ipp/print`,
      `ipp://[::1]:${listenerPort}/ipp/print`,
      `ipp://localhost:${listenerPort}/ipp/print`,
      `ipp://2130706433:${listenerPort}/ipp/print`,
      `ipp://0x7f000001:${listenerPort}/ipp/print`,
      'ipp://169.254.169.254/ipp/print',
      'ipp://10.0.0.1/ipp/print',
      'ipp://192.168.1.10/ipp/print',
    ];
    const messages = new Set<string>();
    for (const uri of addresses) {
      const error = await addPrinter({ shopId, ownerId, request: { name: 'Probe', uri } }).catch((caught: unknown) => caught);
      expect(isAppError(error) && error.fieldErrors?.uri, uri).toBeTruthy();
      messages.add(isAppError(error) ? (error.fieldErrors?.uri ?? []).join() : String(error));
    }
    expect([...messages]).toEqual([PRINTER_ADDRESS_REFUSED_MESSAGE]);
    expect(connections).toBe(0);
    expect(await db.select().from(printers).where(eq(printers.shopId, shopId))).toEqual([]);
  });

  it('adds an allow-listed loopback printer (the tests open 127.0.0.0/8 as the demo does)', async () => {
    const added = await addPrinter({ shopId, ownerId, request: { name: 'Counter', uri: printer.uri } });
    expect(added).toMatchObject({ isOnline: true, isColor: true, makeAndModel: 'Nearprint ColorLaser 3020' });
  });

  it('checks the address again at every poll: once refused, the printer is not asked and goes offline', async () => {
    const [row] = await db.select().from(printers).where(eq(printers.shopId, shopId));
    await pollPrinter(row, POLL);
    const [polled] = await db.select().from(printers).where(eq(printers.id, row.id));
    expect(polled).toMatchObject({ isOnline: true, missedPolls: 0, lastError: null });

    // The same printer's address now points somewhere refused (a DNS change, or the operator
    // closed the network): the poller never connects, records the refusal and takes it offline.
    await db
      .update(printers)
      .set({ uri: `ipp://127.0.0.1:${listenerPort}/ipp/print` })
      .where(eq(printers.id, row.id));
    deploymentSettings();
    for (let miss = 0; miss < POLL.offlineAfterMisses; miss++) {
      const [current] = await db.select().from(printers).where(eq(printers.id, row.id));
      await pollPrinter(current, POLL);
    }
    const [refused] = await db.select().from(printers).where(eq(printers.id, row.id));
    expect(refused).toMatchObject({ isOnline: false, missedPolls: POLL.offlineAfterMisses, lastError: PRINTER_ADDRESS_REFUSED_MESSAGE });
    expect(connections).toBe(0);
  });
});
