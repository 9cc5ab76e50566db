import { ApiError } from './api-error';

const MISSING_KEY_MESSAGE =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";

/**
 * Authenticates like Stripe: `Authorization: Bearer sk_test_…` or HTTP Basic with the key
 * as user name (what `curl -u sk_test_…:` sends). With `expectedKey` only that key passes;
 * otherwise any test-mode secret key does, so every developer's `.env` works unchanged.
 * Returns the key, which scopes idempotency keys as Stripe scopes them per account.
 */
export function checkApiKey(authorization: string | undefined, expectedKey?: string): string {
  const key = extractKey(authorization);
  if (!key) throw new ApiError(401, 'invalid_request_error', MISSING_KEY_MESSAGE);
  const isAccepted = expectedKey ? key === expectedKey : /^(sk|rk)_test_[A-Za-z0-9_]+$/.test(key);
  if (!isAccepted) throw new ApiError(401, 'invalid_request_error', `Invalid API Key provided: ${redact(key)}`);
  return key;
}

function extractKey(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const [scheme, credentials] = authorization.trim().split(/\s+/, 2);
  if (!credentials) return undefined;
  if (scheme.toLowerCase() === 'bearer') return credentials;
  if (scheme.toLowerCase() === 'basic') return Buffer.from(credentials, 'base64').toString('utf8').split(':')[0] || undefined;
  return undefined;
}

/** Stripe echoes only the start and the last four characters of a rejected key. */
function redact(key: string): string {
  const prefix = /^[a-z]{2}_(test|live)_/.exec(key)?.[0] ?? '';
  return `${prefix}${'*'.repeat(Math.max(0, key.length - prefix.length - 4))}${key.slice(-4)}`;
}
