import { z } from 'zod';
import type { TBackoffSettings } from './print-settings';
import { emptyIsUnset, parseEnv, processEnv, type TEnvSource } from './parse-env';

/** A bare address or `Name <address>`: what a From header may hold. */
const MAIL_FROM_PATTERN = /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

export const DEFAULT_MAIL_FROM = 'Nearprint <no-reply@nearprint.local>';

export const ZMailEnv = z.object({
  /**
   * The SMTP server mail goes out through: `smtp://user:pass@host:587` (STARTTLS when offered) or
   * `smtps://…:465`. Unset: mail is off; the outbox keeps what is enqueued and the app says so at start.
   */
  SMTP_URL: emptyIsUnset(z.url({ protocol: /^smtps?$/, message: 'SMTP_URL must be an smtp:// or smtps:// URL' }).optional()),
  /** The From of every mail: `Name <address>` or an address; its domain also names the Message-IDs. */
  MAIL_FROM: emptyIsUnset(z.string().regex(MAIL_FROM_PATTERN, 'MAIL_FROM must be an address or "Name <address>"').default(DEFAULT_MAIL_FROM)),
  /** Backoff after a failed delivery (SMTP down or 4xx), doubling up to MAIL_RETRY_MAX_MS. */
  MAIL_RETRY_BASE_MS: emptyIsUnset(z.coerce.number().int().min(10).default(30_000)),
  MAIL_RETRY_MAX_MS: emptyIsUnset(
    z.coerce
      .number()
      .int()
      .min(10)
      .default(60 * 60_000),
  ),
  /** Deliveries a mail gets before it is recorded as failed. */
  MAIL_MAX_ATTEMPTS: emptyIsUnset(z.coerce.number().int().min(1).max(100).default(12)),
  /** A sending worker's claim on a mail; a dead worker's mail is sent again after this (same Message-ID). */
  MAIL_LEASE_MS: emptyIsUnset(z.coerce.number().int().min(1000).default(60_000)),
  /** Dev only (set by the local launcher): where the local SMTP catcher keeps caught mails, listed at /dev/mail. */
  MAIL_CATCHER_DIR: emptyIsUnset(z.string().optional()),
});

export type TMailSettings = {
  /** null: mail is off. */
  smtpUrl: string | null;
  from: string;
  backoff: TBackoffSettings;
  maxAttempts: number;
  leaseMs: number;
};

export function mailSettings(source: TEnvSource = processEnv()): TMailSettings {
  const parsed = parseEnv(ZMailEnv, source);
  return {
    smtpUrl: parsed.SMTP_URL ?? null,
    from: parsed.MAIL_FROM,
    backoff: { baseMs: parsed.MAIL_RETRY_BASE_MS, maxMs: parsed.MAIL_RETRY_MAX_MS },
    maxAttempts: parsed.MAIL_MAX_ATTEMPTS,
    leaseMs: parsed.MAIL_LEASE_MS,
  };
}

/** The domain of MAIL_FROM's address, for Message-IDs. */
export function mailDomain(from: string = mailSettings().from): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.slice(address.lastIndexOf('@') + 1).trim() || 'nearprint.local';
}

/**
 * The caught-mail folder the dev page reads, or null. Only for the local launcher's stack (not
 * production, or production with NEARPRINT_ALLOW_DEV_DEFAULTS): never a page in a deployment.
 */
export function mailCatcherDir(source: TEnvSource = processEnv()): string | null {
  const isDevStack = source.NODE_ENV !== 'production' || source.NEARPRINT_ALLOW_DEV_DEFAULTS === 'true';
  return isDevStack ? (parseEnv(ZMailEnv, source).MAIL_CATCHER_DIR ?? null) : null;
}

/** What a production process says at start when mail is off (not an error: the rest works). */
export function mailStartupNotices(source: TEnvSource = processEnv()): string[] {
  if (source.NODE_ENV !== 'production' || source.SMTP_URL) return [];
  return ['Mail is off: SMTP_URL is not set, so no receipts, pickup notices or shop alerts are sent. They wait in the mail outbox and go out once SMTP_URL is set.'];
}
