import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * A mail the local SMTP catcher (dev/mail-catcher) received, as it stores it: one JSON file per
 * mail in MAIL_CATCHER_DIR, read back by the dev page (/dev/mail) and the e2e tests.
 */
export const ZCaughtMail = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,80}$/),
  receivedAt: z.iso.datetime(),
  messageId: z.string().nullable(),
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
});

export type TCaughtMail = z.infer<typeof ZCaughtMail>;

/** The caught mails, newest first; files that are not caught mails are skipped. */
export async function listCaughtMails(dir: string): Promise<TCaughtMail[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  const mails = await Promise.all(names.map((name) => readCaughtFile(path.join(dir, name))));
  return mails.filter((mail): mail is TCaughtMail => mail !== null).sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || b.id.localeCompare(a.id));
}

/** One caught mail by id, or null (ids are checked, so no path leaves `dir`). */
export async function readCaughtMail(dir: string, id: string): Promise<TCaughtMail | null> {
  if (!ZCaughtMail.shape.id.safeParse(id).success) return null;
  return readCaughtFile(path.join(dir, `${id}.json`));
}

async function readCaughtFile(file: string): Promise<TCaughtMail | null> {
  try {
    const parsed = ZCaughtMail.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
