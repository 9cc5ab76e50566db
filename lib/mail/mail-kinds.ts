import { z } from 'zod';

const ZUuid = z.uuid();

/**
 * Every mail Nearprint sends, by kind, with the references it is rendered from when it goes out
 * (lib/notify/render-mail.ts). Payloads hold ids and the facts of the moment (a refund's amount),
 * never rendered text, so a fixed template applies to mails still waiting. A new kind (printer
 * alerts, sign-in links) adds its schema here and its template in lib/notify.
 */
export const ZMailPayload = z.discriminatedUnion('kind', [
  /** To the customer, when the payment is recorded: lines, total, the shop's details. */
  z.object({ kind: z.literal('order.receipt'), orderId: ZUuid }),
  /** To the customer, when the order is ready: pickup code, hours, directions. */
  z.object({ kind: z.literal('order.ready'), orderId: ZUuid }),
  /** To the customer, when Stripe confirmed a refund (amounts in minor units of the order's currency). */
  z.object({
    kind: z.literal('order.refunded'),
    orderId: ZUuid,
    amountMinor: z.number().int().positive(),
    refundedTotalMinor: z.number().int().nonnegative(),
    reason: z.string().max(500),
  }),
  /** To the customer, when a print job failed for good. */
  z.object({ kind: z.literal('job.failed'), orderId: ZUuid, jobId: ZUuid, reason: z.string().max(500), isRefundDue: z.boolean() }),
  /** To the customer, when the order moved to another shop (pick up there). */
  z.object({ kind: z.literal('order.moved'), orderId: ZUuid, fromShopId: ZUuid, toShopId: ZUuid }),
  /** To the shop's owner, when a paid job waits for them to accept it. */
  z.object({ kind: z.literal('shop.job_awaiting_acceptance'), orderId: ZUuid, jobId: ZUuid, shopId: ZUuid }),
  /**
   * To a guest, when they check out with only an email (and when they ask for one on the sign-in
   * page): a one-time better-auth magic link that signs them in, opening the order if there is one.
   * The link is the fact of the moment: its token exists only in this mail and, stored, in
   * better-auth's verifications until it is used or expires.
   */
  z.object({ kind: z.literal('auth.sign_in_link'), url: z.url({ protocol: /^https?$/ }).max(2000), orderId: ZUuid.optional(), expiresInMinutes: z.number().int().positive() }),
  /** To the shop's owner, when an alert is raised (a printer offline, toner low, paper out, a job waiting or failed). */
  z.object({ kind: z.literal('shop.alert'), shopId: ZUuid, alertId: ZUuid }),
]);

export type TMailPayload = z.infer<typeof ZMailPayload>;
export type TMailKind = TMailPayload['kind'];
export type TMailPayloadOf<K extends TMailKind> = Extract<TMailPayload, { kind: K }>;

/** What the templates make of a payload: one mail with both parts. */
export type TRenderedMail = { subject: string; text: string; html: string };
