'use client';

import { useActionState, useState, useSyncExternalStore, useTransition } from 'react';
import { FormField } from '@/app/_components/form-field';
import { SubmitButton } from '@/app/_components/submit-button';
import { Button } from '@/app/_components/ui';
import type { TFeeRulePreview } from '@/lib/admin/platform-fee-rules';
import { formatMoney } from '@/lib/money/money';
import { MoneyChange } from '@/app/admin/_components/money-change';
import { ActionMessage } from '../_components/action-message';
import { ConfirmCheckbox } from '../_components/confirm-checkbox';
import { addFeeRuleAction, previewFeeRuleAction } from './actions';

const subscribeToNothing = () => () => {};
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * Schedules a new commission in two steps, like refunds and payouts: "Review change" shows the
 * fee it replaces, the fee on example orders and on the last 30 days' orders; only the tick and
 * "Schedule fee" write it, and the server refuses if the schedule changed since the review. The
 * start is typed in the admin's own time zone (sent along, so "1 March 00:00" is their midnight).
 */
export function FeeRuleForm({ currencySymbol, defaultStart }: { currencySymbol: string; defaultStart: string }) {
  const timezone = useSyncExternalStore(subscribeToNothing, browserTimeZone, () => 'UTC');
  const [fields, setFields] = useState({ percent: '', fixed: '0', effectiveFrom: defaultStart });
  const [preview, setPreview] = useState<TFeeRulePreview | null>(null);
  const [previewErrors, setPreviewErrors] = useState<Record<string, string[]>>({});
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [isReviewing, startReview] = useTransition();
  const [state, formAction] = useActionState(async (previous: Parameters<typeof addFeeRuleAction>[0], formData: FormData) => {
    const next = await addFeeRuleAction(previous, formData);
    if (next.success) setFields({ percent: '', fixed: '0', effectiveFrom: defaultStart });
    // Without the tick the review stays up with its error; anything else (saved, or stale) needs a new review.
    if (!next.fieldErrors?.confirm) setPreview(null);
    return next;
  }, {});
  const errors = { ...(state.fieldErrors ?? {}), ...previewErrors };
  const set = (name: keyof typeof fields) => (value: string) => {
    setFields((current) => ({ ...current, [name]: value }));
    setPreview(null);
  };
  const review = () =>
    startReview(async () => {
      const result = await previewFeeRuleAction({ ...fields, timezone });
      if (result.ok) {
        setPreviewErrors({});
        setPreviewError(null);
        setPreview(result.data);
      } else {
        setPreview(null);
        setPreviewErrors(result.fieldErrors ?? {});
        setPreviewError(result.fieldErrors ? null : result.error);
      }
    });
  const when = (iso: string) => new Date(iso).toLocaleString('en-IE', { dateStyle: 'long', timeStyle: 'short', timeZone: timezone });
  return (
    <form action={formAction} className="space-y-3" data-testid="fee-rule-form">
      <ActionMessage state={preview ? {} : previewError ? { error: previewError } : state} />
      <input type="hidden" name="timezone" value={timezone} />
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField
          label="Percentage of each order (%)"
          name="percent"
          inputMode="decimal"
          value={fields.percent}
          onChange={(e) => set('percent')(e.target.value)}
          readOnly={preview !== null}
          placeholder="10"
          errors={errors.percent}
        />
        <FormField
          label={`Fixed amount per order (${currencySymbol})`}
          name="fixed"
          inputMode="decimal"
          value={fields.fixed}
          onChange={(e) => set('fixed')(e.target.value)}
          readOnly={preview !== null}
          errors={errors.fixed}
        />
        <FormField
          label="Starts"
          name="effectiveFrom"
          type="datetime-local"
          value={fields.effectiveFrom}
          onChange={(e) => set('effectiveFrom')(e.target.value)}
          readOnly={preview !== null}
          errors={errors.effectiveFrom ?? errors.timezone}
          hint={`Your time zone: ${timezone}`}
        />
      </div>
      {preview ? (
        <div className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="fee-preview" role="region" aria-label="What this fee change does">
          <p className="font-medium">
            From {when(preview.startsAt)}
            {preview.endsAt ? ` until ${when(preview.endsAt)} (when the next scheduled fee starts)` : ''}: {preview.before.summary} → {preview.after.summary}
          </p>
          <table className="w-full text-left" data-testid="fee-preview-examples">
            <thead className="text-slate-600">
              <tr>
                <th className="py-1 font-medium">Order</th>
                <th className="py-1 font-medium">Platform fee</th>
                <th className="py-1 font-medium">Shop keeps</th>
              </tr>
            </thead>
            <tbody>
              {preview.examples.map((example) => (
                <tr key={`${example.label}-${example.totalMinor}`}>
                  <td className="py-1">
                    {example.label} {formatMoney(example.totalMinor, preview.currency)}
                  </td>
                  <td className="py-1">
                    <MoneyChange before={example.feeBeforeMinor} after={example.feeAfterMinor} currency={preview.currency} />
                  </td>
                  <td className="py-1">
                    <MoneyChange before={example.totalMinor - example.feeBeforeMinor} after={example.totalMinor - example.feeAfterMinor} currency={preview.currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p data-testid="fee-preview-recent">
            {preview.recent.orderCount
              ? `On the last 30 days’ ${preview.recent.orderCount} paid ${preview.recent.orderCount === 1 ? 'order' : 'orders'} at ${preview.recent.shopCount} ${preview.recent.shopCount === 1 ? 'shop' : 'shops'}, fees would have been `
              : 'No orders were paid in the last 30 days. '}
            {preview.recent.orderCount ? <MoneyChange before={preview.recent.feesBeforeMinor} after={preview.recent.feesAfterMinor} currency={preview.currency} /> : null}
            {preview.recent.orderCount ? '. ' : ''}It applies to every shop ({preview.activeShopCount} active now), for orders paid from its start; orders paid before keep their fee.
          </p>
          <input type="hidden" name="expectedSchedule" value={preview.scheduleFingerprint} />
          <ConfirmCheckbox errors={state.fieldErrors?.confirm}>I checked the effect: schedule {preview.after.summary}.</ConfirmCheckbox>
          <div className="flex gap-2">
            <SubmitButton pendingLabel="Scheduling…">Schedule fee</SubmitButton>
            <Button type="button" tone="ghost" onClick={() => setPreview(null)}>
              Change
            </Button>
          </div>
        </div>
      ) : (
        <Button type="button" onClick={review} disabled={isReviewing || !fields.percent.trim()} aria-busy={isReviewing}>
          {isReviewing ? 'Checking…' : 'Review change'}
        </Button>
      )}
    </form>
  );
}
