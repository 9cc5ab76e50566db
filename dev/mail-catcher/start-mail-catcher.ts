import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { listCaughtMails, type TCaughtMail } from '@/lib/mail/caught-mail';

/** An SMTP answer the catcher gives instead of accepting (tests of retries and refusals). */
export type TCatcherRefusal = { code: number; message: string };

export type TMailCatcherOptions = {
  /** 0 (default): any free loopback port. */
  port?: number;
  /** Where each caught mail is kept as `<id>.json` (lib/mail/caught-mail.ts reads them). */
  dir: string;
  /**
   * Decides each mail's answer after its data arrived and before it is answered: a refusal, or
   * null to accept. Tests use it to refuse with 4xx/5xx, or to kill a sender mid-delivery.
   */
  beforeAnswer?: (mail: TCaughtMail) => Promise<TCatcherRefusal | null> | TCatcherRefusal | null;
};

export type TMailCatcher = { port: number; url: string; dir: string; caught: () => Promise<TCaughtMail[]>; stop: () => Promise<void> };

const MAX_MAIL_BYTES = 10 * 1024 * 1024;

/**
 * A local SMTP server that accepts every mail on loopback and keeps it for the dev page
 * (/dev/mail) and tests: the demo's and the e2e stack's worker send their mail here, over real
 * SMTP, so nothing leaves the machine. No TLS and no auth: loopback only.
 */
export async function startMailCatcher(options: TMailCatcherOptions): Promise<TMailCatcher> {
  await mkdir(options.dir, { recursive: true });
  let sequence = 0;
  const server = new SMTPServer({
    name: 'nearprint-mail-catcher',
    banner: 'Nearprint local mail catcher',
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MAIL_BYTES,
    logger: false,
    onData(stream, session, callback) {
      void (async () => {
        const parsed = await simpleParser(stream);
        if (stream.sizeExceeded) return callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
        const id = `${Date.now().toString(36)}-${(sequence++).toString(36)}-${randomBytes(3).toString('hex')}`;
        const addresses = (value: typeof parsed.to) => (Array.isArray(value) ? value : value ? [value] : []).flatMap((group) => group.value.map((a) => a.address ?? ''));
        const mail: TCaughtMail = {
          id,
          receivedAt: new Date().toISOString(),
          messageId: parsed.messageId ?? null,
          from: parsed.from?.text ?? session.envelope.mailFrom?.toString() ?? '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address).filter(Boolean).length ? session.envelope.rcptTo.map((rcpt) => rcpt.address) : addresses(parsed.to),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : null,
        };
        const refusal = await options.beforeAnswer?.(mail);
        if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
        // Written whole, then renamed: a reader never sees half a mail.
        const file = path.join(options.dir, `${id}.json`);
        await writeFile(`${file}.tmp`, JSON.stringify(mail));
        await rename(`${file}.tmp`, file);
        callback();
      })().catch((error: Error) => callback(Object.assign(error, { responseCode: 451 })));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  server.on('error', (error) => console.error('[mail-catcher]', error.message));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    dir: options.dir,
    caught: () => listCaughtMails(options.dir),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
