'use client';

import Link from 'next/link';
import { useEffect, useRef, useState, useTransition } from 'react';
import { DocumentsPanel, type TDocumentsChange } from '@/app/_components/documents/documents-panel';
import type { TAcceptedUploadTypes } from '@/lib/documents/accepted-upload-types';
import { JobOptionsFields } from '@/app/_components/job/job-options-fields';
import { LayoutPreview } from '@/app/_components/job/layout-preview';
import { Alert, Button, Card } from '@/app/_components/ui';
import { FormField } from '@/app/_components/form-field';
import type { TCustomerQuote } from '@/lib/quote/customer-quote';
import type { TDocumentSummary } from '@/lib/documents/document-summary';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { formatMoney } from '@/lib/money/money';
import { placeOrderAction, quoteOrderAction } from '../actions';
import { countOf } from '@/lib/text/count-of';

type TShopCard = { id: string; name: string; address: string; href: string };

/**
 * The order, built where the customer can see everything at once: the files (with the page
 * map), the options, and the exact price at this shop, recomputed by the server whenever
 * anything changes. Paying sends the total the customer saw; the server refuses to charge a
 * different one without showing it first.
 */
export function NewOrderForm({
  shop,
  initialJob,
  initialDocuments,
  uploadTypes,
  currency,
  hoursWarning,
  isGuest = false,
}: {
  shop: TShopCard;
  initialJob: TJobOptions;
  initialDocuments: TDocumentSummary[];
  uploadTypes: TAcceptedUploadTypes;
  currency: string;
  /** The shop is closed now, or closes before the job can be ready: said before paying. */
  hoursWarning: string | null;
  /** Not signed in: checkout asks for the email the order, the receipt and the sign-in link go to. */
  isGuest?: boolean;
}) {
  const [job, setJob] = useState(initialJob);
  const [docs, setDocs] = useState<TDocumentsChange>({ documents: initialDocuments, isBusy: false });
  const [latestQuote, setQuote] = useState<TCustomerQuote | null>(null);
  const [quoteError, setQuoteError] = useState<{ message: string; fieldErrors?: Record<string, string[]> } | null>(null);
  const [priceChange, setPriceChange] = useState<{ from: number; to: number } | null>(null);
  const [payError, setPayError] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string[] | undefined>(undefined);
  const [isQuoting, startQuote] = useTransition();
  const [isPaying, startPay] = useTransition();
  const requestId = useRef(0);

  const readyIds = docs.documents.filter((d) => d.status === 'ready').map((d) => d.id);
  // No readable document: no price, whatever was quoted before.
  const quote = readyIds.length ? latestQuote : null;
  const forcedKey = docs.documents.flatMap((d) => d.pages.filter((p) => p.isForcedMono).map((p) => `${d.id}:${p.pageNumber}`)).join(',');

  useEffect(() => {
    if (readyIds.length === 0) return;
    const id = ++requestId.current;
    const timer = setTimeout(() => {
      startQuote(async () => {
        const result = await quoteOrderAction({ shopId: shop.id, job, documentIds: readyIds });
        if (id !== requestId.current) return;
        if (result.ok) {
          setQuote(result.data);
          setQuoteError(null);
        } else {
          setQuote(null);
          setQuoteError({ message: result.error, fieldErrors: result.fieldErrors });
        }
      });
    }, 250);
    return () => clearTimeout(timer);
    // Re-quote when the job, the documents or forced-mono pages change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(job), readyIds.join(','), forcedKey, shop.id]);

  const pay = () =>
    startPay(async () => {
      if (!quote) return;
      setPayError(null);
      setEmailError(undefined);
      const result = await placeOrderAction({ shopId: shop.id, job, documentIds: readyIds, expectedTotalMinor: quote.totalMinor, ...(isGuest ? { email } : {}) });
      if (!result.ok) {
        if (result.fieldErrors?.email) setEmailError(result.fieldErrors.email);
        else setPayError(result.error);
        return;
      }
      if (result.data.kind === 'price_changed') {
        setPriceChange({ from: quote.totalMinor, to: result.data.quote.totalMinor });
        setQuote(result.data.quote);
        return;
      }
      window.location.assign(result.data.checkoutUrl);
    });

  const canPay = !!quote && !docs.isBusy && !isQuoting && !isPaying && (!isGuest || email.trim() !== '');
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-6">
        <Card>
          <h2 className="mb-3 font-semibold">1. Your files</h2>
          <DocumentsPanel initial={initialDocuments} uploadTypes={uploadTypes} onChange={setDocs} />
        </Card>
        <Card>
          <h2 className="mb-3 font-semibold">2. How to print them</h2>
          <JobOptionsFields value={job} onChange={setJob} errors={quoteError?.fieldErrors} />
        </Card>
        <Card>
          <h2 className="mb-3 font-semibold">3. What the printer prints</h2>
          <LayoutPreview documentIds={readyIds} job={job} revision={forcedKey} />
        </Card>
      </div>
      <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start">
        <Card data-testid="order-summary">
          <p className="text-sm text-slate-500">Printing at</p>
          <p className="font-semibold">
            <Link href={shop.href} className="hover:underline" data-testid="order-shop-link">
              {shop.name}
            </Link>
          </p>
          <p className="mb-4 text-sm text-slate-600">
            {shop.address} ·{' '}
            <Link href={shop.href} className="text-brand-600 underline hover:no-underline">
              hours and directions
            </Link>
          </p>
          {hoursWarning ? (
            <div className="mb-4" data-testid="shop-hours-warning">
              <Alert tone="warn">{hoursWarning}</Alert>
            </div>
          ) : null}
          {priceChange ? (
            <Alert tone="warn">
              The shop changed its prices since you looked: the total is now <strong>{formatMoney(priceChange.to, currency)}</strong> (was {formatMoney(priceChange.from, currency)}). Pay again to
              accept it.
            </Alert>
          ) : null}
          {readyIds.length === 0 ? <p className="text-sm text-slate-600">Add a file to see the exact price.</p> : null}
          {quoteError && readyIds.length > 0 ? <Alert>{quoteError.message}</Alert> : null}
          {quote ? (
            <div className={isQuoting ? 'opacity-60' : ''} data-testid="quote">
              <ul className="space-y-1 text-sm">
                {quote.lines.map((line) => (
                  <li key={line.kind + line.label} className="flex justify-between gap-3">
                    <span className="text-slate-700">{line.label}</span>
                    <span className="tabular-nums">{formatMoney(line.amountMinor, currency)}</span>
                  </li>
                ))}
              </ul>
              <p className="mt-3 flex justify-between border-t border-slate-200 pt-3 text-base font-semibold">
                <span>Total</span>
                <span data-testid="quote-total">{formatMoney(quote.totalMinor, currency)}</span>
              </p>
              <p className="mt-1 text-xs text-slate-500">
                {countOf(quote.impressions.colorImpressions + quote.impressions.monoImpressions, 'printed side')} per copy on {countOf(quote.impressions.sheets, 'sheet')}.
              </p>
            </div>
          ) : isQuoting ? (
            <p className="text-sm text-slate-500">Working out the price…</p>
          ) : null}
          {isGuest ? (
            <div className="mt-4" data-testid="guest-email">
              <FormField
                label="Your email"
                name="email"
                type="email"
                autoComplete="email"
                inputMode="email"
                required
                value={email}
                onChange={(event) => {
                  setEmail(event.target.value);
                  setEmailError(undefined);
                }}
                errors={emailError}
                hint={
                  <>
                    For the receipt and a link to follow your order. No password needed.{' '}
                    <Link className="text-brand-600 hover:underline" href={`/sign-in?next=${encodeURIComponent(shop.href)}`}>
                      Have an account? Sign in
                    </Link>
                  </>
                }
              />
            </div>
          ) : null}
          {payError ? (
            <div className="mt-4">
              <Alert>{payError}</Alert>
            </div>
          ) : null}
          <Button className="mt-4 w-full" onClick={pay} disabled={!canPay} aria-busy={isPaying}>
            {isPaying ? 'Opening the payment page…' : quote ? `Pay ${formatMoney(quote.totalMinor, currency)}` : 'Pay'}
          </Button>
          {docs.isBusy ? <p className="mt-2 text-xs text-slate-500">Waiting for your files to be checked…</p> : null}
          <p className="mt-2 text-xs text-slate-500">You pay on a secure Stripe page. If the shop cannot print your job, you get your money back automatically.</p>
        </Card>
      </aside>
    </div>
  );
}
