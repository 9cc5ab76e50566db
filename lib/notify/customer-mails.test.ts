import { describe, expect, it } from 'vitest';
import { jobFailedMail, orderMovedMail, readyMail, receiptMail, refundMail } from './customer-mails';
import type { TOrderMailView, TShopMailView } from './mail-views';
import { newJobMail } from './shop-owner-mails';

const SHOP: TShopMailView = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Liffey Print',
  legalName: 'Liffey Print Services Ltd',
  vatId: 'IE1234567T',
  addressLines: ['12 Capel Street', 'D01 X2Y3 Dublin', 'IE'],
  email: 'hello@liffeyprint.ie',
  phone: '+353 1 555 0100',
  timezone: 'Europe/Dublin',
  weeklyHours: [
    { day: 'Monday', hours: '09:00–18:00' },
    { day: 'Sunday', hours: 'Closed' },
  ],
  todayHours: 'Today 09:00–18:00',
  directionsUrl: 'https://www.openstreetmap.org/directions?route=%3B53.348000%2C-6.268000',
  mapUrl: 'https://www.openstreetmap.org/?mlat=53.348000&mlon=-6.268000#map=18/53.348000/-6.268000',
  pageUrl: 'http://localhost:3000/shops/11111111-1111-4111-8111-111111111111',
};

const ORDER: TOrderMailView = {
  id: '22222222-2222-4222-8222-222222222222',
  number: 'NP-7K3F9Q',
  currency: 'eur',
  totalMinor: 1234,
  lines: [
    { label: '12 black & white pages', amountMinor: 120 },
    { label: '1 colour page', amountMinor: 1114 },
  ],
  jobSummary: '13 pages · A4 · colour where needed · one-sided',
  files: ['thesis.pdf'],
  paidAt: new Date('2026-12-06T14:05:00Z'),
  customerName: 'Aoife',
  pageUrl: 'http://localhost:3000/orders/22222222-2222-4222-8222-222222222222',
};

describe('receiptMail', () => {
  const mail = receiptMail(ORDER, SHOP);

  it('names the order, the shop and the total in the subject', () => {
    expect(mail.subject).toBe('Receipt for your order NP-7K3F9Q at Liffey Print (€12.34)');
  });

  it('lists every line and the total with lib/money, in both parts', () => {
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('12 black &amp; white pages'.replace('&amp;', part === mail.html ? '&amp;' : '&'));
      expect(part).toContain('€1.20');
      expect(part).toContain('€11.14');
      expect(part).toContain('Total paid');
      expect(part).toContain('€12.34');
    }
  });

  it('is VAT-ready: the legal name, the trading name, the VAT number and the address', () => {
    expect(mail.text).toContain('Liffey Print Services Ltd (trading as Liffey Print)');
    expect(mail.text).toMatch(/VAT number\s+IE1234567T/);
    expect(mail.text).toContain('12 Capel Street, D01 X2Y3 Dublin, IE');
  });

  it('leaves out the VAT number when the shop has none, and says the shop name once when it has no legal name', () => {
    const plain = receiptMail(ORDER, { ...SHOP, legalName: '', vatId: '' });
    expect(plain.text).not.toContain('VAT number');
    expect(plain.text).toMatch(/Sold by\s+Liffey Print\n/);
  });

  it('gives the payment time in the shop’s zone, one format', () => {
    expect(mail.text).toMatch(/Paid\s+6 Dec 2026, 14:05/);
  });

  it('links to the order page', () => {
    expect(mail.html).toContain(`href="${ORDER.pageUrl}"`);
    expect(mail.text).toContain(`Follow your order: ${ORDER.pageUrl}`);
  });
});

describe('readyMail', () => {
  const mail = readyMail(ORDER, SHOP, '482913');

  it('puts the pickup code up front, in the preview and both parts', () => {
    expect(mail.subject).toBe('Ready for pickup: order NP-7K3F9Q at Liffey Print');
    expect(mail.text).toContain('Pickup code: 482913');
    expect(mail.html).toContain('482913');
    expect(mail.html).toMatch(/display:none[^>]*>Your pickup code is 482913\. Today 09:00–18:00\./);
  });

  it('gives the opening hours and directions from the shop’s coordinates', () => {
    expect(mail.text).toMatch(/Monday\s+09:00–18:00/);
    expect(mail.text).toMatch(/Sunday\s+Closed/);
    expect(mail.text).toContain(`Directions: ${SHOP.directionsUrl}`);
    expect(mail.html).toContain(`href="${SHOP.mapUrl.replace('&', '&amp;')}"`);
  });
});

describe('refundMail', () => {
  it('tells a partial refund from a full one, with the amounts formatted', () => {
    const partial = refundMail(ORDER, SHOP, { amountMinor: 500, refundedTotalMinor: 500, reason: 'Two pages were missing' });
    expect(partial.subject).toBe('Refund of €5.00 for order NP-7K3F9Q');
    expect(partial.text).toContain('Part of order NP-7K3F9Q is refunded');
    expect(partial.text).toMatch(/Refunded in all\s+€5\.00 of €12\.34/);
    const full = refundMail(ORDER, SHOP, { amountMinor: 734, refundedTotalMinor: 1234, reason: 'Rest' });
    expect(full.text).toContain('Your order NP-7K3F9Q is refunded');
  });
});

describe('jobFailedMail and orderMovedMail', () => {
  it('says whether the money comes back', () => {
    expect(jobFailedMail(ORDER, SHOP, { reason: 'the printer refused the file.', isRefundDue: true }).text).toContain('You get a full refund of €12.34');
    expect(jobFailedMail(ORDER, SHOP, { reason: 'the printer refused the file.', isRefundDue: false }).text).toContain('no automatic refund');
  });

  it('tells where to collect a moved order', () => {
    const to = { ...SHOP, name: 'Grafton Copies', addressLines: ['1 Grafton Street', 'Dublin'] };
    const mail = orderMovedMail(ORDER, SHOP, to);
    expect(mail.subject).toBe('Order NP-7K3F9Q moved to Grafton Copies');
    expect(mail.text).toContain('moved from Liffey Print to Grafton Copies');
    expect(mail.text).toContain('1 Grafton Street, Dublin');
  });
});

describe('newJobMail', () => {
  it('asks the owner to accept, with what was paid and a link to the queue', () => {
    const mail = newJobMail(ORDER, SHOP, 'http://localhost:3000/shop/1/queue');
    expect(mail.subject).toBe('New job to accept at Liffey Print: NP-7K3F9Q (€12.34)');
    expect(mail.text).toContain('Open your queue: http://localhost:3000/shop/1/queue');
  });
});

describe('hostile values', () => {
  it('escapes names and reasons in the HTML part and keeps them literal in the text part', () => {
    const mail = jobFailedMail({ ...ORDER, customerName: '<script>alert(1)</script>' }, { ...SHOP, name: 'A & B "Print"' }, { reason: '<img src=x onerror=alert(1)>', isRefundDue: true });
    expect(mail.html).not.toMatch(/<script>|<img/);
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('A &amp; B &quot;Print&quot;');
    expect(mail.text).toContain('Hello <script>alert(1)</script>,');
  });
});
