import { z } from 'zod';
import type { TEmulatorContext, TRequestOrigin } from '../emulator-context';
import { ApiError, validationError } from '../http/api-error';
import type { TApiRoute } from '../http/handle-api-request';
import { formBoolean, formCurrency, formEmail, formMetadata, formString, formUrl, matchesCreated, parseParams, ZExpand, ZListParams } from '../http/parse-params';
import { generateId } from '../state/generate-id';
import { paginateList } from '../state/paginate-list';
import type { TAccount } from '../state/stripe-objects';
import { previousAttributes } from './events';
import { expandResponse } from './expand-response';
import { mergeMetadata } from './merge-metadata';

const ZRequested = z.object({ requested: formBoolean() }).strict().optional();

const ZBusinessProfile = z
  .object({
    name: formString(200).optional(),
    url: formUrl().optional(),
    mcc: z
      .string()
      .regex(/^\d{4}$/)
      .optional(),
    product_description: formString(500).optional(),
    support_email: formEmail().optional(),
  })
  .strict()
  .optional();

const ZCreateAccount = z
  .object({
    type: z.enum(['express']),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/)
      .transform((code) => code.toUpperCase())
      .optional(),
    email: formEmail().optional(),
    default_currency: formCurrency().optional(),
    business_type: z.enum(['individual', 'company', 'non_profit', 'government_entity']).optional(),
    business_profile: ZBusinessProfile,
    capabilities: z.object({ card_payments: ZRequested, transfers: ZRequested }).strict().optional(),
    metadata: formMetadata().optional(),
    expand: ZExpand,
  })
  .strict();

const ZUpdateAccount = z
  .object({
    email: formEmail().optional(),
    business_profile: ZBusinessProfile,
    metadata: formMetadata({ isUpdate: true }).optional(),
    expand: ZExpand,
  })
  .strict();

const EURO_COUNTRIES = new Set(['AT', 'BE', 'CY', 'DE', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PT', 'SI', 'SK']);
const COUNTRY_CURRENCIES: Record<string, string> = { US: 'usd', GB: 'gbp', CH: 'chf', CA: 'cad', AU: 'aud', JP: 'jpy', SE: 'sek', DK: 'dkk', NO: 'nok', PL: 'pln', CZ: 'czk' };

/** What Stripe asks an Express account for before it can take payments. */
const ONBOARDING_REQUIREMENTS = ['business_profile.url', 'business_type', 'external_account', 'representative.first_name', 'representative.last_name', 'tos_acceptance.date', 'tos_acceptance.ip'];

/**
 * A new Express account, not yet onboarded: no charges, no payouts, and the requested
 * capabilities `inactive` until the owner completes the hosted onboarding page.
 */
function createAccount(ctx: TEmulatorContext, params: z.output<typeof ZCreateAccount>): TAccount {
  const requested = Object.entries(params.capabilities ?? {}).filter(([, capability]) => capability?.requested);
  if (!requested.some(([name]) => name === 'transfers' || name === 'card_payments')) {
    throw validationError(
      'Express accounts must request the `transfers` capability (capabilities[transfers][requested]=true) to receive transfers from the platform.',
      'parameter_missing',
      'capabilities',
    );
  }
  const country = params.country ?? 'US';
  const id = generateId('acct_', 16);
  return ctx.store.put('accounts', {
    id,
    object: 'account',
    business_profile: {
      mcc: params.business_profile?.mcc ?? null,
      name: params.business_profile?.name ?? null,
      product_description: params.business_profile?.product_description ?? null,
      support_email: params.business_profile?.support_email ?? null,
      url: params.business_profile?.url ?? null,
    },
    business_type: params.business_type ?? null,
    capabilities: Object.fromEntries(requested.map(([name]) => [name, 'inactive'])),
    charges_enabled: false,
    country,
    created: ctx.now(),
    default_currency: params.default_currency ?? (EURO_COUNTRIES.has(country) ? 'eur' : (COUNTRY_CURRENCIES[country] ?? ctx.defaultCurrency)),
    details_submitted: false,
    email: params.email ?? null,
    external_accounts: { object: 'list', data: [], has_more: false, url: `/v1/accounts/${id}/external_accounts` },
    metadata: params.metadata ?? {},
    payouts_enabled: false,
    requirements: {
      current_deadline: null,
      currently_due: ONBOARDING_REQUIREMENTS,
      disabled_reason: 'requirements.past_due',
      eventually_due: ONBOARDING_REQUIREMENTS,
      past_due: ONBOARDING_REQUIREMENTS,
      pending_verification: [],
    },
    tos_acceptance: { date: null },
    type: 'express',
  });
}

/**
 * Stripe answers 403 (not 404) for an account the platform cannot see, so the SDK throws
 * StripePermissionError.
 */
export function findAccount(ctx: TEmulatorContext, id: string): TAccount {
  const account = ctx.store.get('accounts', id);
  if (!account) {
    throw new ApiError(403, 'invalid_request_error', `The provided key does not have access to account '${id}' (or that account does not exist). Application access may have been revoked.`, {
      code: 'account_invalid',
      isValidation: true,
    });
  }
  return account;
}

/** Applies a change to an account and sends `account.updated` with `previous_attributes`. */
export function updateAccount(ctx: TEmulatorContext, account: TAccount, change: (account: TAccount) => void, origin: TRequestOrigin): TAccount {
  const before = structuredClone(account);
  change(account);
  const changed = previousAttributes(before, account);
  if (Object.keys(changed).length > 0) {
    ctx.store.changed();
    ctx.emit('account.updated', account, origin, { previousAttributes: changed, account: account.id });
  }
  return account;
}

export const accountRoutes: TApiRoute[] = [
  {
    method: 'POST',
    path: '/v1/accounts',
    handler: ({ body }, ctx) => {
      const params = parseParams(ZCreateAccount, body);
      return expandResponse(ctx, createAccount(ctx, params), params.expand);
    },
  },
  {
    method: 'GET',
    path: '/v1/accounts/:id',
    handler: ({ params, body }, ctx) => {
      const { expand } = parseParams(z.object({ expand: ZExpand }).strict(), body);
      return expandResponse(ctx, findAccount(ctx, params.id), expand);
    },
  },
  {
    method: 'POST',
    path: '/v1/accounts/:id',
    handler: ({ params, body, origin }, ctx) => {
      const update = parseParams(ZUpdateAccount, body);
      const account = updateAccount(
        ctx,
        findAccount(ctx, params.id),
        (target) => {
          if (update.email) target.email = update.email;
          if (update.business_profile) target.business_profile = { ...target.business_profile, ...update.business_profile };
          if (update.metadata) target.metadata = mergeMetadata(target.metadata, update.metadata);
        },
        origin,
      );
      return expandResponse(ctx, account, update.expand);
    },
  },
  {
    method: 'GET',
    path: '/v1/accounts',
    handler: ({ body }, ctx) => {
      const query = parseParams(z.object(ZListParams).strict(), body);
      const items = ctx.store.list('accounts').filter((account) => matchesCreated(account.created, query.created));
      return expandResponse(ctx, paginateList(items, query, '/v1/accounts'), query.expand);
    },
  },
];
