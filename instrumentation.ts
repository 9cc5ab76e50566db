import { assertStartupConfig } from '@/lib/config/startup-check';

/**
 * Runs once when a `next start` (or `next dev`) server starts, never during `next build`: the
 * web app checks every setting here and refuses to start with one message listing what to fix
 * (in production: DATABASE_URL, STRIPE_SECRET_KEY and AUTH_SECRET), instead of falling back
 * to the embedded database or the Stripe emulator on the first request.
 */
export function register(): void {
  assertStartupConfig();
}
