import { desc, lte } from 'drizzle-orm';
import { db, type TDatabase } from '@/db/client';
import { platformFees } from '@/db/schema/index';

export type TFeeRule = { percentBps: number; fixedMinor: number };

/** Used until an admin sets a fee: 10% of the order total. */
export const DEFAULT_FEE_RULE: TFeeRule = { percentBps: 1000, fixedMinor: 0 };

/** The platform's commission on a total, never more than the total itself (minor units). */
export function platformFeeFor(totalMinor: number, rule: TFeeRule): number {
  const fee = Math.round((totalMinor * rule.percentBps) / 10_000) + rule.fixedMinor;
  return Math.max(0, Math.min(totalMinor, fee));
}

/** The fee rule in force at an instant: the latest one whose effective date has passed. */
export async function feeRuleAt(at: Date, executor: Pick<TDatabase, 'select'> = db): Promise<TFeeRule> {
  const [rule] = await executor
    .select({ percentBps: platformFees.percentBps, fixedMinor: platformFees.fixedMinor })
    .from(platformFees)
    .where(lte(platformFees.effectiveFrom, at))
    .orderBy(desc(platformFees.effectiveFrom))
    .limit(1);
  return rule ?? DEFAULT_FEE_RULE;
}
