import { formatMoney } from '@/lib/money/money';
import type { TRenderedMail } from '@/lib/mail/mail-kinds';
import { renderMailContent } from './mail-layout';
import type { TAlertMailView, TOrderMailView, TShopMailView } from './mail-views';

/** A paid job waits for the shop to accept it (shops without auto-accept). */
export function newJobMail(order: TOrderMailView, shop: TShopMailView, queueUrl: string): TRenderedMail {
  return renderMailContent({
    subject: `New job to accept at ${shop.name}: ${order.number} (${formatMoney(order.totalMinor, order.currency)})`,
    preheader: `${order.jobSummary}. Accept or reject it from your queue.`,
    heading: `A new job is waiting for you to accept`,
    blocks: [
      { kind: 'paragraph', text: `A customer paid for order ${order.number} at ${shop.name}. It prints once you accept it; rejecting it refunds the customer in full.` },
      {
        kind: 'facts',
        rows: [
          { label: 'Order number', value: order.number },
          { label: 'Job', value: order.jobSummary },
          ...(order.files.length ? [{ label: order.files.length === 1 ? 'File' : 'Files', value: order.files.join(', ') }] : []),
          { label: 'Customer paid', value: formatMoney(order.totalMinor, order.currency), isStrong: true },
        ],
      },
      { kind: 'button', label: 'Open your queue', url: queueUrl },
    ],
    footer: `You get this mail because you own ${shop.name} on Nearprint. Shops that accept jobs automatically get no such mail (Settings).`,
  });
}

/** An alert was raised at the shop: what happened, what to do, and where to look. */
export function alertMail(alert: TAlertMailView, shop: TShopMailView, alertsUrl: string): TRenderedMail {
  return renderMailContent({
    subject: `${shop.name}: ${alert.title}`,
    preheader: alert.action,
    heading: alert.title,
    blocks: [
      { kind: 'paragraph', text: alert.action },
      ...(alert.clearedAt ? [{ kind: 'paragraph' as const, text: `It has been fixed since (${alert.clearedAt}).` }] : []),
      {
        kind: 'facts',
        rows: [
          { label: 'Shop', value: shop.name },
          { label: 'Since', value: alert.raisedAt },
        ],
      },
      { kind: 'button', label: 'Open your alerts', url: alertsUrl },
    ],
    footer: `You get this mail because you own ${shop.name} on Nearprint. Each alert is mailed once, when it is raised; it clears by itself once the cause is fixed.`,
  });
}
