import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { apiRateWindows, shopApiKeys, shops, type TApiKeyScope, type TShopApiKey } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { appendEvent } from '@/lib/events/append-event';
import { getOwnedShop } from '@/lib/shops/shop-access';
import { isId } from '@/lib/errors/ids';

const KEY_PREFIX = 'npk_';
/** lastUsedAt is written at most this often, so a busy integration does not write on every request. */
const LAST_USED_EVERY_MS = 60_000;

/** Who an API request acts for: the key's shop, and its owner (the domain functions check ownership by owner). */
export type TApiKeyIdentity = { keyId: string; shopId: string; ownerId: string; scope: TApiKeyScope };

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * A new API key for the shop. Only its SHA-256 is stored: the key is returned once, to be
 * copied into the shop's system, and cannot be shown again. 32 random bytes, so an unsalted fast
 * hash is enough (nothing to brute-force).
 */
export async function createApiKey(options: { shopId: string; ownerId: string; name: string; scope: TApiKeyScope }): Promise<{ id: string; key: string }> {
  await getOwnedShop(options);
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(shopApiKeys)
      .values({ shopId: options.shopId, name: options.name, scope: options.scope, prefix: key.slice(0, 12), keyHash: hashApiKey(key), createdBy: options.ownerId })
      .returning({ id: shopApiKeys.id });
    await appendEvent({ type: 'api_key.created', shopId: options.shopId, actor: options.ownerId, data: { keyId: inserted.id, name: options.name, scope: options.scope } }, tx);
    return inserted;
  });
  return { id: row.id, key };
}

export async function revokeApiKey(options: { shopId: string; ownerId: string; keyId: string }): Promise<void> {
  await getOwnedShop(options);
  if (!isId(options.keyId)) throw new AppError('not_found', 'We could not find that key.');
  await db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(shopApiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(shopApiKeys.id, options.keyId), eq(shopApiKeys.shopId, options.shopId), isNull(shopApiKeys.revokedAt)))
      .returning({ id: shopApiKeys.id, name: shopApiKeys.name });
    if (!revoked) throw new AppError('not_found', 'We could not find that key, or it was already revoked.');
    await appendEvent({ type: 'api_key.revoked', shopId: options.shopId, actor: options.ownerId, data: { keyId: revoked.id, name: revoked.name } }, tx);
  });
}

export async function listApiKeys(options: { shopId: string; ownerId: string }): Promise<TShopApiKey[]> {
  await getOwnedShop(options);
  return db.select().from(shopApiKeys).where(eq(shopApiKeys.shopId, options.shopId)).orderBy(desc(shopApiKeys.createdAt));
}

/**
 * The key behind an API request's `Authorization: Bearer <key>`. Missing, unknown and revoked
 * keys get one 401 (nothing to learn about which keys exist); a key used on another shop's path
 * gets 404 like a shop that does not exist; a read key on a write gets 403; a suspended shop's
 * key gets 403 for as long as the suspension lasts.
 */
export async function authenticateApiKey(authorization: string | null, request: { shopId: string; needs: TApiKeyScope }): Promise<TApiKeyIdentity> {
  const refused = new AppError('unauthorized', 'This API key is not valid (it may have been revoked). Create a new one in the shop’s settings.');
  const key = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!key?.startsWith(KEY_PREFIX) || key.length > 200) throw refused;
  const [row] = await db
    .select({ key: shopApiKeys, ownerId: shops.ownerId, shopStatus: shops.status })
    .from(shopApiKeys)
    .innerJoin(shops, eq(shops.id, shopApiKeys.shopId))
    .where(eq(shopApiKeys.keyHash, hashApiKey(key)));
  if (!row || row.key.revokedAt) throw refused;
  if (row.key.shopId !== request.shopId) throw new AppError('not_found', 'We could not find that shop.');
  if (row.shopStatus === 'suspended') throw new AppError('forbidden', 'This shop is suspended; its API keys work again once Nearprint reinstates it.');
  if (request.needs === 'write' && row.key.scope !== 'write') throw new AppError('forbidden', 'This API key may only read. Create a key with write access for this.');
  if (!row.key.lastUsedAt || Date.now() - row.key.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
    await db
      .update(shopApiKeys)
      .set({ lastUsedAt: new Date() })
      .where(and(eq(shopApiKeys.id, row.key.id), or(isNull(shopApiKeys.lastUsedAt), lt(shopApiKeys.lastUsedAt, new Date(Date.now() - LAST_USED_EVERY_MS)))));
  }
  return { keyId: row.key.id, shopId: row.key.shopId, ownerId: row.ownerId, scope: row.key.scope };
}

/**
 * Counts a request against the key's budget for the current minute (a fixed window, in
 * PostgreSQL so every web instance shares it); over the budget, a 429 with Retry-After until
 * the next window. Old windows are dropped now and then by the same statement's caller.
 */
export async function consumeApiRate(keyId: string, limitPerMinute: number, now: Date = new Date()): Promise<void> {
  const windowStart = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const [row] = await db
    .insert(apiRateWindows)
    .values({ keyId, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [apiRateWindows.keyId, apiRateWindows.windowStart], set: { count: sql`${apiRateWindows.count} + 1` } })
    .returning({ count: apiRateWindows.count });
  if (row.count === 1) await db.delete(apiRateWindows).where(and(eq(apiRateWindows.keyId, keyId), lt(apiRateWindows.windowStart, windowStart)));
  if (row.count > limitPerMinute) {
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + 60_000 - now.getTime()) / 1000));
    throw new AppError('too_many_requests', `Too many requests with this API key (at most ${limitPerMinute} a minute). Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
}
