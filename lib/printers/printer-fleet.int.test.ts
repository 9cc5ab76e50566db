import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { events, printers, shops } from '@/db/schema';
import { colorDuplexPdfPrinter, monoRasterPrinter } from '@/dev/printers/printer-presets';
import { startPrinter, type TPrinterHandle } from '@/dev/printers/start-printer';
import { createTestShop, createTestUser, eventually } from '@/dev/test-support/fixtures';
import { isAppError } from '@/lib/errors/app-error';
import { addPrinter } from './add-printer';
import { setPrinterEnabled } from './manage-printer';
import type { TPollSettings } from '@/lib/config/printer-poll-settings';
import { pollDuePrinters } from './poll-printers';

const POLL: TPollSettings = { intervalMs: 300, offlineAfterMisses: 2, timeoutMs: 1000 };

let spoolRoot: string;
let colour: TPrinterHandle;
let mono: TPrinterHandle;
let ownerId: string;
let shopId: string;
let polling = true;
let poller: Promise<void>;

async function shop() {
  const [row] = await db.select().from(shops).where(eq(shops.id, shopId));
  return row;
}

beforeAll(async () => {
  spoolRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'nearprint-fleet-'));
  [colour, mono] = await Promise.all([
    startPrinter(colorDuplexPdfPrinter({ name: 'Fleet colour', spoolDir: path.join(spoolRoot, 'colour') })),
    startPrinter(monoRasterPrinter({ name: 'Fleet mono', spoolDir: path.join(spoolRoot, 'mono') })),
  ]);
  ownerId = (await createTestUser('shop_owner')).id;
  shopId = (await createTestShop({ ownerId })).id;
});

afterAll(async () => {
  polling = false;
  await poller;
  await Promise.allSettled([colour?.stop(), mono?.stop()]);
  await fs.rm(spoolRoot, { recursive: true, force: true });
  await closeDb();
});

describe('a shop’s printer fleet over real IPP', () => {
  it('stores what the colour duplex PDF printer reports', async () => {
    const printer = await addPrinter({ shopId, ownerId, request: { name: 'Counter colour', uri: colour.uri } });
    expect(printer).toMatchObject({
      isColor: true,
      isDuplex: true,
      isOnline: true,
      makeAndModel: 'Nearprint ColorLaser 3020',
      pagesPerMinute: 30,
      pagesPerMinuteColor: 20,
    });
    expect(printer.documentFormats).toContain('application/pdf');
    expect(printer.media).toEqual(expect.arrayContaining(['iso_a4_210x297mm', 'iso_a3_297x420mm']));
    expect(printer.finishings.sort()).toEqual(['punch', 'staple']);
    expect(printer.capabilities.mediaReady).toEqual(expect.arrayContaining(['iso_a4_210x297mm', 'iso_a3_297x420mm']));
    expect(printer.state).toBe('idle');
  });

  it('stores what the mono raster-only printer reports', async () => {
    const printer = await addPrinter({ shopId, ownerId, request: { name: 'Back office mono', uri: mono.uri } });
    expect(printer).toMatchObject({ isColor: false, isDuplex: false, pagesPerMinute: 20, pagesPerMinuteColor: null });
    expect(printer.documentFormats).not.toContain('application/pdf');
    expect(printer.documentFormats).toContain('image/pwg-raster');
    expect(printer.capabilities.resolutionsDpi).toEqual([300, 600]);
  });

  it('derives the shop’s searchable capabilities from both', async () => {
    const current = await shop();
    expect(current).toMatchObject({ capColor: true, capDuplex: true, capPagesPerMinute: 50 });
    expect(current.capMedia).toEqual(expect.arrayContaining(['iso_a4_210x297mm', 'iso_a3_297x420mm', 'iso_a5_148x210mm']));
    expect(current.capFinishings).toEqual(['punch', 'staple']);
  });

  it('refuses the same printer twice and saves nothing', async () => {
    const before = await db.select().from(printers).where(eq(printers.shopId, shopId));
    await expect(addPrinter({ shopId, ownerId, request: { name: 'Again', uri: colour.uri } })).rejects.toThrow(/already in your fleet/);
    expect(await db.select().from(printers).where(eq(printers.shopId, shopId))).toHaveLength(before.length);
  });

  it('takes a stopped printer offline within the poll window and drops what only it could do', async () => {
    poller = (async () => {
      while (polling) {
        await pollDuePrinters(POLL);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await eventually('both printers polled', async () => (await db.select().from(printers).where(eq(printers.shopId, shopId))).every((p) => p.lastPolledAt && p.isOnline));

    const stoppedAt = Date.now();
    await colour.stop();
    await eventually('the colour printer offline', async () => !(await shop()).capColor, 10_000);
    const tookMs = Date.now() - stoppedAt;
    // Two missed polls, 300 ms apart, each allowed 1 s to time out (a refused connection fails at once).
    expect(tookMs).toBeLessThan(POLL.offlineAfterMisses * (POLL.intervalMs + POLL.timeoutMs) + 1500);

    const current = await shop();
    expect(current).toMatchObject({ capColor: false, capDuplex: false, capPagesPerMinute: 20, capFinishings: [] });
    expect(current.capMedia).not.toContain('iso_a3_297x420mm');
    const [offline] = await db.select().from(printers).where(eq(printers.uri, colour.uri));
    expect(offline.isOnline).toBe(false);
    expect(offline.lastError).toMatch(/Nothing answered|not answer/i);
    const offlineEvents = await db.select().from(events).where(eq(events.printerId, offline.id));
    expect(offlineEvents.map((e) => e.type)).toContain('printer.offline');
  });

  it('brings it back with its capabilities when it answers again', async () => {
    colour = await startPrinter(colour.spec);
    await eventually('the colour printer online', async () => (await shop()).capColor, 10_000);
    expect(await shop()).toMatchObject({ capColor: true, capDuplex: true, capPagesPerMinute: 50 });
  });

  it('lets the owner disable a printer, which removes its capabilities too', async () => {
    const [row] = await db.select().from(printers).where(eq(printers.uri, colour.uri));
    await setPrinterEnabled({ shopId, ownerId, printerId: row.id, isEnabled: false });
    expect(await shop()).toMatchObject({ capColor: false, capPagesPerMinute: 20 });
    await setPrinterEnabled({ shopId, ownerId, printerId: row.id, isEnabled: true });
    expect(await shop()).toMatchObject({ capColor: true, capPagesPerMinute: 50 });
  });

  it('does not let another owner touch the fleet', async () => {
    const stranger = await createTestUser('shop_owner');
    const [row] = await db.select().from(printers).where(eq(printers.uri, mono.uri));
    const error = await setPrinterEnabled({ shopId, ownerId: stranger.id, printerId: row.id, isEnabled: false }).catch((e) => e);
    expect(isAppError(error) && error.code).toBe('not_found');
  });
});
