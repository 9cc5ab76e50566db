/**
 * A decoded form value. Stripe's wire format only carries strings; nesting comes from
 * bracket notation (`line_items[0][price_data][currency]=eur`, `expand[]=x`).
 */
export type TFormValue = string | TFormValue[] | TFormObject;
export type TFormObject = { [key: string]: TFormValue };

/** Raised for bodies that no Stripe client would send (conflicting or malformed keys). */
export class FormDecodeError extends Error {}

const MAX_DEPTH = 10;

/**
 * Decodes an `application/x-www-form-urlencoded` body or query string the way Stripe does.
 *
 * Indexed arrays (`items[0]`, `items[1]`) stay objects keyed by their index: only the
 * endpoint schema knows whether `metadata[0]` is an array element or a metadata key, so
 * `parse-params` turns them into arrays where an array is expected. `[]` always appends.
 * A `[]` followed by more brackets (`items[][price]=a&items[][qty]=1`) fills the last
 * element until a key repeats, as Rack and PHP do.
 */
export function decodeForm(input: string | URLSearchParams): TFormObject {
  const params = typeof input === 'string' ? new URLSearchParams(input) : input;
  const root: TFormObject = {};
  for (const [rawKey, value] of params) {
    assign(root, parseKey(rawKey), value, rawKey);
  }
  return root;
}

/** `a[b][][c]` → `['a', 'b', '', 'c']`; an empty segment means "append". */
function parseKey(rawKey: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
  if (!match) throw new FormDecodeError(`Invalid parameter name: ${rawKey}`);
  const segments = [match[1]];
  for (const bracket of match[2].matchAll(/\[([^[\]]*)\]/g)) segments.push(bracket[1]);
  if (segments.length > MAX_DEPTH) throw new FormDecodeError(`Parameter nested too deeply: ${rawKey}`);
  if (segments.includes('__proto__')) throw new FormDecodeError(`Invalid parameter name: ${rawKey}`);
  return segments;
}

function assign(container: TFormObject | TFormValue[], segments: string[], value: string, rawKey: string): void {
  const [head, ...rest] = segments;
  if (Array.isArray(container)) {
    if (head !== '') throw conflict(rawKey);
    if (rest.length === 0) {
      container.push(value);
      return;
    }
    const last = container[container.length - 1];
    const next = rest[0];
    const canReuse = isObject(last) && next !== '' && !Object.hasOwn(last, next);
    const target = canReuse ? last : next === '' ? [] : {};
    if (!canReuse) container.push(target);
    assign(target, rest, value, rawKey);
    return;
  }
  if (head === '') throw conflict(rawKey);
  if (rest.length === 0) {
    if (Object.hasOwn(container, head) && typeof container[head] !== 'string') throw conflict(rawKey);
    container[head] = value;
    return;
  }
  const existing = Object.hasOwn(container, head) ? container[head] : undefined;
  const wantsArray = rest[0] === '';
  if (existing === undefined) {
    const created: TFormObject | TFormValue[] = wantsArray ? [] : {};
    container[head] = created;
    assign(created, rest, value, rawKey);
    return;
  }
  if (typeof existing === 'string' || Array.isArray(existing) !== wantsArray) throw conflict(rawKey);
  assign(existing, rest, value, rawKey);
}

function isObject(value: TFormValue | undefined): value is TFormObject {
  return typeof value === 'object' && !Array.isArray(value);
}

function conflict(rawKey: string): FormDecodeError {
  return new FormDecodeError(`Invalid parameter: ${rawKey} mixes a value, a hash and an array under the same name`);
}
