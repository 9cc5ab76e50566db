import nodemailer from 'nodemailer';
import type { TRenderedMail } from './mail-kinds';

export type TOutgoingMail = TRenderedMail & { to: string; messageId: string };

/** What the SMTP server made of a delivery: accepted, try later (4xx, unreachable), or never (5xx). */
export type TDeliveryResult = { outcome: 'sent' } | { outcome: 'retry' | 'rejected'; error: string };

export type TMailSender = { send: (mail: TOutgoingMail) => Promise<TDeliveryResult>; close: () => void };

/**
 * Sends over SMTP with nodemailer, one connection per mail (the outbox sends few, and a pooled
 * connection would outlive a server restart). Short timeouts: a hung server costs a retry, not
 * the worker's lease.
 */
export function createSmtpSender(smtpUrl: string, from: string): TMailSender {
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    async send(mail) {
      try {
        await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId });
        return { outcome: 'sent' };
      } catch (error) {
        return classifyDeliveryError(error);
      }
    },
    close: () => transport.close(),
  };
}

/** RFC 5321: 5xx is a permanent refusal; 4xx and anything without a reply (refused connection, timeout) may pass later. */
export function classifyDeliveryError(error: unknown): Exclude<TDeliveryResult, { outcome: 'sent' }> {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  const message = e.response ?? e.message ?? String(error);
  if (typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600) return { outcome: 'rejected', error: message };
  return { outcome: 'retry', error: e.code && !e.response ? `${e.code}: ${message}` : message };
}
