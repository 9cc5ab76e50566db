import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WEBHOOK_SECRET } from './start-stripe-emulator';
import { startTestEmulator, type TTestEmulator } from './testing/start-test-emulator';

let t: TTestEmulator;

beforeEach(async () => {
  t = await startTestEmulator();
});

afterEach(async () => {
  await t.stop();
});

/** A paid €3.90 order; returns its charge. */
async function paidCharge(cardNumber = '4242424242424242'): Promise<Stripe.Charge> {
  const session = await t.createSession();
  const { body } = await t.control<{ charge: Stripe.Charge }>(`/_emulator/checkout/sessions/${session.id}/pay`, { card_number: cardNumber });
  return body.charge;
}

async function onboardedAccount(): Promise<Stripe.Account> {
  const account = await t.stripe.accounts.create({ type: 'express', country: 'DE', email: 'shop@example.com', capabilities: { transfers: { requested: true } } });
  await t.control(`/_emulator/accounts/${account.id}/onboard`, { business_name: 'Copy Corner' });
  return t.stripe.accounts.retrieve(account.id);
}

async function available(currency = 'eur'): Promise<number> {
  const balance = await t.stripe.balance.retrieve();
  return balance.available.find((entry) => entry.currency === currency)?.amount ?? 0;
}

function receivedEvents(type: string): Stripe.Event[] {
  return t.webhooks.received.filter((webhook) => webhook.type === type).map((webhook) => new Stripe('sk_test_x').webhooks.constructEvent(webhook.payload, webhook.signature, DEFAULT_WEBHOOK_SECRET));
}

describe('POST /v1/refunds', () => {
  it('refunds part, then the rest, then refuses more', async () => {
    const charge = await paidCharge();
    const partial = await t.stripe.refunds.create({ payment_intent: charge.payment_intent as string, amount: 100, reason: 'requested_by_customer', metadata: { by: 'admin' } });
    expect(partial).toMatchObject({ object: 'refund', amount: 100, status: 'succeeded', charge: charge.id, reason: 'requested_by_customer', metadata: { by: 'admin' } });
    expect(partial.id).toMatch(/^re_/);
    expect(await t.stripe.charges.retrieve(charge.id)).toMatchObject({ amount_refunded: 100, refunded: false });

    const rest = await t.stripe.refunds.create({ charge: charge.id });
    expect(rest.amount).toBe(290);
    expect(await t.stripe.charges.retrieve(charge.id, { expand: ['refunds'] })).toMatchObject({
      amount_refunded: 390,
      refunded: true,
      refunds: { data: [{ id: rest.id }, { id: partial.id }] },
    });

    const again = t.stripe.refunds.create({ charge: charge.id, amount: 1 });
    await expect(again).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(again).rejects.toMatchObject({ statusCode: 400, code: 'charge_already_refunded', message: `Charge ${charge.id} has already been refunded.` });

    expect((await t.stripe.refunds.list({ charge: charge.id })).data.map((refund) => refund.id)).toEqual([rest.id, partial.id]);
    expect((await t.stripe.refunds.list({ payment_intent: charge.payment_intent as string })).data).toHaveLength(2);
    expect(await t.stripe.refunds.retrieve(partial.id, { expand: ['charge'] })).toMatchObject({ charge: { id: charge.id } });

    await t.webhooks.waitFor(8);
    expect(receivedEvents('refund.created').map((event) => (event.data.object as Stripe.Refund).id)).toEqual([partial.id, rest.id]);
    const refunded = receivedEvents('charge.refunded');
    expect(refunded.map((event) => (event.data.object as Stripe.Charge).amount_refunded)).toEqual([100, 390]);
    expect(refunded[1].data.previous_attributes).toEqual({ amount_refunded: 100, refunded: false });
  });

  it('refuses more than what is left, a missing charge and an unpaid PaymentIntent', async () => {
    const charge = await paidCharge();
    await expect(t.stripe.refunds.create({ charge: charge.id, amount: 391 })).rejects.toMatchObject({
      code: 'amount_too_large',
      param: 'amount',
      message: 'Refund amount (€3.91) is greater than unrefunded amount on charge (€3.90)',
    });
    await expect(t.stripe.refunds.create({ charge: 'ch_missing' })).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'charge' });
    await expect(t.stripe.refunds.create({})).rejects.toMatchObject({ code: 'parameter_missing' });
    const session = await t.createSession();
    await t.control(`/_emulator/checkout/sessions/${session.id}/pay`, { card_number: '4000000000000002' });
    const declined = await t.stripe.checkout.sessions.retrieve(session.id);
    await expect(t.stripe.refunds.create({ payment_intent: declined.payment_intent as string })).rejects.toMatchObject({ code: 'charge_not_refundable' });
  });
});

describe('Connect onboarding', () => {
  it('runs through the hosted page of an Account Link and enables the account', async () => {
    const account = await t.stripe.accounts.create({
      type: 'express',
      country: 'DE',
      email: 'shop@example.com',
      capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
      metadata: { shop_id: 'shop_1' },
    });
    expect(account.id).toMatch(/^acct_/);
    expect(account).toMatchObject({
      object: 'account',
      type: 'express',
      country: 'DE',
      default_currency: 'eur',
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      capabilities: { card_payments: 'inactive', transfers: 'inactive' },
      metadata: { shop_id: 'shop_1' },
    });
    expect(account.requirements?.currently_due).toContain('external_account');

    const link = await t.stripe.accountLinks.create({
      account: account.id,
      type: 'account_onboarding',
      refresh_url: 'http://127.0.0.1:3000/shop/payouts/refresh',
      return_url: 'http://127.0.0.1:3000/shop/payouts/return',
    });
    expect(link).toMatchObject({ object: 'account_link', url: expect.stringContaining(`${t.emulator.url}/connect/onboard/`) });
    expect(link.expires_at - link.created).toBe(300);

    const page = await (await fetch(link.url)).text();
    expect(page).toContain('Business name');
    expect(page).toContain('DE89 3704 0044 0532 0130 00');

    const invalid = await fetch(link.url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ action: 'submit', businessName: 'Copy Corner', iban: 'DE00 1234' }),
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('The IBAN you entered is invalid.');

    const submitted = await fetch(link.url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ action: 'submit', businessName: 'Copy Corner', iban: 'DE89 3704 0044 0532 0130 00' }),
    });
    expect(submitted.status).toBe(303);
    expect(submitted.headers.get('location')).toBe('http://127.0.0.1:3000/shop/payouts/return');

    const onboarded = await t.stripe.accounts.retrieve(account.id);
    expect(onboarded).toMatchObject({
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
      capabilities: { card_payments: 'active', transfers: 'active' },
      business_profile: { name: 'Copy Corner' },
      requirements: { currently_due: [], disabled_reason: null },
      external_accounts: { data: [{ object: 'bank_account', last4: '3000', country: 'DE' }] },
    });

    const [updated] = await t.webhooks.waitFor(1);
    const event = new Stripe('sk_test_x').webhooks.constructEvent(updated.payload, updated.signature, DEFAULT_WEBHOOK_SECRET);
    expect(event).toMatchObject({ type: 'account.updated', account: account.id, data: { object: { id: account.id, charges_enabled: true } } });
    expect(event.data.previous_attributes).toMatchObject({ charges_enabled: false, payouts_enabled: false, details_submitted: false });

    const reused = await fetch(link.url, { redirect: 'manual' });
    expect(reused.status).toBe(302);
    expect(reused.headers.get('location')).toBe('http://127.0.0.1:3000/shop/payouts/refresh');
  });

  it('sends an expired link to refresh_url and lets the owner leave without finishing', async () => {
    const account = await t.stripe.accounts.create({ type: 'express', capabilities: { transfers: { requested: true } } });
    const links = { refresh_url: 'http://127.0.0.1:3000/refresh', return_url: 'http://127.0.0.1:3000/return', type: 'account_onboarding' as const };
    const stale = await t.stripe.accountLinks.create({ account: account.id, ...links });
    await t.control('/_emulator/clock/advance', { seconds: 301 });
    const expired = await fetch(stale.url, { redirect: 'manual' });
    expect(expired.status).toBe(302);
    expect(expired.headers.get('location')).toBe('http://127.0.0.1:3000/refresh');

    const fresh = await t.stripe.accountLinks.create({ account: account.id, ...links });
    const left = await fetch(fresh.url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ action: 'exit' }),
    });
    expect(left.headers.get('location')).toBe('http://127.0.0.1:3000/return');
    expect(await t.stripe.accounts.retrieve(account.id)).toMatchObject({ details_submitted: false, payouts_enabled: false });
    expect((await fetch(fresh.url, { redirect: 'manual' })).headers.get('location')).toBe('http://127.0.0.1:3000/refresh');
  });

  it('refuses bad account and link requests', async () => {
    await expect(t.stripe.accounts.create({ type: 'express' })).rejects.toMatchObject({ param: 'capabilities' });
    await expect(t.stripe.accounts.create({ type: 'standard', capabilities: { transfers: { requested: true } } })).rejects.toMatchObject({ param: 'type' });
    await expect(t.stripe.accounts.retrieve('acct_missing')).rejects.toMatchObject({
      type: 'StripePermissionError',
      statusCode: 403,
      code: 'account_invalid',
    });
    await expect(t.stripe.accountLinks.create({ account: 'acct_missing', type: 'account_onboarding', refresh_url: 'http://a.test/r', return_url: 'http://a.test/s' })).rejects.toMatchObject({
      code: 'resource_missing',
      param: 'account',
    });
  });
});

describe('POST /v1/transfers', () => {
  it('pays an onboarded account from the balance and keeps the balance as charges − refunds − transfers', async () => {
    expect(await available()).toBe(0);
    const charge = await paidCharge();
    await paidCharge();
    await t.stripe.refunds.create({ charge: charge.id, amount: 90 });
    expect(await available()).toBe(390 + 390 - 90);

    const account = await onboardedAccount();
    const transfer = await t.stripe.transfers.create({
      amount: 500,
      currency: 'eur',
      destination: account.id,
      transfer_group: 'payout_2026_11',
      description: 'Payout November',
      metadata: { payout_id: 'po_1' },
    });
    expect(transfer.id).toMatch(/^tr_/);
    expect(transfer).toMatchObject({
      object: 'transfer',
      amount: 500,
      amount_reversed: 0,
      currency: 'eur',
      destination: account.id,
      transfer_group: 'payout_2026_11',
      metadata: { payout_id: 'po_1' },
      reversed: false,
    });
    expect(await available()).toBe(690 - 500);
    expect((await t.stripe.transfers.list({ destination: account.id })).data.map((found) => found.id)).toEqual([transfer.id]);
    expect(await t.stripe.transfers.retrieve(transfer.id, { expand: ['destination'] })).toMatchObject({ destination: { id: account.id } });

    const reversal = await t.stripe.transfers.createReversal(transfer.id, { amount: 200 });
    expect(reversal).toMatchObject({ object: 'transfer_reversal', amount: 200, transfer: transfer.id });
    expect(await t.stripe.transfers.retrieve(transfer.id)).toMatchObject({ amount_reversed: 200, reversed: false });
    expect(await available()).toBe(190 + 200);

    const ledger = await t.stripe.balanceTransactions.list({ limit: 100 });
    expect(ledger.data.map((entry) => [entry.type, entry.net])).toEqual([
      ['transfer_refund', 200],
      ['transfer', -500],
      ['refund', -90],
      ['charge', 390],
      ['charge', 390],
    ]);
    expect(ledger.data.reduce((sum, entry) => sum + entry.net, 0)).toBe(await available());

    await t.webhooks.waitFor(1);
    await t.emulator.webhooksIdle();
    expect(receivedEvents('transfer.created').map((event) => (event.data.object as Stripe.Transfer).id)).toEqual([transfer.id]);
  });

  it('refuses an account that has not finished onboarding, an unknown one and more than the balance', async () => {
    await paidCharge();
    const pending = await t.stripe.accounts.create({ type: 'express', capabilities: { transfers: { requested: true } } });
    const notOnboarded = t.stripe.transfers.create({ amount: 100, currency: 'eur', destination: pending.id });
    await expect(notOnboarded).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(notOnboarded).rejects.toMatchObject({ statusCode: 400, code: 'insufficient_capabilities_for_transfer', param: 'destination' });
    await expect(t.stripe.transfers.create({ amount: 100, currency: 'eur', destination: 'acct_missing' })).rejects.toMatchObject({
      code: 'resource_missing',
      param: 'destination',
      message: "No such destination: 'acct_missing'",
    });
    const account = await onboardedAccount();
    await expect(t.stripe.transfers.create({ amount: 391, currency: 'eur', destination: account.id })).rejects.toMatchObject({
      code: 'balance_insufficient',
    });
    await expect(t.stripe.transfers.create({ amount: 100, currency: 'usd', destination: account.id })).rejects.toMatchObject({
      code: 'balance_insufficient',
    });
    expect(await available()).toBe(390);
  });
});

describe('disputes', () => {
  it('opens a dispute through POST /_emulator/charges/:id/dispute and blocks refunds on it', async () => {
    const charge = await paidCharge();
    const { status, body: dispute } = await t.control<Stripe.Dispute>(`/_emulator/charges/${charge.id}/dispute`, { reason: 'product_not_received' });
    expect(status).toBe(200);
    expect(dispute.id).toMatch(/^dp_/);
    expect(dispute).toMatchObject({ object: 'dispute', amount: 390, charge: charge.id, reason: 'product_not_received', status: 'needs_response' });
    expect(await t.stripe.charges.retrieve(charge.id)).toMatchObject({ disputed: true });
    expect(await t.stripe.disputes.retrieve(dispute.id)).toMatchObject({ id: dispute.id, payment_intent: charge.payment_intent });
    await expect(t.stripe.refunds.create({ charge: charge.id })).rejects.toMatchObject({ code: 'charge_disputed' });
    expect(await t.control(`/_emulator/charges/${charge.id}/dispute`)).toMatchObject({ status: 400 });

    await t.webhooks.waitFor(5);
    expect(receivedEvents('charge.dispute.created').map((event) => (event.data.object as Stripe.Dispute).id)).toEqual([dispute.id]);

    const closed = await t.stripe.disputes.close(dispute.id);
    expect(closed.status).toBe('lost');
  });

  it('disputes payments made with 4000 0000 0000 0259 by itself', async () => {
    const charge = await paidCharge('4000000000000259');
    const disputes = await t.stripe.disputes.list({ charge: charge.id });
    expect(disputes.data).toMatchObject([{ charge: charge.id, reason: 'fraudulent' }]);
  });
});
