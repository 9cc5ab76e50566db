import { randomUUID } from 'node:crypto';
import { eq, like } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { rateLimits } from '@/db/schema';
import { createAuth, type TAuth } from './create-auth';

afterAll(async () => {
  await closeDb();
});

const ORIGIN = 'http://localhost:3000';

/**
 * better-auth's request limits (here its sign-up rule: 3 in 10 s per address) hold across web
 * instances: two auth instances stand for two `next start` processes behind one balancer. In one
 * process they would share better-auth's default store (a module-level Map) anyway, so what
 * shows the count is shared between processes is its row in PostgreSQL.
 */
describe('better-auth request limits', () => {
  it('count one client address over every instance, in PostgreSQL', async () => {
    process.env.AUTH_SECRET ??= 'integration-test-secret-integration-test-secret';
    const [instanceA, instanceB] = [createAuth({ db, trustedProxyHops: 1 }), createAuth({ db, trustedProxyHops: 1 })];
    // On only in production (NODE_ENV, read once at import); this test turns them on itself.
    for (const instance of [instanceA, instanceB]) (await instance.$context).rateLimit.enabled = true;
    const address = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    const signUp = async (instance: TAuth) => {
      const response = await instance.handler(
        new Request(`${ORIGIN}/api/auth/sign-up/email`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: ORIGIN, 'x-forwarded-for': address },
          body: JSON.stringify({ name: 'Limit test', email: `limit-${randomUUID().slice(0, 8)}@example.test`, password: 'a long enough password' }),
        }),
      );
      return response.status;
    };
    expect([await signUp(instanceA), await signUp(instanceA), await signUp(instanceB)]).toEqual([200, 200, 200]);
    expect(await signUp(instanceB)).toBe(429);
    expect(await signUp(instanceA)).toBe(429);
    const [row] = await db
      .select()
      .from(rateLimits)
      .where(like(rateLimits.key, `%${address}%`));
    expect(row?.count).toBe(3);
    await db.delete(rateLimits).where(eq(rateLimits.key, row.key));
  });
});
