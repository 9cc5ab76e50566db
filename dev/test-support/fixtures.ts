import { randomUUID } from 'node:crypto';
import { db } from '@/db/client';
import { shops, users, type TShop, type TUserRole } from '@/db/schema';

/** A user row for tests (no password: tests that sign in use the demo accounts or sign up). */
export async function createTestUser(role: TUserRole = 'customer'): Promise<{ id: string; email: string }> {
  const id = randomUUID();
  const email = `${role}-${id.slice(0, 8)}@example.test`;
  await db.insert(users).values({ id, email, name: `Test ${role}`, role });
  return { id, email };
}

export async function createTestShop(overrides: Partial<typeof shops.$inferInsert> & { ownerId: string }): Promise<TShop> {
  const [shop] = await db
    .insert(shops)
    .values({
      name: `Test shop ${randomUUID().slice(0, 6)}`,
      addressLine: '1 Test Street',
      city: 'Dublin',
      country: 'IE',
      lat: 53.3498,
      lng: -6.2603,
      timezone: 'Europe/Dublin',
      status: 'active',
      submittedForReviewAt: new Date(),
      ...overrides,
    })
    .returning();
  return shop;
}

/** Waits until `check` returns a truthy value, polling; fails with `what` after the deadline. */
export async function eventually<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
