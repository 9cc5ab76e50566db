import type { TMailPayload, TRenderedMail } from '@/lib/mail/mail-kinds';
import { pickupCodeFor } from '@/lib/orders/pickup-code';
import { signInLinkMail } from './sign-in-link-mail';
import { jobFailedMail, orderMovedMail, readyMail, receiptMail, refundMail } from './customer-mails';
import { appLink, loadAlertMailView, loadOrderMailView, loadShopMailView } from './load-mail-views';
import { alertMail, newJobMail } from './shop-owner-mails';

/** A mail whose order or shop no longer exists: it can never be rendered, so it is failed, not retried. */
export class UnrenderableMailError extends Error {}

/**
 * Renders an outbox payload into its subject, text and HTML when it is sent, from the database
 * as it is then (the order's lines and total were frozen when it was priced).
 */
export async function renderMail(payload: TMailPayload): Promise<TRenderedMail> {
  if (payload.kind === 'shop.alert') {
    const shop = await loadShopMailView(payload.shopId);
    const alert = shop && (await loadAlertMailView(payload.alertId, shop.timezone));
    if (!shop || !alert) throw new UnrenderableMailError(`Alert ${payload.alertId} of shop ${payload.shopId} does not exist.`);
    return alertMail(alert, shop, appLink(`/shop/${payload.shopId}/alerts`));
  }
  if (payload.kind === 'auth.sign_in_link') {
    const order = payload.orderId ? await loadOrderMailView(payload.orderId) : null;
    return signInLinkMail({ url: payload.url, expiresInMinutes: payload.expiresInMinutes, order: order ? { number: order.number } : null });
  }
  const order = await loadOrderMailView(payload.orderId);
  if (!order) throw new UnrenderableMailError(`Order ${payload.orderId} does not exist.`);
  const shopOf = async (shopId: string) => {
    const shop = await loadShopMailView(shopId);
    if (!shop) throw new UnrenderableMailError(`Shop ${shopId} does not exist.`);
    return shop;
  };
  switch (payload.kind) {
    case 'order.receipt':
      return receiptMail(order, await shopOf(order.shopId));
    case 'order.ready':
      return readyMail(order, await shopOf(order.shopId), pickupCodeFor(order.id));
    case 'order.refunded':
      return refundMail(order, await shopOf(order.shopId), payload);
    case 'job.failed':
      return jobFailedMail(order, await shopOf(order.shopId), payload);
    case 'order.moved':
      return orderMovedMail(order, await shopOf(payload.fromShopId), await shopOf(payload.toShopId));
    case 'shop.job_awaiting_acceptance':
      return newJobMail(order, await shopOf(payload.shopId), appLink(`/shop/${payload.shopId}/queue`));
  }
}
