import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { platformFees } from '@/db/schema';
import { createTestUser } from '@/dev/test-support/fixtures';
import { createOrderToMail } from '@/lib/notify/testing/mail-fixtures';
import { addFeeRule, feeScheduleFingerprint, previewFeeRule, withdrawFeeRule } from './platform-fee-rules';

afterAll(async () => {
  await closeDb();
});

describe('confirming a fee change', () => {
  const request = { percent: '12.5', fixed: '0.20', effectiveFrom: '2032-03-01T00:00', timezone: 'UTC' };

  it('previews the effect without writing, and schedules only against the schedule that was reviewed', async () => {
    const admin = await createTestUser('admin');
    const { order } = await createOrderToMail();
    const before = await db.select().from(platformFees);
    const preview = await previewFeeRule(request);
    expect(await db.select().from(platformFees)).toEqual(before);
    expect(preview.after).toMatchObject({ percentBps: 1250, fixedMinor: 20, summary: '12.5% + €0.20 per order' });
    // An order of €20.00 under the new fee: 12.5 % + €0.20.
    expect(preview.examples.find((e) => e.totalMinor === 2000)).toMatchObject({ feeAfterMinor: 270 });
    expect(preview.recent.orderCount).toBeGreaterThanOrEqual(1);
    expect(preview.examples[0].label).toMatch(/Median/);
    expect(preview.activeShopCount).toBeGreaterThanOrEqual(1);
    expect(order.totalMinor).toBe(220);

    // Another admin schedules a fee meanwhile: the reviewed effect is stale and nothing is written.
    const other = await addFeeRule({ ...request, percent: '11', fixed: '0', effectiveFrom: '2033-01-01T00:00', adminId: admin.id });
    await expect(addFeeRule({ ...request, adminId: admin.id, expectedSchedule: preview.scheduleFingerprint })).rejects.toMatchObject({ code: 'conflict' });
    expect(
      await db
        .select()
        .from(platformFees)
        .where(eq(platformFees.effectiveFrom, new Date('2032-03-01T00:00:00Z'))),
    ).toEqual([]);

    // Reviewed again: it now ends when the other starts, and goes through.
    const again = await previewFeeRule(request);
    expect(again.endsAt).toBe('2033-01-01T00:00:00.000Z');
    expect(again.scheduleFingerprint).toBe(await feeScheduleFingerprint());
    const rule = await addFeeRule({ ...request, adminId: admin.id, expectedSchedule: again.scheduleFingerprint });
    expect(rule).toMatchObject({ percentBps: 1250, fixedMinor: 20 });
    // Two confirmations of the same review: the second finds the schedule changed (by the first).
    await expect(addFeeRule({ ...request, effectiveFrom: '2032-04-01T00:00', adminId: admin.id, expectedSchedule: again.scheduleFingerprint })).rejects.toMatchObject({ code: 'conflict' });
    await withdrawFeeRule({ ruleId: rule.id, adminId: admin.id });
    await withdrawFeeRule({ ruleId: other.id, adminId: admin.id });
  });

  it('refuses what the form would refuse, before any review', async () => {
    await expect(previewFeeRule({ ...request, effectiveFrom: '2020-01-01T00:00' })).rejects.toMatchObject({ code: 'bad_request', fieldErrors: { effectiveFrom: [expect.stringMatching(/future/)] } });
  });
});
