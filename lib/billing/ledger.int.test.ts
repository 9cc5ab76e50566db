import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { accountBalances, postLedgerTransaction } from './ledger';

afterAll(async () => {
  await closeDb();
});

class RollBack extends Error {}

describe('accountBalances', () => {
  it('adds up balances past int4 (a platform’s lifetime of fees), exactly', async () => {
    // Two fees of 20 million in minor units each: together past 2,147,483,647. Rolled back, so
    // the ledger other tests see is untouched.
    const seen = await db
      .transaction(async (tx) => {
        const before = await accountBalances(tx);
        for (let i = 0; i < 2; i++) {
          await postLedgerTransaction(
            {
              kind: 'earning',
              stripeObjectId: `earning:${randomUUID()}`,
              description: 'A large fee (test, rolled back)',
              currency: 'eur',
              lines: [
                { account: 'customer_prepaid', amountMinor: 2_000_000_000 },
                { account: 'platform_revenue', amountMinor: -2_000_000_000 },
              ],
            },
            tx,
          );
        }
        throw new RollBack(JSON.stringify({ before, after: await accountBalances(tx) }));
      })
      .catch((error: unknown) => {
        if (error instanceof RollBack) return JSON.parse(error.message) as { before: Record<string, number>; after: Record<string, number> };
        throw error;
      });
    expect(seen.after.platform_revenue - seen.before.platform_revenue).toBe(-4_000_000_000);
    expect(seen.after.customer_prepaid - seen.before.customer_prepaid).toBe(4_000_000_000);
    expect(Object.values(seen.after).reduce((a, b) => a + b, 0)).toBe(0);
  });
});
