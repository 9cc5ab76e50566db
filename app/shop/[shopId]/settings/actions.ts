'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { roleAction } from '@/app/_lib/action';
import { fieldErrorsOf } from '@/app/_lib/http';
import { getCurrentUser } from '@/app/_lib/session';
import { hasRole } from '@/lib/auth/roles';
import { createAgentToken, revokeAgentToken } from '@/lib/agent/agent-tokens';
import { isAppError } from '@/lib/errors/app-error';

const ZCreateAgentToken = z.object({
  shopId: z.uuid('Unknown shop'),
  name: z.string().trim().min(1, 'Name the computer the agent runs on').max(60, 'Keep the name under 60 characters'),
  /** Empty: until revoked. */
  expiresInDays: z
    .enum(['', '30', '90', '365'])
    .default('')
    .transform((days) => (days ? Number(days) : null)),
});

export type TCreateTokenState = { error?: string; fieldErrors?: Record<string, string[]>; token?: string; name?: string };

/** Creates an agent token and hands it back once; only its hash is kept. */
export async function createAgentTokenAction(_prev: TCreateTokenState, formData: FormData): Promise<TCreateTokenState> {
  const user = await getCurrentUser();
  if (!user) return { error: 'Your session has ended. Sign in again.' };
  if (!hasRole(user, ['shop_owner'])) return { error: 'You do not have access to this.' };
  const parsed = ZCreateAgentToken.safeParse(Object.fromEntries(formData.entries()));
  if (!parsed.success) return { error: 'Please correct the highlighted fields.', fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    const { token } = await createAgentToken({ shopId: parsed.data.shopId, ownerId: user.id, name: parsed.data.name, expiresInDays: parsed.data.expiresInDays });
    revalidatePath(`/shop/${parsed.data.shopId}/settings`);
    return { token, name: parsed.data.name };
  } catch (error) {
    if (isAppError(error)) return { error: error.message };
    console.error(error);
    return { error: 'Something went wrong on our side. Please try again.' };
  }
}

export const revokeAgentTokenAction = roleAction(['shop_owner'], z.object({ shopId: z.uuid(), tokenId: z.uuid() }), async (input, user) => {
  await revokeAgentToken({ shopId: input.shopId, ownerId: user.id, tokenId: input.tokenId });
  revalidatePath(`/shop/${input.shopId}/settings`);
  return { success: 'Revoked: an agent using it stops at its next request.' };
});
