import { betterAuth, type BetterAuthPlugin } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import { anonymous, magicLink } from 'better-auth/plugins';
import type { TDatabase } from '@/db/client';
import * as schema from '@/db/schema';
import { env, requireAuthSecret } from '@/lib/config/env';
import { signInSettings } from '@/lib/config/sign-in-settings';
import { enqueueSignInLink, GUEST_EMAIL_DOMAIN, moveGuestDocuments, SIGN_IN_LINK_TTL_S } from './guest-accounts';
import { clientAddress, createSignInThrottle, tooManyAttemptsMessage, type TSignInThrottle } from './sign-in-throttle';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

/**
 * Email + password accounts with database sessions. The role lives on the user row and is
 * never taken from sign-up input (`input: false`): admins come from configuration or the seed,
 * shop owners are promoted by the sign-up action after the account exists.
 *
 * Framework-free: the web app adds the Next.js cookie plugin, the seed uses it bare.
 */
export function createAuth(options: { db: TDatabase; plugins?: BetterAuthPlugin[]; trustedOrigins?: string[]; signInThrottle?: TSignInThrottle; trustedProxyHops?: number }) {
  const throttle = options.signInThrottle ?? createSignInThrottle({ db: options.db });
  const trustedProxyHops = options.trustedProxyHops ?? signInSettings().trustedProxyHops;
  return betterAuth({
    appName: 'Nearprint',
    baseURL: env().APP_URL,
    secret: requireAuthSecret(),
    trustedOrigins: options.trustedOrigins,
    database: drizzleAdapter(options.db, { provider: 'pg', usePlural: true, schema }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      autoSignIn: true,
    },
    user: {
      additionalFields: {
        role: { type: 'string', input: false, defaultValue: 'customer', required: false },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    telemetry: { enabled: false },
    // Email sign-in is limited by our own limiter (below), on every path; better-auth's would only
    // see HTTP requests, keyed on a client-supplied X-Forwarded-For. Its limits stay on the rest,
    // counted in PostgreSQL (rate_limits): its default, process memory, would give each web
    // instance behind the load balancer a budget of its own.
    rateLimit: { storage: 'database', customRules: { '/sign-in/email': false } },
    advanced: {
      ipAddress: { ipAddressHeaders: trustedProxyHops > 0 ? ['x-forwarded-for'] : [], disableIpTracking: trustedProxyHops === 0 },
      // Session cookies: never readable by scripts, not sent on cross-site subrequests, and
      // Secure (with the __Secure- prefix) whenever the app is served over https.
      useSecureCookies: env().APP_URL.startsWith('https://'),
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
    },
    plugins: [
      signInThrottlePlugin(throttle, trustedProxyHops),
      // Guests: an anonymous session holds their uploads until checkout (lib/orders/guest-checkout.ts).
      // Signing in or up from one moves its uploads to the account; the anonymous user is then deleted.
      anonymous({
        emailDomainName: GUEST_EMAIL_DOMAIN,
        generateName: () => 'Guest',
        onLinkAccount: async ({ anonymousUser, newUser }) => {
          await moveGuestDocuments(options.db, { fromUserId: anonymousUser.user.id, toUserId: newUser.user.id });
        },
      }),
      // Emailed one-time sign-in links for guest accounts (no password). Never creates an account:
      // accounts come from sign-up and from guest checkout.
      magicLink({
        expiresIn: SIGN_IN_LINK_TTL_S,
        disableSignUp: true,
        storeToken: 'hashed',
        sendMagicLink: async (link) => {
          await enqueueSignInLink(options.db, link);
        },
      }),
      ...(options.plugins ?? []),
    ],
  });
}

export const TOO_MANY_SIGN_IN_ATTEMPTS = 'TOO_MANY_SIGN_IN_ATTEMPTS';

/**
 * Every email sign-in, whether the sign-in form's server action (auth.api.signInEmail) or a
 * POST to /api/auth/sign-in/email, passes these hooks: better-auth runs plugin hooks for both.
 * Before: refused (429) while the account or the client address is locked, without checking
 * the password. After: a wrong password counts against both, a right one clears the account.
 */
function signInThrottlePlugin(throttle: TSignInThrottle, trustedProxyHops: number): BetterAuthPlugin {
  const isSignIn = (context: { path?: string }) => context.path === '/sign-in/email';
  const attemptOf = (context: { body?: unknown; headers?: Headers }) => {
    const email = (context.body as { email?: unknown } | undefined)?.email;
    return typeof email === 'string' && email.trim() ? { email, address: clientAddress(context.headers, trustedProxyHops) } : null;
  };
  return {
    id: 'nearprint-sign-in-throttle',
    hooks: {
      before: [
        {
          matcher: isSignIn,
          handler: createAuthMiddleware(async (context) => {
            const attempt = attemptOf(context);
            if (!attempt) return;
            const verdict = await throttle.check(attempt);
            if (!verdict.isAllowed) {
              throw new APIError(
                'TOO_MANY_REQUESTS',
                { message: tooManyAttemptsMessage(verdict.retryAfterMs), code: TOO_MANY_SIGN_IN_ATTEMPTS },
                { 'Retry-After': String(Math.ceil(verdict.retryAfterMs / 1000)) },
              );
            }
          }),
        },
      ],
      after: [
        {
          matcher: isSignIn,
          handler: createAuthMiddleware(async (context) => {
            const attempt = attemptOf(context);
            if (!attempt) return;
            const returned = context.context.returned;
            if (isAPIError(returned)) {
              if (returned.statusCode === 401) await throttle.recordFailure(attempt);
              return;
            }
            await throttle.recordSuccess(attempt);
          }),
        },
      ],
    },
  };
}

export type TAuth = ReturnType<typeof createAuth>;
