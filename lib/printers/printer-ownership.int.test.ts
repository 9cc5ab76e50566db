import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { printers } from '@/db/schema';
import { colorDuplexPdfPrinter } from '@/dev/printers/printer-presets';
import { startPrinter, type TPrinterHandle } from '@/dev/printers/start-printer';
import { createTestShop, createTestUser } from '@/dev/test-support/fixtures';
import { reportAgentPrinters } from '@/lib/agent/agent-server';
import { isAppError } from '@/lib/errors/app-error';
import { ALREADY_IN_FLEET_MESSAGE, REGISTERED_ELSEWHERE_MESSAGE, addPrinter } from './add-printer';

let spoolRoot: string;
let first: TPrinterHandle;
let raced: TPrinterHandle;

async function ownerAndShop() {
  const owner = await createTestUser('shop_owner');
  const shop = await createTestShop({ ownerId: owner.id });
  return { ownerId: owner.id, shopId: shop.id, shopName: shop.name };
}

async function uriError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isAppError(error), String(error)).toBe(true);
  return isAppError(error) ? (error.fieldErrors?.uri ?? []).join() : '';
}

/** The same printer typed as an owner might: upper case, port 631-style explicit port, ipps, stray slashes. */
function variants(uri: string): string[] {
  const url = new URL(uri);
  return [uri, `IPP://${url.hostname.toUpperCase()}:${url.port}/ipp/print/`, `ipps://${url.hostname}:${url.port}//ipp//print`, `ipp://${url.hostname}.:${url.port}/ipp/print`];
}

beforeAll(async () => {
  spoolRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'nearprint-ownership-'));
  [first, raced] = await Promise.all([
    startPrinter(colorDuplexPdfPrinter({ name: 'Owned colour', spoolDir: path.join(spoolRoot, 'first') })),
    startPrinter(colorDuplexPdfPrinter({ name: 'Raced colour', spoolDir: path.join(spoolRoot, 'raced') })),
  ]);
});

afterAll(async () => {
  await Promise.allSettled([first?.stop(), raced?.stop()]);
  await fs.rm(spoolRoot, { recursive: true, force: true });
  await closeDb();
});

describe('one printer, one shop', () => {
  it('refuses a printer another shop has, however its address is written, and sends the owner to support', async () => {
    const a = await ownerAndShop();
    const b = await ownerAndShop();
    await addPrinter({ ...a, request: { name: 'Counter', uri: first.uri } });
    for (const uri of variants(first.uri)) {
      expect(await uriError(addPrinter({ ...b, request: { name: 'Mine now', uri } })), uri).toBe(REGISTERED_ELSEWHERE_MESSAGE);
    }
    expect(await db.select().from(printers).where(eq(printers.shopId, b.shopId))).toHaveLength(0);
  });

  it('tells a shop adding its own printer again that it already has it, under any spelling', async () => {
    const a = await ownerAndShop();
    await db.update(printers).set({ addressKey: null }).where(eq(printers.uri, first.uri));
    await addPrinter({ ...a, request: { name: 'Counter', uri: first.uri } });
    for (const uri of variants(first.uri)) {
      expect(await uriError(addPrinter({ ...a, request: { name: 'Again', uri } })), uri).toBe(ALREADY_IN_FLEET_MESSAGE);
    }
    expect(await db.select().from(printers).where(eq(printers.shopId, a.shopId))).toHaveLength(1);
  });

  it('lets exactly one of two shops adding the same printer at the same moment have it', async () => {
    const shopsRacing = await Promise.all([ownerAndShop(), ownerAndShop()]);
    const results = await Promise.allSettled(shopsRacing.map((s) => addPrinter({ ...s, request: { name: 'Raced', uri: raced.uri } })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [lost] = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(isAppError(lost.reason) && lost.reason.fieldErrors?.uri).toEqual([REGISTERED_ELSEWHERE_MESSAGE]);
    const rows = await db
      .select()
      .from(printers)
      .where(
        inArray(
          printers.shopId,
          shopsRacing.map((s) => s.shopId),
        ),
      );
    expect(rows).toHaveLength(1);
  });

  it('keeps agent printers apart: the same LAN address in two shops is two printers', async () => {
    const [template] = await db.select().from(printers).where(eq(printers.uri, raced.uri));
    const lanUri = 'ipp://192.168.1.20/ipp/print';
    const agentShops = await Promise.all([ownerAndShop(), ownerAndShop()]);
    for (const s of agentShops) {
      const report = await reportAgentPrinters(
        { tokenId: randomUUID(), shopId: s.shopId, shopName: s.shopName },
        { printers: [{ name: 'Back office', uri: lanUri, capabilities: template.capabilities, status: null, error: null }] },
      );
      expect(report.printers).toHaveLength(1);
    }
    const rows = await db
      .select({ viaAgent: printers.viaAgent, addressKey: printers.addressKey })
      .from(printers)
      .where(
        inArray(
          printers.shopId,
          agentShops.map((s) => s.shopId),
        ),
      );
    expect(rows).toEqual([
      { viaAgent: true, addressKey: '192.168.1.20:631/ipp/print' },
      { viaAgent: true, addressKey: '192.168.1.20:631/ipp/print' },
    ]);
  });
});
