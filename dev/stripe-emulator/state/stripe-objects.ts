import type Stripe from 'stripe';

/**
 * The objects the emulator stores, typed as subsets of the SDK's own types (the SDK's
 * types are generated from Stripe's OpenAPI spec), so a field the emulator sends always
 * has the name and type Stripe gives it. Fields Nearprint never reads are left out
 * rather than faked. References to other objects are stored as ids; `expand` swaps them
 * for the objects on the way out.
 */

export type TCheckoutSession = Pick<
  Stripe.Checkout.Session,
  | 'id'
  | 'object'
  | 'allow_promotion_codes'
  | 'amount_subtotal'
  | 'amount_total'
  | 'cancel_url'
  | 'client_reference_id'
  | 'created'
  | 'currency'
  | 'customer_email'
  | 'expires_at'
  | 'livemode'
  | 'locale'
  | 'metadata'
  | 'mode'
  | 'payment_method_types'
  | 'payment_status'
  | 'status'
  | 'submit_type'
  | 'success_url'
  | 'total_details'
  | 'url'
  | 'ui_mode'
> & {
  customer: string | null;
  customer_details: Stripe.Checkout.Session.CustomerDetails | null;
  payment_intent: string | null;
};

export type TPrice = Pick<
  Stripe.Price,
  'id' | 'object' | 'active' | 'billing_scheme' | 'created' | 'currency' | 'livemode' | 'lookup_key' | 'metadata' | 'nickname' | 'recurring' | 'tax_behavior' | 'type' | 'unit_amount'
> & {
  product: string;
  /** A string on the wire; the SDK turns it into its `Decimal` type when it parses a response. */
  unit_amount_decimal: string;
};

export type TLineItem = Pick<Stripe.LineItem, 'id' | 'object' | 'amount_discount' | 'amount_subtotal' | 'amount_tax' | 'amount_total' | 'currency' | 'description' | 'quantity'> & { price: TPrice };

/** What a Checkout Session carries that Stripe does not show on the session object. */
export type TCheckoutSessionDetails = {
  lineItems: TLineItem[];
  paymentIntentData: {
    metadata: Record<string, string>;
    description: string | null;
    receiptEmail: string | null;
    transferGroup: string | null;
  };
};

export type TPaymentIntent = Pick<
  Stripe.PaymentIntent,
  | 'id'
  | 'object'
  | 'amount'
  | 'amount_capturable'
  | 'amount_received'
  | 'canceled_at'
  | 'cancellation_reason'
  | 'capture_method'
  | 'client_secret'
  | 'confirmation_method'
  | 'created'
  | 'currency'
  | 'description'
  | 'livemode'
  | 'metadata'
  | 'payment_method_types'
  | 'receipt_email'
  | 'status'
  | 'transfer_group'
> & {
  customer: string | null;
  latest_charge: string | null;
  payment_method: string | null;
  last_payment_error: Pick<Stripe.PaymentIntent.LastPaymentError, 'type' | 'code' | 'decline_code' | 'message' | 'charge' | 'doc_url'> | null;
};

export type TCardDetails = Pick<Stripe.Charge.PaymentMethodDetails.Card, 'brand' | 'country' | 'exp_month' | 'exp_year' | 'fingerprint' | 'funding' | 'last4' | 'network'> & {
  checks: Stripe.Charge.PaymentMethodDetails.Card.Checks;
};

export type TCharge = Pick<
  Stripe.Charge,
  | 'id'
  | 'object'
  | 'amount'
  | 'amount_captured'
  | 'amount_refunded'
  | 'calculated_statement_descriptor'
  | 'captured'
  | 'created'
  | 'currency'
  | 'description'
  | 'disputed'
  | 'failure_code'
  | 'failure_message'
  | 'livemode'
  | 'metadata'
  | 'paid'
  | 'receipt_email'
  | 'receipt_url'
  | 'refunded'
  | 'status'
  | 'transfer_group'
> & {
  balance_transaction: string | null;
  billing_details: Pick<Stripe.Charge.BillingDetails, 'address' | 'email' | 'name' | 'phone'>;
  customer: string | null;
  outcome: Pick<Stripe.Charge.Outcome, 'network_status' | 'reason' | 'risk_level' | 'seller_message' | 'type'>;
  payment_intent: string;
  payment_method: string;
  payment_method_details: { type: 'card'; card: TCardDetails };
};

export type TRefund = Pick<Stripe.Refund, 'id' | 'object' | 'amount' | 'created' | 'currency' | 'metadata' | 'reason' | 'receipt_number' | 'status'> & {
  balance_transaction: string;
  charge: string;
  payment_intent: string;
};

export type TDispute = Pick<Stripe.Dispute, 'id' | 'object' | 'amount' | 'created' | 'currency' | 'is_charge_refundable' | 'livemode' | 'metadata' | 'reason' | 'status'> & {
  charge: string;
  payment_intent: string;
  evidence_details: Pick<Stripe.Dispute.EvidenceDetails, 'due_by' | 'has_evidence' | 'past_due' | 'submission_count'>;
};

export type TBankAccount = Pick<
  Stripe.BankAccount,
  'id' | 'object' | 'bank_name' | 'country' | 'currency' | 'default_for_currency' | 'fingerprint' | 'last4' | 'metadata' | 'routing_number' | 'status'
> & { account: string; account_holder_name: string | null };

export type TAccount = Pick<Stripe.Account, 'id' | 'object' | 'charges_enabled' | 'details_submitted' | 'email' | 'payouts_enabled' | 'type'> & {
  business_profile: Pick<Stripe.Account.BusinessProfile, 'mcc' | 'name' | 'product_description' | 'support_email' | 'url'>;
  business_type: Stripe.Account.BusinessType | null;
  capabilities: Partial<Record<'card_payments' | 'transfers', Stripe.Account.Capabilities.Transfers>>;
  country: string;
  created: number;
  default_currency: string;
  external_accounts: TList<TBankAccount>;
  metadata: Stripe.Metadata;
  requirements: Pick<Stripe.Account.Requirements, 'currently_due' | 'disabled_reason' | 'eventually_due' | 'past_due' | 'pending_verification' | 'current_deadline'>;
  tos_acceptance: Pick<Stripe.Account.TosAcceptance, 'date'>;
};

export type TAccountLink = Stripe.AccountLink;

/** The emulator's record behind an Account Link's one-time onboarding URL. */
export type TAccountLinkRecord = {
  id: string;
  account: string;
  refreshUrl: string;
  returnUrl: string;
  type: 'account_onboarding' | 'account_update';
  created: number;
  expiresAt: number;
  isUsed: boolean;
};

export type TTransfer = Pick<Stripe.Transfer, 'id' | 'object' | 'amount' | 'amount_reversed' | 'created' | 'currency' | 'description' | 'livemode' | 'metadata' | 'reversed' | 'transfer_group'> & {
  balance_transaction: string;
  destination: string;
  destination_payment: string;
  reversals: TList<TTransferReversal>;
  source_transaction: string | null;
};

export type TTransferReversal = Pick<Stripe.TransferReversal, 'id' | 'object' | 'amount' | 'created' | 'currency' | 'metadata'> & {
  balance_transaction: string;
  destination_payment_refund: string | null;
  source_refund: string | null;
  transfer: string;
};

export type TBalanceTransactionType = 'charge' | 'refund' | 'transfer' | 'transfer_refund';

export type TBalanceTransaction = Pick<
  Stripe.BalanceTransaction,
  'id' | 'object' | 'amount' | 'available_on' | 'created' | 'currency' | 'description' | 'exchange_rate' | 'fee' | 'fee_details' | 'net' | 'reporting_category' | 'status'
> & { source: string; type: TBalanceTransactionType };

export type TList<TItem> = { object: 'list'; data: TItem[]; has_more: boolean; url: string };

export type TEvent = Pick<Stripe.Event, 'id' | 'object' | 'api_version' | 'created' | 'livemode' | 'pending_webhooks' | 'type'> & {
  account?: string;
  data: { object: TStripeObject; previous_attributes?: Record<string, unknown> };
  request: Stripe.Event.Request;
};

export type TStripeObject = TCheckoutSession | TPaymentIntent | TCharge | TRefund | TDispute | TAccount | TTransfer | TTransferReversal | TBalanceTransaction | TEvent;
