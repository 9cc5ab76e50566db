import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import { db } from '@/db/client';
import { shopAgentTokens, shops, type TShopAgentToken } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { appendEvent } from '@/lib/events/append-event';
import { getOwnedShop } from '@/lib/shops/shop-access';
import { isId } from '@/lib/errors/ids';

const TOKEN_PREFIX = 'npa_';
/** lastUsedAt is written at most this often, so a busy agent does not write on every request. */
const LAST_USED_EVERY_MS = 60_000;

export type TAgentIdentity = { tokenId: string; shopId: string; shopName: string };

export function hashAgentToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * A new token for the shop's agent. Only its SHA-256 is stored: the token itself is returned
 * once, for the owner to copy into the agent, and cannot be shown again. 32 random bytes, so
 * an unsalted fast hash is enough (nothing to brute-force).
 */
export async function createAgentToken(options: { shopId: string; ownerId: string; name: string; expiresInDays?: number | null }): Promise<{ id: string; token: string; expiresAt: Date | null }> {
  await getOwnedShop(options);
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const expiresAt = options.expiresInDays ? new Date(Date.now() + options.expiresInDays * 24 * 60 * 60_000) : null;
  const [row] = await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(shopAgentTokens)
      .values({ shopId: options.shopId, name: options.name, tokenHash: hashAgentToken(token), createdBy: options.ownerId, expiresAt })
      .returning({ id: shopAgentTokens.id });
    await appendEvent({ type: 'agent.token_created', shopId: options.shopId, actor: options.ownerId, data: { tokenId: inserted[0].id, name: options.name } }, tx);
    return inserted;
  });
  return { id: row.id, token, expiresAt };
}

export async function revokeAgentToken(options: { shopId: string; ownerId: string; tokenId: string }): Promise<void> {
  await getOwnedShop(options);
  if (!isId(options.tokenId)) throw new AppError('not_found', 'We could not find that token.');
  await db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(shopAgentTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(shopAgentTokens.id, options.tokenId), eq(shopAgentTokens.shopId, options.shopId), isNull(shopAgentTokens.revokedAt)))
      .returning({ id: shopAgentTokens.id, name: shopAgentTokens.name });
    if (!revoked) throw new AppError('not_found', 'We could not find that token, or it was already revoked.');
    await appendEvent({ type: 'agent.token_revoked', shopId: options.shopId, actor: options.ownerId, data: { tokenId: revoked.id, name: revoked.name } }, tx);
  });
}

export async function listAgentTokens(options: { shopId: string; ownerId: string }): Promise<TShopAgentToken[]> {
  await getOwnedShop(options);
  return db.select().from(shopAgentTokens).where(eq(shopAgentTokens.shopId, options.shopId)).orderBy(desc(shopAgentTokens.createdAt));
}

/**
 * The shop an agent request acts for, from its `Authorization: Bearer <token>` header. A
 * missing, unknown, revoked or expired token is refused with 401, in one message so that
 * nothing can be learned about which tokens exist. A valid token of a suspended shop is
 * refused with 403 for as long as the suspension lasts: the agent keeps trying and prints
 * again once the shop is reinstated.
 */
export async function authenticateAgent(authorization: string | null, now: Date = new Date()): Promise<TAgentIdentity> {
  const refused = new AppError('unauthorized', 'This agent token is not valid (it may have been revoked or have expired). Create a new one in the shop’s settings.');
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token?.startsWith(TOKEN_PREFIX) || token.length > 200) throw refused;
  const [row] = await db
    .select({
      id: shopAgentTokens.id,
      shopId: shopAgentTokens.shopId,
      revokedAt: shopAgentTokens.revokedAt,
      expiresAt: shopAgentTokens.expiresAt,
      lastUsedAt: shopAgentTokens.lastUsedAt,
      shopName: shops.name,
      shopStatus: shops.status,
    })
    .from(shopAgentTokens)
    .innerJoin(shops, eq(shops.id, shopAgentTokens.shopId))
    .where(eq(shopAgentTokens.tokenHash, hashAgentToken(token)));
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) throw refused;
  if (row.shopStatus === 'suspended') throw new AppError('forbidden', 'This shop is suspended, so its agent cannot print until Nearprint reinstates it.');
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
    await db
      .update(shopAgentTokens)
      .set({ lastUsedAt: new Date() })
      .where(and(eq(shopAgentTokens.id, row.id), or(isNull(shopAgentTokens.lastUsedAt), lt(shopAgentTokens.lastUsedAt, new Date(Date.now() - LAST_USED_EVERY_MS)))));
  }
  return { tokenId: row.id, shopId: row.shopId, shopName: row.shopName };
}
