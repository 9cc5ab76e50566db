import { createHash } from 'node:crypto';
import type { TCardDetails } from '../state/stripe-objects';

/** What the customer typed; expiry as `MM / YY`, `MM/YY` or `MM/YYYY`. */
export type TCardInput = { number: string; expiry: string; cvc: string };

export type TCardDecline = { code: string; declineCode?: string; message: string };

export type TCardCheck =
  /** The form itself is wrong: Stripe's page rejects it before any payment attempt. */
  | { kind: 'invalid'; field: 'number' | 'expiry' | 'cvc'; code: string; message: string }
  | { kind: 'declined'; card: TCardDetails; decline: TCardDecline }
  | { kind: 'approved'; card: TCardDetails; isDisputed: boolean };

type TTestCard = { funding: string; country: string; decline?: TCardDecline; isDisputed?: boolean };

/**
 * Stripe's documented test card numbers, with the same outcomes
 * (https://docs.stripe.com/testing). Any future expiry and any CVC work.
 */
export const TEST_CARDS: Record<string, TTestCard> = {
  '4242424242424242': { funding: 'credit', country: 'US' },
  '4000056655665556': { funding: 'debit', country: 'US' },
  '5555555555554444': { funding: 'credit', country: 'US' },
  '4000002760000016': { funding: 'credit', country: 'DE' },
  '4000000000000077': { funding: 'credit', country: 'US' },
  '4000000000000259': { funding: 'credit', country: 'US', isDisputed: true },
  '4000000000000002': {
    funding: 'credit',
    country: 'US',
    decline: { code: 'card_declined', declineCode: 'generic_decline', message: 'Your card has been declined.' },
  },
  '4000000000009995': {
    funding: 'credit',
    country: 'US',
    decline: { code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  },
  '4000000000000069': {
    funding: 'credit',
    country: 'US',
    decline: { code: 'expired_card', message: 'Your card has expired.' },
  },
  '4000000000000127': {
    funding: 'credit',
    country: 'US',
    decline: { code: 'incorrect_cvc', message: "Your card's security code is incorrect." },
  },
};

const LIVE_CARD_DECLINE: TCardDecline = {
  code: 'card_declined',
  declineCode: 'test_mode_live_card',
  message: 'Your card was declined. Your request was in test mode, but used a non test card. For a list of valid test cards, visit: https://stripe.com/docs/testing.',
};

/**
 * Validates a card as Stripe's hosted page does (number by Luhn, expiry not in the past,
 * CVC length) and then decides the outcome from the test card table. A well-formed
 * number that is not a test card is declined, as real cards are in test mode.
 */
export function checkCard(input: TCardInput, now: Date): TCardCheck {
  const number = input.number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(number) || !passesLuhn(number)) {
    return { kind: 'invalid', field: 'number', code: 'invalid_number', message: 'Your card number is invalid.' };
  }
  const expiry = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(input.expiry);
  if (!expiry) {
    return { kind: 'invalid', field: 'expiry', code: 'invalid_expiry_month', message: "Your card's expiration date is incomplete." };
  }
  const expMonth = Number(expiry[1]);
  const expYear = expiry[2].length === 2 ? 2000 + Number(expiry[2]) : Number(expiry[2]);
  if (expMonth < 1 || expMonth > 12) {
    return { kind: 'invalid', field: 'expiry', code: 'invalid_expiry_month', message: "Your card's expiration month is invalid." };
  }
  const thisMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (expYear * 12 + expMonth - 1 < thisMonth) {
    return { kind: 'invalid', field: 'expiry', code: 'invalid_expiry_year', message: "Your card's expiration year is in the past." };
  }
  const brand = brandOf(number);
  if (!new RegExp(`^\\d{${brand === 'amex' ? 4 : 3}}$`).test(input.cvc.trim())) {
    return { kind: 'invalid', field: 'cvc', code: 'invalid_cvc', message: "Your card's security code is incomplete." };
  }
  const testCard = TEST_CARDS[number];
  const card: TCardDetails = {
    brand,
    checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
    country: testCard?.country ?? 'US',
    exp_month: expMonth,
    exp_year: expYear,
    fingerprint: createHash('sha256').update(number).digest('base64url').slice(0, 16),
    funding: testCard?.funding ?? 'credit',
    last4: number.slice(-4),
    network: brand,
  };
  if (!testCard) return { kind: 'declined', card, decline: LIVE_CARD_DECLINE };
  if (testCard.decline) return { kind: 'declined', card, decline: testCard.decline };
  return { kind: 'approved', card, isDisputed: testCard.isDisputed ?? false };
}

function brandOf(number: string): string {
  if (number.startsWith('4')) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  if (/^6(011|5)/.test(number)) return 'discover';
  return 'unknown';
}

function passesLuhn(number: string): boolean {
  let sum = 0;
  for (let index = 0; index < number.length; index += 1) {
    let digit = Number(number[number.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
