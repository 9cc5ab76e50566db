import { formatMoney } from '@/lib/money/money';
import { formatDateTime } from '@/lib/text/format-date-time';
import type { TRenderedMail } from '@/lib/mail/mail-kinds';
import { renderMailContent, type TMailBlock } from './mail-layout';
import type { TOrderMailView, TShopMailView } from './mail-views';

const greeting = (order: TOrderMailView) => (order.customerName ? `Hello ${order.customerName},` : 'Hello,');

const footerFor = (order: TOrderMailView, shop: TShopMailView) =>
  `You get this mail because you ordered prints from ${shop.name} through Nearprint (order ${order.number}). Questions about the prints: ${[shop.phone, shop.email].filter(Boolean).join(', ') || 'ask at the shop'}.`;

function shopBlocks(shop: TShopMailView, options: { isVat?: boolean } = {}): TMailBlock[] {
  const seller = options.isVat && shop.legalName && shop.legalName !== shop.name ? `${shop.legalName} (trading as ${shop.name})` : shop.name;
  return [
    {
      kind: 'facts',
      rows: [
        { label: options.isVat ? 'Sold by' : 'Shop', value: seller },
        ...(options.isVat && shop.vatId ? [{ label: 'VAT number', value: shop.vatId }] : []),
        { label: 'Address', value: shop.addressLines.join(', ') },
        ...(shop.phone ? [{ label: 'Phone', value: shop.phone }] : []),
        ...(shop.email ? [{ label: 'Email', value: shop.email }] : []),
      ],
    },
  ];
}

function hoursBlocks(shop: TShopMailView): TMailBlock[] {
  return [
    { kind: 'heading', text: `Opening hours (${shop.todayHours})` },
    { kind: 'facts', rows: shop.weeklyHours.map((day) => ({ label: day.day, value: day.hours })) },
    {
      kind: 'links',
      links: [
        { label: 'Directions', url: shop.directionsUrl },
        { label: 'Map', url: shop.mapUrl },
        { label: 'Shop page', url: shop.pageUrl },
      ],
    },
  ];
}

/** The receipt, when the payment is recorded: every line, the total, and who sold it (VAT-ready). */
export function receiptMail(order: TOrderMailView, shop: TShopMailView): TRenderedMail {
  const money = (minor: number) => formatMoney(minor, order.currency);
  return renderMailContent({
    subject: `Receipt for your order ${order.number} at ${shop.name} (${money(order.totalMinor)})`,
    preheader: `Paid ${money(order.totalMinor)}. We will mail you again when your prints are ready.`,
    heading: `Receipt for order ${order.number}`,
    blocks: [
      { kind: 'paragraph', text: greeting(order) },
      { kind: 'paragraph', text: `Thank you for your order. ${shop.name} has it now; we will mail you again when your prints are ready to collect.` },
      {
        kind: 'facts',
        rows: [
          { label: 'Order number', value: order.number },
          ...(order.paidAt ? [{ label: 'Paid', value: formatDateTime(order.paidAt, shop.timezone) }] : []),
          { label: 'Job', value: order.jobSummary },
          ...(order.files.length ? [{ label: order.files.length === 1 ? 'File' : 'Files', value: order.files.join(', ') }] : []),
        ],
      },
      { kind: 'heading', text: 'What you paid for' },
      { kind: 'facts', rows: [...order.lines.map((line) => ({ label: line.label, value: money(line.amountMinor) })), { label: 'Total paid', value: money(order.totalMinor), isStrong: true }] },
      { kind: 'paragraph', text: `Prices include any VAT the shop charges. Paid by card through Nearprint.` },
      { kind: 'heading', text: 'Seller' },
      ...shopBlocks(shop, { isVat: true }),
      { kind: 'button', label: 'Follow your order', url: order.pageUrl },
    ],
    footer: footerFor(order, shop),
  });
}

/** Ready for pickup: the code to give at the counter, when the shop is open and how to get there. */
export function readyMail(order: TOrderMailView, shop: TShopMailView, pickupCode: string): TRenderedMail {
  return renderMailContent({
    subject: `Ready for pickup: order ${order.number} at ${shop.name}`,
    preheader: `Your pickup code is ${pickupCode}. ${shop.todayHours}.`,
    heading: `Your prints are ready at ${shop.name}`,
    blocks: [
      { kind: 'paragraph', text: greeting(order) },
      { kind: 'paragraph', text: `Order ${order.number} (${order.jobSummary}) is ready. Give this code at the counter, or show the QR code on your order page.` },
      { kind: 'code', label: 'Pickup code', code: pickupCode },
      { kind: 'button', label: 'Open your order', url: order.pageUrl },
      { kind: 'heading', text: 'Where to collect' },
      ...shopBlocks(shop),
      ...hoursBlocks(shop),
    ],
    footer: footerFor(order, shop),
  });
}

/** A refund Stripe confirmed: how much, why, and when it reaches the card. */
export function refundMail(order: TOrderMailView, shop: TShopMailView, refund: { amountMinor: number; refundedTotalMinor: number; reason: string }): TRenderedMail {
  const money = (minor: number) => formatMoney(minor, order.currency);
  const isFull = refund.refundedTotalMinor >= order.totalMinor;
  return renderMailContent({
    subject: `Refund of ${money(refund.amountMinor)} for order ${order.number}`,
    preheader: `${money(refund.amountMinor)} is on its way back to your card.`,
    heading: isFull ? `Your order ${order.number} is refunded` : `Part of order ${order.number} is refunded`,
    blocks: [
      { kind: 'paragraph', text: greeting(order) },
      { kind: 'paragraph', text: `We have refunded ${money(refund.amountMinor)} to the card you paid with. Banks usually show it within 5–10 working days.` },
      {
        kind: 'facts',
        rows: [
          { label: 'Order number', value: order.number },
          { label: 'Reason', value: refund.reason },
          { label: 'This refund', value: money(refund.amountMinor) },
          { label: 'Refunded in all', value: `${money(refund.refundedTotalMinor)} of ${money(order.totalMinor)}`, isStrong: true },
        ],
      },
      ...shopBlocks(shop),
      { kind: 'button', label: 'See your order', url: order.pageUrl },
    ],
    footer: footerFor(order, shop),
  });
}

/** A print job that failed for good: what happened and what happens to the money. */
export function jobFailedMail(order: TOrderMailView, shop: TShopMailView, failure: { reason: string; isRefundDue: boolean }): TRenderedMail {
  return renderMailContent({
    subject: `We could not print order ${order.number} at ${shop.name}`,
    preheader: failure.isRefundDue ? 'You get your money back in full.' : 'The shop will be in touch.',
    heading: `Order ${order.number} could not be printed`,
    blocks: [
      { kind: 'paragraph', text: greeting(order) },
      { kind: 'paragraph', text: `${shop.name} could not print your order: ${failure.reason}` },
      {
        kind: 'paragraph',
        text: failure.isRefundDue
          ? `You get a full refund of ${formatMoney(order.totalMinor, order.currency)}; we will mail you when it is on its way. You can order again at any shop.`
          : 'Part of your order was printed already, so there is no automatic refund. Your order page shows what to do next.',
      },
      ...shopBlocks(shop),
      { kind: 'button', label: 'See your order', url: order.pageUrl },
    ],
    footer: footerFor(order, shop),
  });
}

/** The order moved to another shop: where to collect it now. */
export function orderMovedMail(order: TOrderMailView, from: TShopMailView, to: TShopMailView): TRenderedMail {
  return renderMailContent({
    subject: `Order ${order.number} moved to ${to.name}`,
    preheader: `Collect it at ${to.addressLines.join(', ')}.`,
    heading: `Your order now prints at ${to.name}`,
    blocks: [
      { kind: 'paragraph', text: greeting(order) },
      { kind: 'paragraph', text: `Order ${order.number} moved from ${from.name} to ${to.name}. Collect it at ${to.name}; we will mail you when it is ready.` },
      {
        kind: 'facts',
        rows: [
          { label: 'Order number', value: order.number },
          { label: 'Total', value: formatMoney(order.totalMinor, order.currency), isStrong: true },
        ],
      },
      { kind: 'heading', text: 'Where to collect now' },
      ...shopBlocks(to),
      ...hoursBlocks(to),
      { kind: 'button', label: 'See your order', url: order.pageUrl },
    ],
    footer: footerFor(order, to),
  });
}
