import { z } from 'zod';
import { db } from '@/db/client';
import { runPayouts, type TPayoutOutcome } from '@/lib/billing/run-payouts';
import { env } from '@/lib/config/env';
import { AppError } from '@/lib/errors/app-error';
import { formatMoney } from '@/lib/money/money';
import { countOf } from '@/lib/text/count-of';
import { payoutOverview } from './payout-overview';
import { recordAudit } from './record-audit';

/** What the admin saw and confirmed: the run pays exactly this, or nothing. */
export const ZPayoutConfirmation = z.object({
  confirm: z.literal('yes', 'Check the shops and amounts, then tick the box'),
  expectedShopCount: z.coerce.number().int().min(0).max(1_000_000),
  expectedTotalMinor: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export type TPayoutConfirmation = z.infer<typeof ZPayoutConfirmation>;

/**
 * Runs a payout to every shop with a balance, then records the run in the audit log with each
 * shop's outcome. runPayouts books each transfer in its own transaction once Stripe has made
 * it (a Stripe call cannot sit inside a transaction), so the audit entry follows the run;
 * every transfer row also names the admin who started it.
 */
export async function runPayoutsAsAdmin(options: { adminId: string; confirmed: TPayoutConfirmation }): Promise<{ runId: string; outcomes: TPayoutOutcome[] }> {
  // The page showed the shops and the total; if either changed since (an earning booked, a
  // shop finished onboarding, another admin ran it), nothing is paid and the admin looks again.
  const overview = await payoutOverview();
  const readyCount = overview.shops.filter((shop) => shop.readiness === 'ready').length;
  if (readyCount !== options.confirmed.expectedShopCount || overview.payableMinor !== options.confirmed.expectedTotalMinor) {
    const now = `${countOf(readyCount, 'shop')}, ${formatMoney(overview.payableMinor, env().CURRENCY)}`;
    throw new AppError('conflict', `The balances changed since this page was loaded (now ${now}). Nothing was paid; check the list again and confirm.`);
  }
  const result = await runPayouts({ adminId: options.adminId });
  const count = (status: TPayoutOutcome['status']) => result.outcomes.filter((o) => o.status === status).length;
  await db.transaction(async (tx) => {
    await recordAudit(
      {
        actorId: options.adminId,
        action: 'payouts.run',
        targetType: 'payout_run',
        targetId: result.runId,
        after: { paid: count('paid'), failed: count('failed'), unknown: count('unknown'), skipped: count('skipped'), outcomes: result.outcomes },
      },
      tx,
    );
  });
  return result;
}
