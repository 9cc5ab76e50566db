import { z } from 'zod';
import { validationError } from './api-error';
import type { TFormObject } from './decode-form';

/** Error code and message for a custom issue, carried in zod's `params`. */
type TStripeIssueParams = { stripeCode?: string };

/**
 * Validates decoded form params against a strict zod schema and turns the first problem
 * into the error Stripe would send: unknown parameters first (Stripe checks those before
 * anything else), then missing, empty and invalid values, each naming the parameter in
 * bracket notation (`line_items[0][quantity]`).
 */
export function parseParams<TSchema extends z.ZodType>(schema: TSchema, raw: TFormObject | Record<string, unknown>): z.output<TSchema> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issues = [...result.error.issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
  throw toStripeError(issues[0], raw);
}

function toStripeError(issue: z.core.$ZodIssue, raw: unknown) {
  if (issue.code === 'unrecognized_keys') {
    const param = paramName([...issue.path, issue.keys[0]]);
    return validationError(`Received unknown parameter: ${param}`, 'parameter_unknown', param);
  }
  const param = paramName(issue.path);
  const value = valueAt(raw, issue.path);
  if (value === undefined) {
    return validationError(`Missing required param: ${param}.`, 'parameter_missing', param);
  }
  if (value === '') {
    return validationError(
      `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
      'parameter_invalid_empty',
      param,
    );
  }
  switch (issue.code) {
    case 'custom':
      return validationError(issue.message, (issue.params as TStripeIssueParams | undefined)?.stripeCode, param);
    case 'invalid_value':
      return validationError(`Invalid ${param}: must be one of ${listValues(issue.values.map(String))}`, undefined, param);
    case 'too_small':
      return validationError(
        issue.origin === 'string' ? `Invalid string: ${param} must be at least ${issue.minimum} characters` : `This value must be greater than or equal to ${issue.minimum}.`,
        issue.origin === 'number' ? 'parameter_invalid_integer' : undefined,
        param,
      );
    case 'too_big':
      return validationError(
        issue.origin === 'string'
          ? `Invalid string: ${param} must be at most ${issue.maximum} characters`
          : issue.origin === 'array'
            ? `Invalid array: ${param} must have at most ${issue.maximum} items`
            : `This value must be less than or equal to ${issue.maximum}.`,
        undefined,
        param,
      );
    case 'invalid_type':
      if (issue.expected === 'object' || issue.expected === 'record') return validationError('Invalid object', undefined, param);
      if (issue.expected === 'array') return validationError('Invalid array', undefined, param);
      return validationError(`Invalid ${param}: expected a ${issue.expected}`, undefined, param);
    default:
      return validationError(`Invalid ${param}: ${issue.message}`, undefined, param);
  }
}

function listValues(values: string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')}, or ${values[values.length - 1]}`;
}

function paramName(path: PropertyKey[]): string {
  const [head, ...rest] = path.map(String);
  return head === undefined ? '' : head + rest.map((segment) => `[${segment}]`).join('');
}

/** Walks the raw (pre-coercion) params; indexed arrays are still objects or arrays there. */
function valueAt(raw: unknown, path: PropertyKey[]): unknown {
  let current = raw;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current)) {
      current = current[Number(segment)];
      continue;
    }
    const keys = Object.keys(current);
    const isIndexed = typeof segment === 'number' && keys.every((key) => /^\d+$/.test(key));
    const key = isIndexed ? keys.sort((a, b) => Number(a) - Number(b))[segment] : String(segment);
    current = key !== undefined && Object.hasOwn(current, key) ? (current as Record<string, unknown>)[key] : undefined;
  }
  return current;
}

function customIssue(ctx: z.RefinementCtx, message: string, stripeCode?: string): never {
  ctx.addIssue({ code: 'custom', message, params: { stripeCode } satisfies TStripeIssueParams });
  return z.NEVER;
}

/** A base-10 integer sent as a form string (JSON numbers accepted for control endpoints). */
export function formInteger() {
  return z.union([z.string(), z.number()]).transform((value, ctx) => {
    const parsed = typeof value === 'number' ? value : /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(parsed)) return customIssue(ctx, `Invalid integer: ${value}`, 'parameter_invalid_integer');
    return parsed;
  });
}

/** A non-negative amount in the currency's minor unit (cents), bounded like Stripe's 8 digits. */
export function formAmount(minimum = 0) {
  return formInteger().pipe(z.number().int().min(minimum).max(99_999_999));
}

export function formBoolean() {
  return z.union([z.string(), z.boolean()]).transform((value, ctx) => {
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    return customIssue(ctx, `Invalid boolean: ${value}`, 'parameter_invalid_boolean');
  });
}

/**
 * An array sent as `x[0]=…&x[1]=…` (decoded as an index-keyed object) or `x[]=…`.
 * Indices must be integers; they are taken in numeric order.
 */
export function formArray<TItem extends z.ZodType>(item: TItem, bounds: { min?: number; max?: number } = {}) {
  let array = z.array(item);
  if (bounds.min !== undefined) array = array.min(bounds.min);
  if (bounds.max !== undefined) array = array.max(bounds.max);
  return z.preprocess((value) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const keys = Object.keys(value);
    if (!keys.every((key) => /^\d+$/.test(key))) return value;
    return keys.sort((a, b) => Number(a) - Number(b)).map((key) => (value as Record<string, unknown>)[key]);
  }, array);
}

/** A non-empty string (Stripe rejects empty strings on parameters that cannot be unset). */
export function formString(maxLength = 5000) {
  return z.string().min(1).max(maxLength);
}

const SUPPORTED_CURRENCIES = new Set(Intl.supportedValuesOf('currency').map((code) => code.toLowerCase()));

/** A three-letter ISO currency code, lowercased as Stripe returns it. */
export function formCurrency() {
  return z.string().transform((value, ctx) => {
    const currency = value.toLowerCase();
    if (!/^[a-z]{3}$/.test(currency) || !SUPPORTED_CURRENCIES.has(currency)) {
      return customIssue(ctx, `Invalid currency: ${value}. Stripe currently supports these currencies: usd, eur, gbp, …`, 'parameter_invalid_string');
    }
    return currency;
  });
}

export function formUrl() {
  return z.string().superRefine((value, ctx) => {
    if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) customIssue(ctx, 'Not a valid URL', 'url_invalid');
  });
}

export function formEmail() {
  return z.string().superRefine((value, ctx) => {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) customIssue(ctx, `Invalid email address: ${value}`, 'email_invalid');
  });
}

/**
 * Stripe metadata: up to 50 keys of at most 40 characters, values of at most 500.
 * An empty value unsets its key: on create it simply drops out; on update (`isUpdate`)
 * it is kept as `''` for `mergeMetadata` to delete.
 */
export function formMetadata({ isUpdate = false } = {}) {
  return z
    .preprocess((value) => (value === '' ? {} : value), z.record(z.string(), z.string()))
    .transform((metadata, ctx) => {
      const entries = Object.entries(metadata).filter(([, value]) => isUpdate || value !== '');
      if (entries.length > 50) return customIssue(ctx, 'Metadata can have at most 50 keys.', 'parameter_invalid_metadata');
      for (const [key, value] of entries) {
        if (key.length > 40) {
          return customIssue(ctx, `Metadata keys can have up to 40 characters, but you passed in a key that is ${key.length} characters.`, 'parameter_invalid_metadata');
        }
        if (value.length > 500) {
          return customIssue(ctx, `Metadata values can have up to 500 characters, but you passed in a value that is ${value.length} characters.`, 'parameter_invalid_metadata');
        }
      }
      return Object.fromEntries(entries);
    });
}

export const ZExpand = formArray(z.string().min(1)).optional();

/** Stripe's `created` filter on lists: an exact unix time or a `gt`/`gte`/`lt`/`lte` range. */
export const ZCreatedFilter = z
  .union([formInteger(), z.object({ gt: formInteger().optional(), gte: formInteger().optional(), lt: formInteger().optional(), lte: formInteger().optional() }).strict()])
  .optional();

export type TCreatedFilter = z.output<typeof ZCreatedFilter>;

export function matchesCreated(created: number, filter: TCreatedFilter): boolean {
  if (filter === undefined) return true;
  if (typeof filter === 'number') return created === filter;
  return (
    (filter.gt === undefined || created > filter.gt) &&
    (filter.gte === undefined || created >= filter.gte) &&
    (filter.lt === undefined || created < filter.lt) &&
    (filter.lte === undefined || created <= filter.lte)
  );
}

/** The pagination params every list endpoint takes. */
export const ZListParams = {
  created: ZCreatedFilter,
  limit: formInteger().pipe(z.number().int().min(1).max(100)).optional(),
  starting_after: formString().optional(),
  ending_before: formString().optional(),
  expand: ZExpand,
};
