import type { TEmulatorContext } from '../emulator-context';
import { readBody } from '../http/read-body';
import { completeOnboarding, isLinkUsable, isValidIban, spendAccountLink } from '../resources/account-links';
import type { TAccountLinkRecord } from '../state/stripe-objects';
import type { TPageRoute } from './page-route';
import { escapeHtml, redirect, renderNotice, renderPage, sendHtml } from './render-page';

/** Stripe's documented German test IBAN; payouts to it succeed. */
export const TEST_IBAN = 'DE89 3704 0044 0532 0130 00';

type TOnboardingValues = { businessName: string; iban: string };

function renderOnboarding(ctx: TEmulatorContext, link: TAccountLinkRecord, values: TOnboardingValues, error?: string): string {
  const account = ctx.store.get('accounts', link.account);
  return renderPage(
    `Set up payouts with ${ctx.merchantName}`,
    `<main class="narrow card">
  <div class="merchant"><span class="logo" aria-hidden="true">${escapeHtml(ctx.merchantName.slice(0, 1).toUpperCase())}</span>${escapeHtml(ctx.merchantName)}</div>
  <h1>Get paid by ${escapeHtml(ctx.merchantName)}</h1>
  <p class="muted">${escapeHtml(ctx.merchantName)} partners with Stripe for secure payouts. Tell us about your business and where to send your earnings.</p>
  ${account?.email ? `<p class="muted">Account: ${escapeHtml(account.email)}</p>` : ''}
  <form method="post" action="/connect/onboard/${escapeHtml(link.id)}" novalidate>
    <label for="businessName">Business name</label>
    <input id="businessName" name="businessName" autocomplete="organization" required value="${escapeHtml(values.businessName)}"${error && !values.businessName.trim() ? ' aria-invalid="true"' : ''}>
    <label for="iban">IBAN</label>
    <input id="iban" name="iban" autocomplete="off" required value="${escapeHtml(values.iban)}"${error && values.businessName.trim() ? ' aria-invalid="true"' : ''}>
    <p class="hint">Test IBAN ${TEST_IBAN}</p>
    ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
    <button type="submit" name="action" value="submit">Agree and submit</button>
    <button type="submit" name="action" value="exit" class="secondary" formnovalidate>Return to ${escapeHtml(ctx.merchantName)} without finishing</button>
  </form>
  <footer>Stripe Connect onboarding, emulated locally</footer>
</main>`,
  );
}

const NOT_FOUND = renderNotice('Link not found', 'This onboarding link is not valid. Start onboarding again from your shop settings.');

/**
 * The Express onboarding page an Account Link's `url` leads to. As with Stripe, a link
 * works once and for a few minutes: a used or expired one sends the owner to
 * `refresh_url` (where the app makes a new link); finishing or leaving sends them to
 * `return_url`, which says nothing about the outcome – the app must read the account.
 */
export const onboardingPageRoutes: TPageRoute[] = [
  {
    method: 'GET',
    path: '/connect/onboard/:id',
    handler: async (_request, response, params, ctx) => {
      const link = ctx.store.state.accountLinks[params.id];
      if (!link) return sendHtml(response, 404, NOT_FOUND);
      if (!isLinkUsable(ctx, link)) return redirect(response, 302, link.refreshUrl);
      const account = ctx.store.get('accounts', link.account);
      sendHtml(response, 200, renderOnboarding(ctx, link, { businessName: account?.business_profile.name ?? '', iban: TEST_IBAN }));
    },
  },
  {
    method: 'POST',
    path: '/connect/onboard/:id',
    handler: async (request, response, params, ctx) => {
      const form = new URLSearchParams(await readBody(request));
      const link = ctx.store.state.accountLinks[params.id];
      if (!link) return sendHtml(response, 404, NOT_FOUND);
      if (!isLinkUsable(ctx, link)) return redirect(response, 303, link.refreshUrl);
      if (form.get('action') === 'exit') {
        spendAccountLink(ctx, link);
        return redirect(response, 303, link.returnUrl);
      }
      const values = { businessName: (form.get('businessName') ?? '').trim(), iban: form.get('iban') ?? '' };
      if (!values.businessName) return sendHtml(response, 400, renderOnboarding(ctx, link, values, 'Enter your business name.'));
      if (!isValidIban(values.iban)) return sendHtml(response, 400, renderOnboarding(ctx, link, values, 'The IBAN you entered is invalid.'));
      const account = ctx.store.get('accounts', link.account);
      if (!account) return sendHtml(response, 404, NOT_FOUND);
      spendAccountLink(ctx, link);
      completeOnboarding(ctx, account, values);
      redirect(response, 303, link.returnUrl);
    },
  },
];
