import { mailSettings, type TMailSettings } from '@/lib/config/mail-settings';
import { ZMailPayload } from '@/lib/mail/mail-kinds';
import { claimMail, failMail, markMailSent, retryMail } from '@/lib/mail/mail-outbox';
import { createSmtpSender, type TMailSender } from '@/lib/mail/smtp-sender';
import { renderMail, UnrenderableMailError } from '@/lib/notify/render-mail';
import { retryDelayMs } from '@/lib/print-jobs/retry-backoff';
import { runLoop } from '../run-loop';

const IDLE_MS = 250;

/**
 * Sends one due mail from the outbox; true when there was one. The claim (a lease, SKIP LOCKED)
 * keeps two workers off the same mail; the row is marked sent only by the worker still holding
 * it. What this cannot promise, and no SMTP client can: a worker that dies after the server
 * accepted the mail and before the row says so leaves the mail `sending`; when its lease runs
 * out another worker sends it again, with the same Message-ID (fixed at enqueue), so the copy is
 * recognisable and most mail systems drop it. Every other crash point loses nothing and sends
 * nothing twice.
 */
export async function sendNextMail(workerId: string, sender: TMailSender, settings: TMailSettings = mailSettings()): Promise<boolean> {
  const mail = await claimMail(workerId, settings.leaseMs);
  if (!mail) return false;
  const payload = ZMailPayload.safeParse(mail.payload);
  if (!payload.success) {
    await failMail(mail.id, workerId, `Unreadable payload: ${payload.error.issues.map((issue) => issue.message).join('; ')}`);
    return true;
  }
  let rendered;
  try {
    rendered = await renderMail(payload.data);
  } catch (error) {
    if (error instanceof UnrenderableMailError) await failMail(mail.id, workerId, error.message);
    else await retryOrFail(mail, workerId, settings, `Could not render: ${(error as Error).message}`);
    return true;
  }
  const result = await sender.send({ ...rendered, to: mail.toAddress, messageId: mail.messageId });
  if (result.outcome === 'sent') {
    if (!(await markMailSent(mail.id, workerId, rendered.subject)))
      console.warn(`[mail] ${mail.id}: sent, but its claim ran out meanwhile; another worker may send it again (Message-ID ${mail.messageId}).`);
  } else if (result.outcome === 'rejected') {
    console.error(`[mail] ${mail.id} to ${mail.toAddress} refused for good: ${result.error}`);
    await failMail(mail.id, workerId, result.error, rendered.subject);
  } else {
    await retryOrFail(mail, workerId, settings, result.error);
  }
  return true;
}

async function retryOrFail(mail: { id: string; attempts: number }, workerId: string, settings: TMailSettings, error: string): Promise<void> {
  if (mail.attempts >= settings.maxAttempts) {
    console.error(`[mail] ${mail.id}: giving up after ${mail.attempts} attempts: ${error}`);
    await failMail(mail.id, workerId, `Gave up after ${mail.attempts} attempts: ${error}`);
    return;
  }
  await retryMail(mail.id, workerId, new Date(Date.now() + retryDelayMs(mail.attempts, settings.backoff)), error);
}

/** The worker's mail loop; with mail off (no SMTP_URL) it does nothing and mails wait in the outbox. */
export async function runMailSender(signal: AbortSignal, workerId: string, settings: TMailSettings = mailSettings()): Promise<void> {
  if (!settings.smtpUrl) return;
  const sender = createSmtpSender(settings.smtpUrl, settings.from);
  try {
    await runLoop('mail-sender', { signal, idleMs: IDLE_MS, tick: () => sendNextMail(workerId, sender, settings) });
  } finally {
    sender.close();
  }
}
