/**
 * Runs once when a `next start` (or `next dev`) server starts, never during `next build`: the
 * web app checks every setting and exits with one message listing what to fix (in production:
 * DATABASE_URL, STRIPE_SECRET_KEY and AUTH_SECRET) instead of serving requests that would fall
 * back to the embedded database or the Stripe emulator.
 *
 * NEXT_RUNTIME is Next.js' compile-time constant, not a setting: it keeps the check (and its
 * Node.js imports) out of the Edge build of this file.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { exitOnBadStartupConfig } = await import('@/lib/config/startup-check');
    exitOnBadStartupConfig('web app');
  }
}
