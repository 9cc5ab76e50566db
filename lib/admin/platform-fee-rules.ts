import { desc, eq } from 'drizzle-orm';
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { db } from '@/db/client';
import { platformFees, users } from '@/db/schema';
import { DEFAULT_FEE_RULE } from '@/lib/quote/platform-fee';
import { env } from '@/lib/config/env';
import { AppError } from '@/lib/errors/app-error';
import { formatMoney, parseMoney } from '@/lib/money/money';
import { recordAudit } from './record-audit';

/** Sanity bounds: a commission above half the order, or a fixed fee above this, is a typo. */
export const MAX_FEE_PERCENT = 50;
export const MAX_FIXED_FEE_MINOR = 1_000;

export const ZAddFeeRuleRequest = z.object({
  percent: z
    .string()
    .trim()
    .regex(/^\d{1,2}(\.\d{1,2})?$/, 'Enter a percentage like 10 or 12.5 (at most 2 decimals)')
    .refine((v) => Number(v) <= MAX_FEE_PERCENT, `At most ${MAX_FEE_PERCENT}%`),
  fixed: z.string().trim().max(20).default('0'),
  effectiveFrom: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Choose the date and time the fee starts'),
  /** The admin's browser time zone, so "from 1 March 00:00" means their midnight. */
  timezone: z
    .string()
    .trim()
    .default('UTC')
    .refine((zone) => IANAZone.isValidZone(zone), 'Unknown time zone'),
});
export type TAddFeeRuleRequest = z.infer<typeof ZAddFeeRuleRequest>;

export const ZWithdrawFeeRuleRequest = z.object({ ruleId: z.uuid('Unknown fee rule') });

function fieldError(field: string, message: string): AppError {
  return new AppError('bad_request', message, { fieldErrors: { [field]: [message] } });
}

/** "12.5" → 1250 basis points, exactly (no floats). */
export function percentToBps(percent: string): number {
  const [whole, fraction = ''] = percent.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/**
 * Schedules a new platform fee. It can only start in the future: orders already paid keep the
 * fee of their payment time (lib/billing/record-payment.ts), and a backdated rule would make
 * the fee history disagree with what was charged. The rule and its audit entry commit together.
 */
export async function addFeeRule(request: TAddFeeRuleRequest & { adminId: string; now?: Date }) {
  const currency = env().CURRENCY;
  const fixed = parseMoney(request.fixed === '' ? '0' : request.fixed, currency, { maxMinor: MAX_FIXED_FEE_MINOR });
  if (!fixed.ok) throw fieldError('fixed', fixed.message.replace('the most we allow', 'the largest fixed fee allowed'));
  const start = DateTime.fromISO(request.effectiveFrom, { zone: request.timezone });
  // Luxon moves a wall-clock time inside a spring-forward gap; refuse it rather than guess.
  if (!start.isValid || start.toFormat("yyyy-MM-dd'T'HH:mm") !== request.effectiveFrom) throw fieldError('effectiveFrom', 'That date and time do not exist in your time zone (the clocks change then)');
  const now = request.now ?? new Date();
  if (start.toMillis() <= now.getTime()) throw fieldError('effectiveFrom', 'Choose a moment in the future: fees already charged cannot change');
  const percentBps = percentToBps(request.percent);
  return db.transaction(async (tx) => {
    const [clash] = await tx.select({ id: platformFees.id }).from(platformFees).where(eq(platformFees.effectiveFrom, start.toJSDate()));
    if (clash) throw fieldError('effectiveFrom', 'Another fee rule starts at exactly that moment; withdraw it first or pick another time');
    const [rule] = await tx.insert(platformFees).values({ effectiveFrom: start.toJSDate(), percentBps, fixedMinor: fixed.minor, createdBy: request.adminId }).returning();
    await recordAudit(
      {
        actorId: request.adminId,
        action: 'platform_fee.schedule',
        targetType: 'platform_fee',
        targetId: rule.id,
        after: { percentBps, fixedMinor: fixed.minor, effectiveFrom: rule.effectiveFrom.toISOString(), summary: describeFeeRule({ percentBps, fixedMinor: fixed.minor }, currency) },
      },
      tx,
    );
    return rule;
  });
}

/** Withdraws a rule that has not started yet; rules in force or past are history and stay. */
export async function withdrawFeeRule(options: { ruleId: string; adminId: string; now?: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    const [rule] = await tx.select().from(platformFees).where(eq(platformFees.id, options.ruleId)).for('update');
    if (!rule) throw new AppError('not_found', 'We could not find that fee rule.');
    if (rule.effectiveFrom.getTime() <= (options.now ?? new Date()).getTime()) throw new AppError('conflict', 'This fee has already started and is part of the history; schedule a new one instead.');
    await tx.delete(platformFees).where(eq(platformFees.id, rule.id));
    await recordAudit(
      {
        actorId: options.adminId,
        action: 'platform_fee.withdraw',
        targetType: 'platform_fee',
        targetId: rule.id,
        before: { percentBps: rule.percentBps, fixedMinor: rule.fixedMinor, effectiveFrom: rule.effectiveFrom.toISOString() },
      },
      tx,
    );
  });
}

export function describeFeeRule(rule: { percentBps: number; fixedMinor: number }, currency: string): string {
  const percent = `${(rule.percentBps / 100).toLocaleString('en-IE', { maximumFractionDigits: 2 })}%`;
  return rule.fixedMinor ? `${percent} + ${formatMoney(rule.fixedMinor, currency)} per order` : `${percent} of each order`;
}

export type TFeeRuleState = 'scheduled' | 'in_force' | 'superseded';

/** Every rule, newest start first, with which one is in force now; the default applies before the first. */
export async function listFeeRules(now = new Date()) {
  const rows = await db.select({ rule: platformFees, createdByEmail: users.email }).from(platformFees).leftJoin(users, eq(users.id, platformFees.createdBy)).orderBy(desc(platformFees.effectiveFrom));
  const inForce = rows.find((r) => r.rule.effectiveFrom.getTime() <= now.getTime());
  return {
    rules: rows.map((r) => ({
      ...r.rule,
      createdByEmail: r.createdByEmail,
      state: (r.rule.effectiveFrom.getTime() > now.getTime() ? 'scheduled' : r === inForce ? 'in_force' : 'superseded') as TFeeRuleState,
    })),
    current: inForce ? { percentBps: inForce.rule.percentBps, fixedMinor: inForce.rule.fixedMinor, isDefault: false } : { ...DEFAULT_FEE_RULE, isDefault: true },
  };
}
