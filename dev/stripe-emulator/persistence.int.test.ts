import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStripeEmulator } from './start-stripe-emulator';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'stripe-emulator-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('dataFile', () => {
  it('keeps payments, refunds, accounts, events and idempotency keys across a restart', async () => {
    const dataFile = join(directory, 'nested', 'stripe-emulator.json');
    const first = await startStripeEmulator({ port: 0, dataFile });
    const stripe = new Stripe('sk_test_restart', { ...first.stripeConfig, maxNetworkRetries: 0 });
    const params: Stripe.Checkout.SessionCreateParams = {
      mode: 'payment',
      line_items: [{ price_data: { currency: 'eur', unit_amount: 1250, product_data: { name: 'Thesis binding' } }, quantity: 1 }],
      success_url: 'http://127.0.0.1:3000/paid',
      metadata: { order_id: 'ord_9' },
    };
    const session = await stripe.checkout.sessions.create(params, { idempotencyKey: 'order-ord_9' });
    const { charge } = first.payCheckoutSession(session.id);
    const refund = await stripe.refunds.create({ charge: charge.id, amount: 250 });
    const account = await stripe.accounts.create({ type: 'express', capabilities: { transfers: { requested: true } } });
    await first.stop();

    const saved = JSON.parse(await readFile(dataFile, 'utf8'));
    expect(saved.version).toBe(1);
    expect(await readdir(join(directory, 'nested'))).toEqual(['stripe-emulator.json']);

    const second = await startStripeEmulator({ port: 0, dataFile });
    try {
      const again = new Stripe('sk_test_restart', { ...second.stripeConfig, maxNetworkRetries: 0 });
      expect(await again.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'complete', metadata: { order_id: 'ord_9' } });
      expect(await again.charges.retrieve(charge.id)).toMatchObject({ amount_refunded: 250 });
      expect(await again.refunds.retrieve(refund.id)).toMatchObject({ amount: 250 });
      expect(await again.accounts.retrieve(account.id)).toMatchObject({ id: account.id });
      expect((await again.balance.retrieve()).available).toEqual([{ amount: 1000, currency: 'eur', source_types: { card: 1000 } }]);
      expect((await again.events.list({ limit: 100 })).data.map((event) => event.type)).toContain('checkout.session.completed');
      const replayed = await again.checkout.sessions.create(params, { idempotencyKey: 'order-ord_9' });
      expect(replayed.id).toBe(session.id);
      expect(replayed.lastResponse.headers['idempotent-replayed']).toBe('true');
    } finally {
      await second.stop();
    }
  });

  it('refuses to start on a corrupt data file instead of silently starting empty', async () => {
    const dataFile = join(directory, 'stripe-emulator.json');
    await writeFile(dataFile, '{ not json');
    await expect(startStripeEmulator({ port: 0, dataFile })).rejects.toThrow(/not valid JSON/);
  });

  it('POST /_emulator/reset empties the state (and the file)', async () => {
    const dataFile = join(directory, 'stripe-emulator.json');
    const emulator = await startStripeEmulator({ port: 0, dataFile });
    const stripe = new Stripe('sk_test_reset', emulator.stripeConfig);
    await stripe.accounts.create({ type: 'express', capabilities: { transfers: { requested: true } } });
    const reset = await fetch(`${emulator.url}/_emulator/reset`, { method: 'POST' });
    expect(await reset.json()).toEqual({ ok: true });
    expect((await stripe.accounts.list()).data).toEqual([]);
    const health = await (await fetch(`${emulator.url}/_emulator/health`)).json();
    expect(health).toMatchObject({ ok: true, counts: { accounts: 0, events: 0 } });
    await emulator.stop();
    expect(JSON.parse(await readFile(dataFile, 'utf8')).accounts).toEqual({});
  });
});
