import type Stripe from 'stripe';
import type { EmulatorStore } from './state/emulator-store';
import type { TEvent, TStripeObject } from './state/stripe-objects';

/** Which API request caused an event (`event.request`). */
export type TRequestOrigin = Stripe.Event.Request;

/** For events caused outside the API: a customer paying, a bank disputing, time passing. */
export const NO_API_REQUEST: TRequestOrigin = { id: null, idempotency_key: null };

export type TEmitOptions = { previousAttributes?: Record<string, unknown>; account?: string };

/** What every resource handler works with. */
export type TEmulatorContext = {
  store: EmulatorStore;
  /** Base URL of the hosted pages (checkout, onboarding), e.g. http://127.0.0.1:12111. */
  publicUrl: string;
  merchantName: string;
  /** The platform's settlement currency: shown in an empty balance and for new accounts' fallbacks. */
  defaultCurrency: string;
  apiVersion: string;
  /** Unix seconds on the emulator's clock (wall clock plus any test advance). */
  now(): number;
  /** Records an event and queues its webhook deliveries. */
  emit(type: Stripe.Event.Type, object: TStripeObject, origin: TRequestOrigin, options?: TEmitOptions): TEvent;
};
