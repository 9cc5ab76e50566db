import { createHash } from 'node:crypto';
import { z } from 'zod';
import { NO_API_REQUEST, type TEmulatorContext } from '../emulator-context';
import { invalidRequest, resourceMissing } from '../http/api-error';
import type { TApiRoute } from '../http/handle-api-request';
import { formString, formUrl, parseParams, ZExpand } from '../http/parse-params';
import { generateId } from '../state/generate-id';
import type { TAccount, TAccountLink, TAccountLinkRecord } from '../state/stripe-objects';
import { updateAccount } from './accounts';

/** Stripe's Account Links are single-use and expire after a few minutes. */
const LINK_LIFETIME_SECONDS = 5 * 60;

const ZCreateAccountLink = z
  .object({
    account: formString(),
    type: z.enum(['account_onboarding', 'account_update']),
    refresh_url: formUrl(),
    return_url: formUrl(),
    collect: z.enum(['currently_due', 'eventually_due']).optional(),
    expand: ZExpand,
  })
  .strict();

export type TOnboardingInput = { businessName: string; iban: string };

/** Whether the link can still be opened; otherwise the page sends the owner to `refresh_url`. */
export function isLinkUsable(ctx: TEmulatorContext, link: TAccountLinkRecord): boolean {
  return !link.isUsed && link.expiresAt > ctx.now();
}

/**
 * Finishes onboarding: the account gets its business name and bank account, its
 * requirements are cleared, charges and payouts are enabled and the requested
 * capabilities (plus `transfers`, which Express accounts always need) become active.
 * Sends `account.updated`.
 */
export function completeOnboarding(ctx: TEmulatorContext, account: TAccount, input: TOnboardingInput): TAccount {
  const iban = input.iban.replace(/\s+/g, '').toUpperCase();
  return updateAccount(
    ctx,
    account,
    (target) => {
      target.business_profile = { ...target.business_profile, name: input.businessName };
      target.business_type = target.business_type ?? 'company';
      target.capabilities = { ...Object.fromEntries(Object.keys(target.capabilities).map((name) => [name, 'active'])), transfers: 'active' };
      target.charges_enabled = true;
      target.payouts_enabled = true;
      target.details_submitted = true;
      target.requirements = { current_deadline: null, currently_due: [], disabled_reason: null, eventually_due: [], past_due: [], pending_verification: [] };
      target.tos_acceptance = { date: ctx.now() };
      target.external_accounts = {
        ...target.external_accounts,
        data: [
          {
            id: generateId('ba_'),
            object: 'bank_account',
            account: target.id,
            account_holder_name: input.businessName,
            bank_name: 'STRIPE TEST BANK',
            country: iban.slice(0, 2),
            currency: target.default_currency,
            default_for_currency: true,
            fingerprint: createHash('sha256').update(iban).digest('base64url').slice(0, 16),
            last4: iban.slice(-4),
            metadata: {},
            routing_number: null,
            status: 'new',
          },
        ],
      };
    },
    NO_API_REQUEST,
  );
}

/** Account Links work once, whether the owner finished onboarding or left it. */
export function spendAccountLink(ctx: TEmulatorContext, link: TAccountLinkRecord): void {
  link.isUsed = true;
  ctx.store.changed();
}

/** IBAN check digits (ISO 13616 mod 97), so a typo is caught as Stripe's form catches it. */
export function isValidIban(value: string): boolean {
  const iban = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder === 1;
}

export const accountLinkRoutes: TApiRoute[] = [
  {
    method: 'POST',
    path: '/v1/account_links',
    handler: ({ body }, ctx): TAccountLink => {
      const params = parseParams(ZCreateAccountLink, body);
      const account = ctx.store.get('accounts', params.account);
      if (!account) throw resourceMissing('account', params.account, 'account');
      if (params.type === 'account_update') {
        throw invalidRequest('You cannot create `account_update` type Account Links for Express accounts.', { param: 'type' });
      }
      const created = ctx.now();
      const id = generateId('onb_', 32);
      ctx.store.state.accountLinks[id] = {
        id,
        account: account.id,
        refreshUrl: params.refresh_url,
        returnUrl: params.return_url,
        type: params.type,
        created,
        expiresAt: created + LINK_LIFETIME_SECONDS,
        isUsed: false,
      };
      return { object: 'account_link', created, expires_at: created + LINK_LIFETIME_SECONDS, url: `${ctx.publicUrl}/connect/onboard/${id}` };
    },
  },
];
