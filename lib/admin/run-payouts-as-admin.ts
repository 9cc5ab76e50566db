import { db } from '@/db/client';
import { runPayouts, type TPayoutOutcome } from '@/lib/billing/run-payouts';
import { recordAudit } from './record-audit';

/**
 * Runs a payout to every shop with a balance, then records the run in the audit log with each
 * shop's outcome. runPayouts books each transfer in its own transaction once Stripe has made
 * it (a Stripe call cannot sit inside a transaction), so the audit entry follows the run;
 * every transfer row also names the admin who started it.
 */
export async function runPayoutsAsAdmin(options: { adminId: string }): Promise<{ runId: string; outcomes: TPayoutOutcome[] }> {
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
