import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { mailOutbox, orders } from '@/db/schema';
import { freePort } from '@/dev/lib/free-port';
import { startMailCatcher, type TCatcherRefusal, type TMailCatcher } from '@/dev/mail-catcher/start-mail-catcher';
import { eventually } from '@/dev/test-support/fixtures';
import { recordPayment } from '@/lib/billing/record-payment';
import type { TMailSettings } from '@/lib/config/mail-settings';
import { enqueueMail } from '@/lib/mail/enqueue-mail';
import type { TCaughtMail } from '@/lib/mail/caught-mail';
import { claimMail } from '@/lib/mail/mail-outbox';
import { createSmtpSender, type TMailSender } from '@/lib/mail/smtp-sender';
import { createOrderToMail } from '@/lib/notify/testing/mail-fixtures';
import { spawnWorker, type TWorkerProcess } from '../testing/spawn-worker';
import { sendNextMail } from './mail-sender';

let root: string;
let catchers: TMailCatcher[] = [];
let senders: TMailSender[] = [];
let workers: TWorkerProcess[] = [];

beforeAll(async () => {
  process.env.AUTH_SECRET ??= 'integration-test-secret-integration-test-secret';
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'nearprint-mail-'));
});

afterEach(async () => {
  for (const worker of workers) worker.child.kill('SIGKILL');
  await Promise.all(workers.map((worker) => worker.exited));
  workers = [];
  for (const sender of senders) sender.close();
  senders = [];
  await Promise.all(catchers.map((catcher) => catcher.stop()));
  catchers = [];
  // Mails of one test must not be sent by the next test's worker.
  await db.delete(mailOutbox);
});

afterAll(async () => {
  await closeDb();
  await fs.rm(root, { recursive: true, force: true });
});

async function catcher(options: { port?: number; beforeAnswer?: (mail: TCaughtMail) => Promise<TCatcherRefusal | null> | TCatcherRefusal | null } = {}) {
  const started = await startMailCatcher({ dir: await fs.mkdtemp(path.join(root, 'caught-')), ...options });
  catchers.push(started);
  return started;
}

function settingsFor(url: string, overrides: Partial<TMailSettings> = {}): TMailSettings {
  return { smtpUrl: url, from: 'Nearprint <no-reply@nearprint.test>', backoff: { baseMs: 200, maxMs: 1000 }, maxAttempts: 5, leaseMs: 60_000, ...overrides };
}

function senderFor(settings: TMailSettings): TMailSender {
  const sender = createSmtpSender(settings.smtpUrl!, settings.from);
  senders.push(sender);
  return sender;
}

/** `count` receipts for one order, each its own mail (own dedupe key). */
async function enqueueReceipts(count: number): Promise<string[]> {
  const { order, customer } = await createOrderToMail();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    await db.transaction(async (tx) => {
      await enqueueMail(tx, { to: customer.email, payload: { kind: 'order.receipt', orderId: order.id }, dedupeKey: `test:${order.id}:${i}` });
    });
  }
  const rows = await db.select({ id: mailOutbox.id }).from(mailOutbox).where(eq(mailOutbox.toAddress, customer.email));
  ids.push(...rows.map((row) => row.id));
  return ids;
}

/**
 * The worker's other loops may mail too while a test runs (an alert about a printer another test
 * left behind): those are rows of the outbox all the same. A caught mail that is no row's
 * Message-ID would be one sent under a new identity, the double send these tests look for.
 */
async function strayMails(caught: TCaughtMail[]): Promise<TCaughtMail[]> {
  const known = new Set((await db.select({ messageId: mailOutbox.messageId }).from(mailOutbox)).map((row) => row.messageId));
  return caught.filter((mail) => !mail.messageId || !known.has(mail.messageId));
}

const isOneOf = (rows: { messageId: string }[]) => (mail: TCaughtMail) => rows.some((row) => row.messageId === mail.messageId);

const rowOf = async (id: string) => (await db.select().from(mailOutbox).where(eq(mailOutbox.id, id)))[0];

describe('the mail outbox', () => {
  it('enqueues the receipt in the payment’s own transaction, once, however often the payment is recorded', async () => {
    const { order, customer } = await createOrderToMail();
    await db.update(orders).set({ status: 'awaiting_payment', paidAt: null }).where(eq(orders.id, order.id));
    const payment = { paymentIntentId: `pi_${order.id}`, chargeId: `ch_${order.id}`, amountMinor: order.totalMinor, currency: 'eur', paidAt: new Date() };
    expect(await recordPayment(order.id, payment)).toBe(true);
    expect(await recordPayment(order.id, payment)).toBe(false);
    const rows = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, customer.email));
    expect(rows.map((row) => [row.kind, row.status, row.dedupeKey])).toEqual([['order.receipt', 'pending', `order.receipt:${order.id}`]]);
    expect(rows[0].messageId).toBe(`<${rows[0].id}@nearprint.local>`);
  });

  it('writes nothing when the transaction that enqueued the mail rolls back', async () => {
    const { order, customer } = await createOrderToMail();
    await expect(
      db.transaction(async (tx) => {
        await enqueueMail(tx, { to: customer.email, payload: { kind: 'order.ready', orderId: order.id }, dedupeKey: `rollback:${order.id}` });
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, customer.email))).toEqual([]);
  });

  it('refuses a payload that is not a mail it knows', async () => {
    const { customer } = await createOrderToMail();
    await expect(db.transaction((tx) => enqueueMail(tx, { to: customer.email, payload: { kind: 'order.receipt', orderId: '../../etc/passwd' } as never, dedupeKey: 'hostile' }))).rejects.toThrow();
  });

  it('sends a mail with a text and an HTML part and its fixed Message-ID, and marks it sent', async () => {
    const smtp = await catcher();
    const settings = settingsFor(smtp.url);
    const [id] = await enqueueReceipts(1);
    expect(await sendNextMail('w1', senderFor(settings), settings)).toBe(true);
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, leaseOwner: null });
    expect(row.subject).toMatch(/^Receipt for your order NP-[2-9A-Z]{6} at Test shop \w+ \(€2\.20\)$/);
    const [mail] = await smtp.caught();
    expect(mail.messageId).toBe(row.messageId);
    expect(mail.text).toContain('Total paid');
    expect(mail.html).toContain('IE1234567T');
    expect(await sendNextMail('w1', senderFor(settings), settings)).toBe(false);
  });

  it('retries with backoff while the SMTP server is down, and sends once it is back', async () => {
    const port = await freePort();
    const settings = settingsFor(`smtp://127.0.0.1:${port}`, { backoff: { baseMs: 300, maxMs: 300 } });
    const sender = senderFor(settings);
    const [id] = await enqueueReceipts(1);
    const before = Date.now();
    expect(await sendNextMail('w1', sender, settings)).toBe(true);
    const waiting = await rowOf(id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, leaseOwner: null });
    expect(waiting.lastError).toMatch(/ECONNREFUSED|ECONNECTION/);
    // About baseMs later (±20 % jitter), never at once.
    expect(waiting.runAfter.getTime()).toBeGreaterThanOrEqual(before + 240);
    expect(await claimMail('w2', settings.leaseMs)).toBeNull();
    const smtp = await catcher({ port });
    await eventually('the mail sent after the server came back', async () => (await sendNextMail('w1', sender, settings)) && (await rowOf(id)).status === 'sent', 10_000, 50);
    expect((await rowOf(id)).attempts).toBe(2);
    expect((await smtp.caught()).map((mail) => mail.messageId)).toEqual([waiting.messageId]);
  });

  it('retries a 4xx answer and records it', async () => {
    let answers = 0;
    const smtp = await catcher({ beforeAnswer: () => (answers++ === 0 ? { code: 451, message: 'Try again later, greylisted' } : null) });
    const settings = settingsFor(smtp.url, { backoff: { baseMs: 50, maxMs: 50 } });
    const sender = senderFor(settings);
    const [id] = await enqueueReceipts(1);
    await sendNextMail('w1', sender, settings);
    expect(await rowOf(id)).toMatchObject({ status: 'pending', lastError: expect.stringContaining('451') });
    await eventually('the second attempt', async () => (await sendNextMail('w1', sender, settings)) && (await rowOf(id)).status === 'sent', 10_000, 50);
    expect(await smtp.caught()).toHaveLength(1);
  });

  it('fails a mail the server refuses for good (5xx) at once, with the answer recorded, and never retries it', async () => {
    const smtp = await catcher({ beforeAnswer: () => ({ code: 550, message: 'No such user here' }) });
    const settings = settingsFor(smtp.url);
    const [id] = await enqueueReceipts(1);
    await sendNextMail('w1', senderFor(settings), settings);
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('550 No such user here'), leaseOwner: null });
    expect(row.failedAt).toBeInstanceOf(Date);
    expect(row.subject).toMatch(/^Receipt for your order/);
    expect(await claimMail('w1', settings.leaseMs)).toBeNull();
  });

  it('gives up after the last attempt', async () => {
    const smtp = await catcher({ beforeAnswer: () => ({ code: 421, message: 'Service not available' }) });
    const settings = settingsFor(smtp.url, { backoff: { baseMs: 10, maxMs: 10 }, maxAttempts: 3 });
    const sender = senderFor(settings);
    const [id] = await enqueueReceipts(1);
    await eventually('the mail failed', async () => (await sendNextMail('w1', sender, settings), (await rowOf(id)).status === 'failed'), 10_000, 20);
    expect(await rowOf(id)).toMatchObject({ attempts: 3, lastError: expect.stringMatching(/^Gave up after 3 attempts: .*421/) });
  });

  it('fails a mail whose order is gone instead of retrying it', async () => {
    const smtp = await catcher();
    const settings = settingsFor(smtp.url);
    const { customer } = await createOrderToMail();
    const ghost = crypto.randomUUID();
    await db.transaction((tx) => enqueueMail(tx, { to: customer.email, payload: { kind: 'order.ready', orderId: ghost }, dedupeKey: `ghost:${ghost}` }));
    await sendNextMail('w1', senderFor(settings), settings);
    const [row] = await db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.dedupeKey, `ghost:${ghost}`));
    expect(row).toMatchObject({ status: 'failed', lastError: `Order ${ghost} does not exist.` });
    expect(await smtp.caught()).toEqual([]);
  });
});

describe('the mail outbox across a worker SIGKILL', () => {
  const MAILS = 12;
  const WORKER_ENV = (url: string) => ({ SMTP_URL: url, MAIL_LEASE_MS: '1000', MAIL_RETRY_BASE_MS: '50', MAIL_RETRY_MAX_MS: '200' });

  function startWorker(url: string): TWorkerProcess {
    const worker = spawnWorker({ env: WORKER_ENV(url) });
    workers.push(worker);
    return worker;
  }

  it('sends every mail exactly once when the worker dies in the middle of a delivery', async () => {
    const ids = await enqueueReceipts(MAILS);
    let deliveries = 0;
    let victim: TWorkerProcess | null = null;
    // The 5th delivery: the worker is killed while the server holds the mail, before it answers,
    // so that mail was not accepted, is still `sending`, and its lease has to run out.
    const smtp = await catcher({
      beforeAnswer: async () => {
        if (++deliveries !== 5 || !victim) return null;
        victim.child.kill('SIGKILL');
        await victim.exited;
        return { code: 421, message: 'sender gone' };
      },
    });
    victim = startWorker(smtp.url);
    await eventually('the first worker killed', async () => victim!.child.exitCode !== null || victim!.child.signalCode !== null, 120_000, 100);
    const survivor = startWorker(smtp.url);
    await eventually(
      `all ${MAILS} mails sent (worker output: ${survivor.output().slice(-500)})`,
      async () => (await db.select().from(mailOutbox).where(inArray(mailOutbox.id, ids))).every((row) => row.status === 'sent'),
      120_000,
      200,
    );
    const rows = await db.select().from(mailOutbox).where(inArray(mailOutbox.id, ids));
    const caught = (await smtp.caught()).filter(isOneOf(rows));
    expect(await strayMails(await smtp.caught())).toEqual([]);
    expect(caught.map((mail) => mail.messageId).sort()).toEqual(rows.map((row) => row.messageId).sort());
    // The mail that was in flight took a second attempt; the others one each.
    expect(rows.map((row) => row.attempts).sort()).toEqual([...Array(MAILS - 1).fill(1), 2]);
  });

  it('a worker killed after the server accepted a mail and before recording it: the mail is sent again with the same Message-ID, and nothing else twice', async () => {
    const ids = await enqueueReceipts(MAILS);
    let accepted = 0;
    let victim: TWorkerProcess | null = null;
    const smtp = await catcher({
      beforeAnswer: () => {
        // Accept the 5th mail, then kill the worker as the answer goes out: the row may still say `sending`.
        if (++accepted === 5 && victim) setImmediate(() => victim!.child.kill('SIGKILL'));
        return null;
      },
    });
    victim = startWorker(smtp.url);
    await victim.exited;
    startWorker(smtp.url);
    await eventually(`all ${MAILS} mails sent`, async () => (await db.select().from(mailOutbox).where(inArray(mailOutbox.id, ids))).every((row) => row.status === 'sent'), 120_000, 200);
    const rows = await db.select().from(mailOutbox).where(inArray(mailOutbox.id, ids));
    const caught = (await smtp.caught()).filter(isOneOf(rows));
    expect(await strayMails(await smtp.caught())).toEqual([]);
    const copies = new Map<string | null, number>();
    for (const mail of caught) copies.set(mail.messageId, (copies.get(mail.messageId) ?? 0) + 1);
    expect([...copies.keys()].sort()).toEqual(rows.map((row) => row.messageId).sort());
    // At most the one mail in the crash window came twice, and its copies share one Message-ID.
    expect([...copies.values()].filter((n) => n > 1).length).toBeLessThanOrEqual(1);
    expect(caught.length).toBeLessThanOrEqual(MAILS + 1);
  });
});
