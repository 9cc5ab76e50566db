import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { decodeForm, FormDecodeError } from './decode-form';

describe('decodeForm', () => {
  it('nests bracket notation and keeps indexed arrays as index-keyed objects', () => {
    const decoded = decodeForm(
      'mode=payment&line_items[0][price_data][currency]=eur&line_items[0][price_data][unit_amount]=120' +
        '&line_items[0][price_data][product_data][name]=A4%20colour&line_items[0][quantity]=2' +
        '&line_items[1][quantity]=1&metadata[order_id]=ord_1&payment_method_types[0]=card',
    );
    expect(decoded).toEqual({
      mode: 'payment',
      line_items: {
        0: { price_data: { currency: 'eur', unit_amount: '120', product_data: { name: 'A4 colour' } }, quantity: '2' },
        1: { quantity: '1' },
      },
      metadata: { order_id: 'ord_1' },
      payment_method_types: { 0: 'card' },
    });
  });

  it('appends `[]` values to arrays, including objects built across keys', () => {
    expect(decodeForm('expand[]=payment_intent&expand[]=line_items')).toEqual({ expand: ['payment_intent', 'line_items'] });
    expect(decodeForm('items[][price]=a&items[][qty]=1&items[][price]=b')).toEqual({ items: [{ price: 'a', qty: '1' }, { price: 'b' }] });
  });

  it('decodes percent-encoded brackets, plus signs and UTF-8', () => {
    expect(decodeForm('metadata%5Bnote%5D=caf%C3%A9+au+lait&description=a%2Bb')).toEqual({
      metadata: { note: 'café au lait' },
      description: 'a+b',
    });
  });

  it('keeps empty values, which Stripe reads as "unset"', () => {
    expect(decodeForm('metadata[old]=&email=')).toEqual({ metadata: { old: '' }, email: '' });
  });

  it('reads what the real SDK sends', async () => {
    const bodies: string[] = [];
    const server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const stripe = new Stripe('sk_test_x', { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
    await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price_data: { currency: 'eur', unit_amount: 120, product_data: { name: 'A4 & A3 – 50%' } }, quantity: 2 }],
      success_url: 'http://127.0.0.1:3000/paid?session_id={CHECKOUT_SESSION_ID}',
      metadata: { order_id: 'ord_1' },
      expand: ['payment_intent'],
    });
    server.close();
    expect(decodeForm(bodies[0])).toEqual({
      mode: 'payment',
      line_items: { 0: { price_data: { currency: 'eur', unit_amount: '120', product_data: { name: 'A4 & A3 – 50%' } }, quantity: '2' } },
      success_url: 'http://127.0.0.1:3000/paid?session_id={CHECKOUT_SESSION_ID}',
      metadata: { order_id: 'ord_1' },
      expand: { 0: 'payment_intent' },
    });
  });

  it.each([
    ['a=1&a[b]=2', 'value then hash'],
    ['a[b]=2&a=1', 'hash then value'],
    ['a[]=1&a[0]=2', 'array then hash'],
    ['a[b=1', 'unbalanced bracket'],
    ['[a]=1', 'no name'],
    ['a[__proto__][x]=1', 'prototype key'],
  ])('rejects %s (%s)', (input) => {
    expect(() => decodeForm(input)).toThrow(FormDecodeError);
  });

  it('bounds nesting depth', () => {
    expect(() => decodeForm(`a${'[x]'.repeat(12)}=1`)).toThrow(/nested too deeply/);
  });
});
