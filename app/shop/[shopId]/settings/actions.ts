'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { roleAction } from '@/app/_lib/action';
import { fieldErrorsOf } from '@/app/_lib/http';
import { getCurrentUser } from '@/app/_lib/session';
import { hasRole } from '@/lib/auth/roles';
import { createAgentToken, revokeAgentToken } from '@/lib/agent/agent-tokens';
import { createApiKey, revokeApiKey } from '@/lib/api-keys/api-keys';
import { createWebhookEndpoint, deleteWebhookEndpoint, replayWebhookDelivery } from '@/lib/webhooks/webhook-endpoints';
import { ZWebhookEventType } from '@/lib/webhooks/webhook-events';
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

const ZCreateApiKey = z.object({
  shopId: z.uuid('Unknown shop'),
  name: z.string().trim().min(1, 'Name the system that will use the key').max(60, 'Keep the name under 60 characters'),
  scope: z.enum(['read', 'write'], { error: 'Choose read or read and write' }),
});

export type TCreateApiKeyState = { error?: string; fieldErrors?: Record<string, string[]>; key?: string; name?: string };

/** Creates an API key and hands it back once; only its hash is kept. */
export async function createApiKeyAction(_prev: TCreateApiKeyState, formData: FormData): Promise<TCreateApiKeyState> {
  const user = await getCurrentUser();
  if (!user) return { error: 'Your session has ended. Sign in again.' };
  if (!hasRole(user, ['shop_owner'])) return { error: 'You do not have access to this.' };
  const parsed = ZCreateApiKey.safeParse(Object.fromEntries(formData.entries()));
  if (!parsed.success) return { error: 'Please correct the highlighted fields.', fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    const { key } = await createApiKey({ shopId: parsed.data.shopId, ownerId: user.id, name: parsed.data.name, scope: parsed.data.scope });
    revalidatePath(`/shop/${parsed.data.shopId}/settings`);
    return { key, name: parsed.data.name };
  } catch (error) {
    if (isAppError(error)) return { error: error.message };
    console.error(error);
    return { error: 'Something went wrong on our side. Please try again.' };
  }
}

export const revokeApiKeyAction = roleAction(['shop_owner'], z.object({ shopId: z.uuid(), keyId: z.uuid() }), async (input, user) => {
  await revokeApiKey({ shopId: input.shopId, ownerId: user.id, keyId: input.keyId });
  revalidatePath(`/shop/${input.shopId}/settings`);
  return { success: 'Revoked: requests with it are refused from now on.' };
});

const ZCreateEndpoint = z.object({
  shopId: z.uuid('Unknown shop'),
  url: z.string().trim().min(1, 'Enter your receiver’s address').max(2000, 'That address is too long'),
});
const ZEndpointEvents = z.array(ZWebhookEventType, { error: 'Choose the events to send' }).min(1, 'Choose at least one event');

/** Adds a webhook endpoint: the events are checkboxes, so they are read as a list. */
export const createWebhookEndpointAction = roleAction(['shop_owner'], ZCreateEndpoint, async (input, user, formData) => {
  const events = ZEndpointEvents.safeParse(formData.getAll('events'));
  if (!events.success) return { error: 'Please correct the highlighted fields.', fieldErrors: { events: events.error.issues.map((issue) => issue.message) }, values: { url: input.url } };
  await createWebhookEndpoint({ shopId: input.shopId, ownerId: user.id, url: input.url, events: events.data });
  revalidatePath(`/shop/${input.shopId}/settings`);
  return { success: 'Endpoint added. Verify each delivery with its signing secret (below).' };
});

export const deleteWebhookEndpointAction = roleAction(['shop_owner'], z.object({ shopId: z.uuid(), endpointId: z.uuid() }), async (input, user) => {
  await deleteWebhookEndpoint({ shopId: input.shopId, ownerId: user.id, endpointId: input.endpointId });
  revalidatePath(`/shop/${input.shopId}/settings`);
  return { success: 'Endpoint deleted: nothing more is sent to it.' };
});

export const replayWebhookDeliveryAction = roleAction(['shop_owner'], z.object({ shopId: z.uuid(), deliveryId: z.uuid() }), async (input, user) => {
  await replayWebhookDelivery({ shopId: input.shopId, ownerId: user.id, deliveryId: input.deliveryId });
  revalidatePath(`/shop/${input.shopId}/settings`);
  return { success: 'Sent again, with the same event id.' };
});
