import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, isNotNull, sql } from 'drizzle-orm';
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { db, type TDatabase } from '@/db/client';
import { orders, platformFees, shops, users } from '@/db/schema';
import { DEFAULT_FEE_RULE, feeRuleAt, platformFeeFor } from '@/lib/quote/platform-fee';
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

/** The confirmation step: the admin saw the preview (computed against this schedule) and ticked it. */
export const ZConfirmFeeRuleRequest = ZAddFeeRuleRequest.extend({
  confirm: z.literal('yes', { error: 'Tick that you checked the effect of the new fee' }),
  expectedSchedule: z.string().trim().min(1, 'Review the change first').max(64),
});

export const ZWithdrawFeeRuleRequest = z.object({ ruleId: z.uuid('Unknown fee rule') });

function fieldError(field: string, message: string): AppError {
  return new AppError('bad_request', message, { fieldErrors: { [field]: [message] } });
}

/** "12.5" → 1250 basis points, exactly (no floats). */
export function percentToBps(percent: string): number {
  const [whole, fraction = ''] = percent.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** The checked parts of a request: the start as an instant, the fee in basis points and minor units. */
function parseFeeRule(request: TAddFeeRuleRequest, now: Date): { start: Date; percentBps: number; fixedMinor: number } {
  const currency = env().CURRENCY;
  const fixed = parseMoney(request.fixed === '' ? '0' : request.fixed, currency, { maxMinor: MAX_FIXED_FEE_MINOR });
  if (!fixed.ok) throw fieldError('fixed', fixed.message.replace('the most we allow', 'the largest fixed fee allowed'));
  const start = DateTime.fromISO(request.effectiveFrom, { zone: request.timezone });
  // Luxon moves a wall-clock time inside a spring-forward gap; refuse it rather than guess.
  if (!start.isValid || start.toFormat("yyyy-MM-dd'T'HH:mm") !== request.effectiveFrom) throw fieldError('effectiveFrom', 'That date and time do not exist in your time zone (the clocks change then)');
  if (start.toMillis() <= now.getTime()) throw fieldError('effectiveFrom', 'Choose a moment in the future: fees already charged cannot change');
  return { start: start.toJSDate(), percentBps: percentToBps(request.percent), fixedMinor: fixed.minor };
}

type TFeeExecutor = Pick<TDatabase, 'select'>;

/**
 * A fingerprint of the whole fee schedule (every rule's id, start and amounts). The confirmation
 * step shows an effect computed against one schedule; if another admin scheduled or withdrew a
 * fee meanwhile the fingerprint differs and the change is refused, so nobody confirms an effect
 * that is no longer true.
 */
export async function feeScheduleFingerprint(executor: TFeeExecutor = db): Promise<string> {
  const rows = await executor
    .select({ id: platformFees.id, effectiveFrom: platformFees.effectiveFrom, percentBps: platformFees.percentBps, fixedMinor: platformFees.fixedMinor })
    .from(platformFees)
    .orderBy(asc(platformFees.effectiveFrom), asc(platformFees.id));
  const text = rows.map((r) => `${r.id}:${r.effectiveFrom.toISOString()}:${r.percentBps}:${r.fixedMinor}`).join('|');
  return createHash('sha256').update(text, 'utf8').digest('base64url').slice(0, 22);
}

export type TFeeExample = { totalMinor: number; label: string; feeBeforeMinor: number; feeAfterMinor: number };

export type TFeeRulePreview = {
  currency: string;
  startsAt: string;
  /** The fee that would be in force from the start without this change. */
  before: { percentBps: number; fixedMinor: number; summary: string };
  after: { percentBps: number; fixedMinor: number; summary: string };
  /** The next scheduled rule after this one's start, which would end it. */
  endsAt: string | null;
  examples: TFeeExample[];
  /** Had the new fee applied to the last 30 days' paid orders (what shops would have kept). */
  recent: { orderCount: number; shopCount: number; feesBeforeMinor: number; feesAfterMinor: number };
  activeShopCount: number;
  scheduleFingerprint: string;
};

/** Example order totals: the last 30 days' median order, and two round amounts (minor units). */
const ROUND_EXAMPLES_MINOR = [500, 2_000];

/**
 * What a new fee would do, shown before it is scheduled (nothing is written): the fee it
 * replaces from its start, the fee on example orders, and on the last 30 days' orders across the
 * shops that had them; plus the schedule fingerprint the confirmation must send back.
 */
export async function previewFeeRule(request: TAddFeeRuleRequest & { now?: Date }): Promise<TFeeRulePreview> {
  const now = request.now ?? new Date();
  const currency = env().CURRENCY;
  const rule = parseFeeRule(request, now);
  const before = await feeRuleAt(rule.start);
  const after = { percentBps: rule.percentBps, fixedMinor: rule.fixedMinor };
  const [next] = await db.select({ effectiveFrom: platformFees.effectiveFrom }).from(platformFees).where(gt(platformFees.effectiveFrom, rule.start)).orderBy(asc(platformFees.effectiveFrom)).limit(1);
  const since = new Date(now.getTime() - 30 * 24 * 60 * 60_000);
  const recentOrders = await db
    .select({ shopId: orders.shopId, totalMinor: orders.totalMinor })
    .from(orders)
    .where(and(isNotNull(orders.paidAt), gte(orders.paidAt, since)));
  const totals = recentOrders.map((o) => o.totalMinor).sort((a, b) => a - b);
  const median = totals.length ? totals[Math.floor(totals.length / 2)] : null;
  const examples = [...(median !== null ? [{ totalMinor: median, label: 'Median order (last 30 days)' }] : []), ...ROUND_EXAMPLES_MINOR.map((totalMinor) => ({ totalMinor, label: 'Order of' }))].map(
    (example) => ({ ...example, feeBeforeMinor: platformFeeFor(example.totalMinor, before), feeAfterMinor: platformFeeFor(example.totalMinor, after) }),
  );
  const [activeShops] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(shops)
    .where(eq(shops.status, 'active'));
  return {
    currency,
    startsAt: rule.start.toISOString(),
    before: { ...before, summary: describeFeeRule(before, currency) },
    after: { ...after, summary: describeFeeRule(after, currency) },
    endsAt: next ? next.effectiveFrom.toISOString() : null,
    examples,
    recent: {
      orderCount: recentOrders.length,
      shopCount: new Set(recentOrders.map((o) => o.shopId)).size,
      feesBeforeMinor: recentOrders.reduce((sum, o) => sum + platformFeeFor(o.totalMinor, before), 0),
      feesAfterMinor: recentOrders.reduce((sum, o) => sum + platformFeeFor(o.totalMinor, after), 0),
    },
    activeShopCount: activeShops?.count ?? 0,
    scheduleFingerprint: await feeScheduleFingerprint(),
  };
}

/**
 * Schedules a new platform fee. It can only start in the future: orders already paid keep the
 * fee of their payment time (lib/billing/record-payment.ts), and a backdated rule would make
 * the fee history disagree with what was charged. With `expectedSchedule` (the fingerprint the
 * admin's preview was computed against) it refuses when the schedule changed since; admins
 * adding fees at once are serialised on one lock so both cannot pass that check. The rule and
 * its audit entry commit together.
 */
export async function addFeeRule(request: TAddFeeRuleRequest & { adminId: string; now?: Date; expectedSchedule?: string }) {
  const currency = env().CURRENCY;
  const { start, percentBps, fixedMinor } = parseFeeRule(request, request.now ?? new Date());
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('platform_fees'))`);
    if (request.expectedSchedule !== undefined && (await feeScheduleFingerprint(tx)) !== request.expectedSchedule) {
      throw new AppError('conflict', 'The fee schedule changed since you reviewed this (another admin scheduled or withdrew a fee). Review the change again.');
    }
    const [clash] = await tx.select({ id: platformFees.id }).from(platformFees).where(eq(platformFees.effectiveFrom, start));
    if (clash) throw fieldError('effectiveFrom', 'Another fee rule starts at exactly that moment; withdraw it first or pick another time');
    const [rule] = await tx.insert(platformFees).values({ effectiveFrom: start, percentBps, fixedMinor, createdBy: request.adminId }).returning();
    await recordAudit(
      {
        actorId: request.adminId,
        action: 'platform_fee.schedule',
        targetType: 'platform_fee',
        targetId: rule.id,
        after: { percentBps, fixedMinor, effectiveFrom: rule.effectiveFrom.toISOString(), summary: describeFeeRule({ percentBps, fixedMinor }, currency) },
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
