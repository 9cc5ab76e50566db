import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TTestEmulator } from './testing/start-test-emulator';

let t: TTestEmulator;
let accountId: string;

beforeAll(async () => {
  t = await startTestEmulator();
  // A platform balance to transfer from, and a connected account that can receive it.
  const session = await t.createSession();
  await t.control(`/_emulator/checkout/sessions/${session.id}/pay`);
  const account = await t.stripe.accounts.create({ type: 'express', country: 'IE', capabilities: { transfers: { requested: true } } });
  await t.control(`/_emulator/accounts/${account.id}/onboard`, { business_name: 'Copy Corner' });
  accountId = account.id;
});

afterEach(async () => {
  await fetch(`${t.emulator.url}/_emulator/faults`, { method: 'DELETE' });
});

afterAll(async () => {
  await t.stop();
});

function transfersOfGroup(group: string) {
  return Object.values(t.emulator.state.transfers).filter((transfer) => transfer.transfer_group === group);
}

describe('POST /_emulator/faults', () => {
  // The SDK retries a reset connection once by itself (with the same key), so these faults last until cleared.
  it('makes the transfer and then drops the answer; the same Idempotency-Key replays it, and no second transfer is made', async () => {
    const armed = await t.control('/_emulator/faults', { method: 'POST', path: '/v1/transfers', when: 'after', action: 'reset' });
    expect(armed).toMatchObject({ status: 200, body: { path: '/v1/transfers', when: 'after', action: 'reset', hits: 0 } });
    const params = { amount: 100, currency: 'eur', destination: accountId, transfer_group: 'fault-after' };
    const lost = await t.stripe.transfers.create(params, { idempotencyKey: 'fault-after-key' }).catch((error: unknown) => error);
    expect(lost).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(transfersOfGroup('fault-after')).toHaveLength(1);
    const listed = await fetch(`${t.emulator.url}/_emulator/faults`).then((response) => response.json());
    expect(listed.data).toEqual([expect.objectContaining({ path: '/v1/transfers', hits: expect.any(Number) })]);
    expect(listed.data[0].hits).toBeGreaterThanOrEqual(1);
    await fetch(`${t.emulator.url}/_emulator/faults`, { method: 'DELETE' });

    const replayed = await t.stripe.transfers.create(params, { idempotencyKey: 'fault-after-key' });
    expect(replayed.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(replayed.id).toBe(transfersOfGroup('fault-after')[0].id);
    expect((await t.stripe.transfers.list({ transfer_group: 'fault-after' })).data.map((tr) => tr.id)).toEqual([replayed.id]);
  });

  it('drops the request before Stripe sees it: nothing is made', async () => {
    await t.control('/_emulator/faults', { path: '/v1/transfers', when: 'before', action: 'reset' });
    const lost = await t.stripe.transfers.create({ amount: 100, currency: 'eur', destination: accountId, transfer_group: 'fault-before' }).catch((error: unknown) => error);
    expect(lost).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(transfersOfGroup('fault-before')).toHaveLength(0);
  });

  it('answers 500 api_error after doing the work, for every matching request until cleared', async () => {
    await t.control('/_emulator/faults', { path: '/v1/transfers', when: 'after', action: 'server_error' });
    const params = { amount: 100, currency: 'eur', destination: accountId, transfer_group: 'fault-500' };
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(t.stripe.transfers.create(params, { idempotencyKey: 'fault-500-key' })).rejects.toMatchObject({ type: 'StripeAPIError', statusCode: 500 });
    }
    expect(transfersOfGroup('fault-500')).toHaveLength(1);
    await fetch(`${t.emulator.url}/_emulator/faults`, { method: 'DELETE' });
    expect((await t.stripe.transfers.create(params, { idempotencyKey: 'fault-500-key' })).id).toBe(transfersOfGroup('fault-500')[0].id);
  });

  it('matches :id segments and leaves other requests alone', async () => {
    await t.control('/_emulator/faults', { path: '/v1/checkout/sessions/:id/expire', when: 'before', action: 'server_error', count: 1 });
    const untouched = await t.createSession();
    expect(untouched.status).toBe('open');
    await expect(t.stripe.checkout.sessions.expire(untouched.id)).rejects.toMatchObject({ statusCode: 500 });
    expect((await t.stripe.checkout.sessions.retrieve(untouched.id)).status).toBe('open');
    expect((await t.stripe.checkout.sessions.expire(untouched.id)).status).toBe('expired');
  });

  it('refuses a fault outside the API', async () => {
    const refused = await t.control('/_emulator/faults', { path: '/_emulator/health' });
    expect(refused.status).toBe(400);
  });
});
