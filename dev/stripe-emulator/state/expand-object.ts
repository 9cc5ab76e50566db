import { invalidRequest } from '../http/api-error';
import type { TStripeObject } from './stripe-objects';

/** Computes a property Stripe leaves out unless expanded (`line_items`, `refunds`). */
export type TIncludable = (object: Record<string, unknown>) => unknown;

export type TExpandSources = {
  findById(id: string): TStripeObject | undefined;
  /** The properties each object type lets `expand` replace, keyed by its `object` value. */
  expandable: Record<string, string[]>;
  /** Keyed by `${object}.${property}`, e.g. `checkout.session.line_items`. */
  includables: Record<string, TIncludable>;
};

const MAX_EXPAND_DEPTH = 4;

/**
 * Applies Stripe's `expand[]` to a response: each dotted path replaces an id with the
 * object it names (`payment_intent.latest_charge`), walking into lists through `data`.
 * Works on a copy, so stored objects keep their ids. Paths that name no expandable
 * property fail the way Stripe fails them; null references stay null.
 */
export function expandObject<TObject extends object>(object: TObject, paths: string[] | undefined, sources: TExpandSources): TObject {
  if (!paths?.length) return object;
  const copy = structuredClone(object);
  for (const path of paths) {
    const segments = path.split('.');
    if (segments.filter((segment) => segment !== 'data').length > MAX_EXPAND_DEPTH) {
      throw invalidRequest(`You cannot expand more than ${MAX_EXPAND_DEPTH} levels of a property. Property: ${path}`, { param: 'expand' });
    }
    expandPath(copy as Record<string, unknown>, segments, path, sources);
  }
  return copy;
}

function expandPath(target: Record<string, unknown>, segments: string[], path: string, sources: TExpandSources): void {
  const [property, ...rest] = segments;
  if (Array.isArray(target)) {
    for (const item of target) expandPath(item as Record<string, unknown>, segments, path, sources);
    return;
  }
  const isList = target.object === 'list' && property === 'data';
  if (!isList && !sources.expandable[String(target.object)]?.includes(property)) throw cannotExpand(path);
  const includable = sources.includables[`${String(target.object)}.${property}`];
  let value = Object.hasOwn(target, property) ? target[property] : undefined;
  if (includable && (value === undefined || value === null)) {
    value = includable(target);
    target[property] = value;
  } else if (typeof value === 'string') {
    const found = sources.findById(value);
    if (!found) {
      throw invalidRequest(`The Stripe emulator cannot expand ${path}: it does not emulate the object ${value}.`, { param: 'expand' });
    }
    value = structuredClone(found);
    target[property] = value;
  }
  if (rest.length > 0 && typeof value === 'object' && value !== null) {
    expandPath(value as Record<string, unknown>, rest, path, sources);
  }
}

function cannotExpand(path: string) {
  return invalidRequest(`This property cannot be expanded (${path}).`, { param: 'expand' });
}
