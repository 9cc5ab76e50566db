import { ApiError } from '../http/api-error';
import { readBody } from '../http/read-body';
import type { TEmulatorContext } from '../emulator-context';
import { expireDueCheckoutSessions } from '../resources/checkout-sessions';
import { payCheckoutSession } from '../resources/pay-checkout-session';
import type { TCheckoutSession } from '../state/stripe-objects';
import { formatMoney } from './format-money';
import type { TPageRoute } from './page-route';
import { escapeHtml, redirect, renderNotice, renderPage, sendHtml } from './render-page';

type TFormValues = { email: string; cardNumber: string; cardExpiry: string; cardCvc: string; billingName: string };

type TFormError = { message: string; field?: keyof TFormValues };

const EMPTY_FORM: TFormValues = { email: '', cardNumber: '', cardExpiry: '', cardCvc: '', billingName: '' };

/** Stripe substitutes the literal `{CHECKOUT_SESSION_ID}` in success_url on redirect. */
function successUrl(session: TCheckoutSession): string {
  return (session.success_url ?? '/').replaceAll('{CHECKOUT_SESSION_ID}', session.id);
}

function money(amount: number, session: TCheckoutSession): string {
  return formatMoney(amount, session.currency ?? 'eur');
}

/**
 * The hosted checkout page, shaped like Stripe's: order summary on the left, card form on
 * the right. Input ids match Stripe Checkout's (`#email`, `#cardNumber`, `#cardExpiry`,
 * `#cardCvc`, `#billingName`) so browser tests read the same against either.
 */
function renderCheckout(ctx: TEmulatorContext, session: TCheckoutSession, entered: TFormValues, error?: TFormError): string {
  const values = { ...entered, email: session.customer_email ?? entered.email };
  const lineItems = ctx.store.state.checkoutSessionDetails[session.id]?.lineItems ?? [];
  const total = money(session.amount_total ?? 0, session);
  const invalid = (field: keyof TFormValues) => (error?.field === field ? ' aria-invalid="true" aria-describedby="payment-error"' : '');
  const input = (field: keyof TFormValues, attributes: string) => `<input id="${field}" name="${field}" value="${escapeHtml(values[field])}" ${attributes}${invalid(field)}>`;
  return renderPage(
    `Pay ${ctx.merchantName}`,
    `<main class="layout">
<section>
  ${session.cancel_url ? `<a class="back" href="${escapeHtml(session.cancel_url)}">← Cancel and return to ${escapeHtml(ctx.merchantName)}</a>` : ''}
  <div class="merchant"><span class="logo" aria-hidden="true">${escapeHtml(ctx.merchantName.slice(0, 1).toUpperCase())}</span>${escapeHtml(ctx.merchantName)}</div>
  <div class="muted">Pay ${escapeHtml(ctx.merchantName)}</div>
  <div class="amount" data-testid="total-amount">${escapeHtml(total)}</div>
  <ul class="items">
    ${lineItems
      .map(
        (item) =>
          `<li><span>${escapeHtml(item.description ?? '')}<span class="qty">Qty ${item.quantity}${
            (item.quantity ?? 1) > 1 ? ` · ${escapeHtml(money(item.price.unit_amount ?? 0, session))} each` : ''
          }</span></span><span>${escapeHtml(money(item.amount_total, session))}</span></li>`,
      )
      .join('\n    ')}
  </ul>
  <div class="total"><span>Total due</span><span>${escapeHtml(total)}</span></div>
</section>
<section class="card">
  <h1>Pay with card</h1>
  <form method="post" action="/checkout/${escapeHtml(session.id)}" novalidate>
    <label for="email">Email</label>
    ${input('email', `type="email" autocomplete="email" required${session.customer_email ? ' readonly' : ''}`)}
    <fieldset class="group">
      <legend>Card information</legend>
      ${input('cardNumber', 'inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234" aria-label="Card number" required')}
      <div class="split">
        ${input('cardExpiry', 'autocomplete="cc-exp" placeholder="MM / YY" aria-label="Expiration date" required')}
        ${input('cardCvc', 'inputmode="numeric" autocomplete="cc-csc" placeholder="CVC" aria-label="CVC" required')}
      </div>
    </fieldset>
    <p class="hint">Test card 4242 4242 4242 4242 · any future date · any CVC</p>
    <label for="billingName">Cardholder name</label>
    ${input('billingName', 'autocomplete="cc-name" placeholder="Full name on card" required')}
    ${error ? `<p class="error" id="payment-error" role="alert">${escapeHtml(error.message)}</p>` : ''}
    <button type="submit" class="SubmitButton" data-testid="hosted-payment-submit-button">Pay ${escapeHtml(total)}</button>
  </form>
  <footer>Powered by the Nearprint Stripe emulator</footer>
</section>
</main>
<script>
document.querySelector('form').addEventListener('submit', function (event) {
  var button = event.target.querySelector('button');
  button.disabled = true;
  button.textContent = 'Processing…';
});
</script>`,
  );
}

/** Completed or expired sessions show where they stand instead of a form. */
function renderClosed(ctx: TEmulatorContext, session: TCheckoutSession): string {
  if (session.status === 'complete') {
    return renderNotice('Payment complete', `Your payment of ${money(session.amount_total ?? 0, session)} to ${ctx.merchantName} has been received.`, {
      href: successUrl(session),
      label: `Return to ${ctx.merchantName}`,
    });
  }
  return renderNotice(
    'This checkout session has expired',
    'The payment was not completed in time. Start again from the shop to pay.',
    session.cancel_url ? { href: session.cancel_url, label: `Return to ${ctx.merchantName}` } : undefined,
  );
}

const NOT_FOUND = renderNotice('Checkout not found', 'This payment link is not valid. Start again from the shop to pay.');

/** Which form field a payment error belongs to, for `aria-invalid`. */
function fieldOf(error: ApiError): keyof TFormValues | undefined {
  if (error.param === 'email') return 'email';
  if (error.code === 'invalid_number' || error.code === 'incorrect_number') return 'cardNumber';
  if (error.code?.startsWith('invalid_expiry')) return 'cardExpiry';
  if (error.code === 'invalid_cvc') return 'cardCvc';
  return undefined;
}

export const checkoutPageRoutes: TPageRoute[] = [
  {
    method: 'GET',
    path: '/checkout/:id',
    handler: async (_request, response, params, ctx) => {
      expireDueCheckoutSessions(ctx);
      const session = ctx.store.get('checkoutSessions', params.id);
      if (!session) return sendHtml(response, 404, NOT_FOUND);
      if (session.status !== 'open') return sendHtml(response, 200, renderClosed(ctx, session));
      sendHtml(response, 200, renderCheckout(ctx, session, EMPTY_FORM));
    },
  },
  {
    method: 'POST',
    path: '/checkout/:id',
    handler: async (request, response, params, ctx) => {
      const form = new URLSearchParams(await readBody(request));
      expireDueCheckoutSessions(ctx);
      const session = ctx.store.get('checkoutSessions', params.id);
      if (!session) return sendHtml(response, 404, NOT_FOUND);
      // A second press of Pay after the first one succeeded lands where the first did.
      if (session.status === 'complete') return redirect(response, 303, successUrl(session));
      if (session.status !== 'open') return sendHtml(response, 410, renderClosed(ctx, session));
      const values: TFormValues = {
        email: form.get('email') ?? '',
        cardNumber: form.get('cardNumber') ?? '',
        cardExpiry: form.get('cardExpiry') ?? '',
        cardCvc: form.get('cardCvc') ?? '',
        billingName: form.get('billingName') ?? '',
      };
      if (!values.billingName.trim()) {
        return sendHtml(response, 400, renderCheckout(ctx, session, values, { message: 'Enter the name on your card.', field: 'billingName' }));
      }
      try {
        payCheckoutSession(ctx, session.id, {
          email: values.email,
          name: values.billingName,
          card: { number: values.cardNumber, expiry: values.cardExpiry, cvc: values.cardCvc },
        });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        return sendHtml(response, error.status, renderCheckout(ctx, session, values, { message: error.message, field: fieldOf(error) }));
      }
      redirect(response, 303, successUrl(session));
    },
  },
];
