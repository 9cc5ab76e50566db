import { expect } from 'vitest';
import { accountBalances } from '../ledger';

/** Double entry holds: whatever the test did, every account's balance sums to zero. */
export async function expectLedgerBalanced(): Promise<void> {
  const balances = await accountBalances();
  expect(Object.values(balances).reduce((a, b) => a + b, 0)).toBe(0);
}
