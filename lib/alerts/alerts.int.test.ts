import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { alerts, events, mailOutbox, printers, type TPrinter } from '@/db/schema/index';
import { colorDuplexPdfPrinter } from '@/dev/printers/printer-presets';
import { startPrinter } from '@/dev/printers/start-printer';
import { eventually } from '@/dev/test-support/fixtures';
import type { TPollSettings } from '@/lib/config/printer-poll-settings';
import { pollPrinter } from '@/lib/printers/poll-printers';
import { acceptJob } from '@/lib/shop-queue/accept-job';
import { transitionJob } from '@/lib/print-jobs/transition-job';
import { registerLivePrintStack } from '@/lib/print-jobs/testing/live-print-stack';
import { createPaidOrder, createPrintShop } from '@/lib/print-jobs/testing/print-fixtures';
import { ZMailPayload } from '@/lib/mail/mail-kinds';
import { renderMail } from '@/lib/notify/render-mail';
import { dismissAlert, listShopAlerts } from './shop-alerts';
import { sweepAlerts } from './sweep-alerts';

const POLL: TPollSettings = { intervalMs: 300, offlineAfterMisses: 2, timeoutMs: 1000 };
const MINUTE = 60_000;

// No worker: this file polls and sweeps itself, so every state change is the test's own.
const stack = registerLivePrintStack({
  name: 'alerts',
  printers: [(spoolDir) => colorDuplexPdfPrinter({ name: 'Alerts colour', spoolDir })],
  startWorker: false,
});

afterEach(() => {
  delete process.env.ALERT_PRINTER_OFFLINE_MINUTES;
  delete process.env.ALERT_AWAITING_ACCEPTANCE_MINUTES;
});

async function printerRow(id: string): Promise<TPrinter> {
  const [row] = await db.select().from(printers).where(eq(printers.id, id));
  return row;
}

async function poll(id: string): Promise<TPrinter> {
  await pollPrinter(await printerRow(id), POLL);
  return printerRow(id);
}

async function shopAlerts(shopId: string) {
  return db.select().from(alerts).where(eq(alerts.shopId, shopId)).orderBy(alerts.raisedAt);
}

async function raisedEvents(shopId: string): Promise<number> {
  return (
    await db
      .select()
      .from(events)
      .where(and(eq(events.shopId, shopId), eq(events.type, 'alert.raised')))
  ).length;
}

/** ippeveprinter's own web forms (not turned off by the presets) change its supplies and trays live, as a real printer's sensors would. */
async function setAtPrinter(port: number, page: 'supplies' | 'media', query: string): Promise<void> {
  const response = await fetch(`http://localhost:${port}/${page}?${query}`);
  expect(response.status).toBe(200);
}

describe('printer alerts against a real ippeveprinter', () => {
  it('raises toner low and paper out once, the offline alert after N minutes, and clears them when the printer is back', async () => {
    let printer = stack.printers[0];
    const { shop, owner, printers: added } = await createPrintShop({ printers: [{ name: 'Counter', uri: printer.uri }] });
    const printerId = added[0].id;
    expect(await poll(printerId)).toMatchObject({ isOnline: true });
    expect(await shopAlerts(shop.id)).toEqual([]);

    // Cyan toner down to 5 % and the paper tray emptied, at the printer.
    await setAtPrinter(printer.port, 'supplies', 'supply0=80&supply1=5&supply2=55&supply3=45');
    await setAtPrinter(printer.port, 'media', 'size1=iso_a4_210x297mm&type1=stationery&level1=0');
    const seen = await poll(printerId);
    expect(seen.stateReasons).toEqual(expect.arrayContaining(['media-empty-report']));
    expect(seen.markers.find((marker) => marker.name === 'Cyan Toner')?.level).toBe(5);
    await poll(printerId);
    await poll(printerId);
    let open = await listShopAlerts({ shopId: shop.id, ownerId: owner.id, scope: 'open' });
    expect(open.map((alert) => alert.kind).sort()).toEqual(['marker_low', 'media_problem']);
    expect(open.find((alert) => alert.kind === 'marker_low')).toMatchObject({ title: 'Counter: toner or ink is low (Cyan Toner 5 %)', printerId });
    expect(open.find((alert) => alert.kind === 'media_problem')).toMatchObject({ title: 'Counter is out of paper', action: expect.stringMatching(/Load paper/) });
    expect(await raisedEvents(shop.id)).toBe(2);

    // Stopped: offline after two missed polls, but alerted only once it has been offline for N minutes.
    process.env.ALERT_PRINTER_OFFLINE_MINUTES = '5';
    await printer.stop();
    await eventually('offline', async () => !(await poll(printerId)).isOnline, 20_000);
    expect((await shopAlerts(shop.id)).filter((alert) => alert.kind === 'printer_offline')).toEqual([]);
    const lastSeen = (await printerRow(printerId)).lastSeenAt!;
    await sweepAlerts(new Date(lastSeen.getTime() + 4 * MINUTE));
    expect((await shopAlerts(shop.id)).filter((alert) => alert.kind === 'printer_offline')).toEqual([]);
    await sweepAlerts(new Date(lastSeen.getTime() + 6 * MINUTE));
    await sweepAlerts(new Date(lastSeen.getTime() + 7 * MINUTE));
    await poll(printerId);
    open = await listShopAlerts({ shopId: shop.id, ownerId: owner.id, scope: 'open' });
    // Its last supplies and paper are stale while it is silent: those alerts stay as they were.
    expect(open.map((alert) => alert.kind).sort()).toEqual(['marker_low', 'media_problem', 'printer_offline']);
    expect(open.find((alert) => alert.kind === 'printer_offline')).toMatchObject({ title: 'Counter is offline' });
    expect(await raisedEvents(shop.id)).toBe(3);

    // Started again, full and loaded: everything clears and stays in the history.
    printer = stack.printers[0] = await startPrinter(printer.spec);
    await eventually('online', async () => (await poll(printerId)).isOnline, 20_000);
    expect(await listShopAlerts({ shopId: shop.id, ownerId: owner.id, scope: 'open' })).toEqual([]);
    const history = await listShopAlerts({ shopId: shop.id, ownerId: owner.id, scope: 'history' });
    expect(history.map((alert) => alert.kind).sort()).toEqual(['marker_low', 'media_problem', 'printer_offline']);
    expect(history.every((alert) => alert.clearedAt && alert.clearedBy === 'system')).toBe(true);

    // The same condition again is a new alert, not the old one reopened.
    await setAtPrinter(printer.port, 'supplies', 'supply0=80&supply1=5&supply2=55&supply3=45');
    await poll(printerId);
    expect((await shopAlerts(shop.id)).filter((alert) => alert.kind === 'marker_low')).toHaveLength(2);
  });

  it('never opens two alerts for one condition, even when two writers race', async () => {
    const { shop, printers: added } = await createPrintShop({ printers: [{ name: 'Racy', uri: stack.printers[0].uri }] });
    await db
      .update(printers)
      .set({ markers: [{ name: 'Black Toner', type: 'toner', color: '#000000', level: 0 }] })
      .where(eq(printers.id, added[0].id));
    const { syncPrinterAlerts } = await import('./sync-printer-alerts');
    const row = await printerRow(added[0].id);
    await Promise.all(Array.from({ length: 6 }, () => db.transaction((tx) => syncPrinterAlerts(tx, row))));
    const open = (await shopAlerts(shop.id)).filter((alert) => !alert.clearedAt);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ kind: 'marker_low', title: 'Racy: toner or ink is empty (Black Toner 0 %)', action: expect.stringMatching(/Replace the empty cartridge/) });

    // The owner is mailed once, in the transaction that raised it: the mail says what and what to do.
    const mails = await db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.dedupeKey, `shop.alert:${open[0].id}`));
    expect(mails).toHaveLength(1);
    const mail = await renderMail(ZMailPayload.parse(mails[0].payload));
    expect(mail.subject).toBe(`${shop.name}: Racy: toner or ink is empty (Black Toner 0 %)`);
    expect(mail.text).toMatch(/Replace the empty cartridge/);
    expect(mail.text).toContain(`/shop/${shop.id}/alerts`);
  });
});

describe('job alerts', () => {
  it('raises "waiting for acceptance" after N minutes, once, and clears it when the shop accepts', async () => {
    process.env.ALERT_AWAITING_ACCEPTANCE_MINUTES = '10';
    const { shop, owner } = await createPrintShop({ printers: [{ name: 'Waiting', uri: stack.printers[0].uri }], autoAccept: false });
    const { job, order } = await createPaidOrder(stack.live, { shopId: shop.id });
    expect(job.state).toBe('awaiting_acceptance');
    await sweepAlerts(new Date(job.createdAt.getTime() + 9 * MINUTE));
    expect(await shopAlerts(shop.id)).toEqual([]);
    await sweepAlerts(new Date(job.createdAt.getTime() + 11 * MINUTE));
    await sweepAlerts(new Date(job.createdAt.getTime() + 12 * MINUTE));
    const [waiting] = await listShopAlerts({ shopId: shop.id, ownerId: owner.id, scope: 'open' });
    expect(waiting).toMatchObject({ kind: 'job_waiting', jobId: job.id, title: `${order.number} is waiting for you to accept it` });
    expect(await shopAlerts(shop.id)).toHaveLength(1);

    await acceptJob({ shopId: shop.id, ownerId: owner.id, jobId: job.id });
    expect(await listShopAlerts({ shopId: shop.id, ownerId: owner.id, scope: 'open' })).toEqual([]);
    expect((await listShopAlerts({ shopId: shop.id, ownerId: owner.id, scope: 'history' }))[0]).toMatchObject({ kind: 'job_waiting', clearedBy: 'system' });
  });

  it('raises a failed job through the state gate, once, and lets only its owner dismiss it', async () => {
    const { shop, owner } = await createPrintShop({ printers: [{ name: 'Failing', uri: stack.printers[0].uri }] });
    const { job, order } = await createPaidOrder(stack.live, { shopId: shop.id });
    expect(job.state).toBe('queued');
    const failed = await transitionJob(db, { jobId: job.id, from: 'queued', to: 'failed', by: 'converter', set: { lastError: 'The documents cannot be converted.' }, event: null });
    expect(failed?.state).toBe('failed');
    const [alert] = await listShopAlerts({ shopId: shop.id, ownerId: owner.id, scope: 'open' });
    expect(alert).toMatchObject({ kind: 'job_failed', jobId: job.id, title: `${order.number} failed to print`, isDismissable: true });
    expect(alert.action).toMatch(/^The documents cannot be converted\./);

    const other = await createPrintShop({ printers: [] });
    await expect(dismissAlert({ shopId: shop.id, ownerId: other.owner.id, alertId: alert.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(dismissAlert({ shopId: other.shop.id, ownerId: other.owner.id, alertId: alert.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(dismissAlert({ shopId: shop.id, ownerId: owner.id, alertId: 'not-a-uuid' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(listShopAlerts({ shopId: shop.id, ownerId: other.owner.id, scope: 'open' })).rejects.toMatchObject({ code: 'not_found' });

    await dismissAlert({ shopId: shop.id, ownerId: owner.id, alertId: alert.id });
    await expect(dismissAlert({ shopId: shop.id, ownerId: owner.id, alertId: alert.id })).rejects.toMatchObject({ code: 'conflict' });
    expect((await listShopAlerts({ shopId: shop.id, ownerId: owner.id, scope: 'history' }))[0]).toMatchObject({ id: alert.id, clearedBy: owner.id });
  });

  it('refuses to dismiss an alert that clears by itself', async () => {
    const { shop, owner, printers: added } = await createPrintShop({ printers: [{ name: 'Empty', uri: stack.printers[0].uri }] });
    await db
      .update(printers)
      .set({ stateReasons: ['media-jam-error'], markers: [] })
      .where(eq(printers.id, added[0].id));
    const { syncPrinterAlerts } = await import('./sync-printer-alerts');
    // Read before the transaction: on the embedded database a query from another connection waits for it.
    const jammed = await printerRow(added[0].id);
    await db.transaction((tx) => syncPrinterAlerts(tx, jammed));
    const [jam] = await listShopAlerts({ shopId: shop.id, ownerId: owner.id, scope: 'open' });
    expect(jam).toMatchObject({ kind: 'media_problem', title: 'Empty is jammed', isDismissable: false });
    await expect(dismissAlert({ shopId: shop.id, ownerId: owner.id, alertId: jam.id })).rejects.toMatchObject({ code: 'conflict' });
  });
});
