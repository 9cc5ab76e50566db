import type { Metadata } from 'next';
import { DateTime } from 'luxon';
import { Badge, Card, PageHeader } from '@/app/_components/ui';
import { requirePageRole } from '@/app/_lib/session';
import { describeFeeRule, listFeeRules, MAX_FEE_PERCENT, MAX_FIXED_FEE_MINOR, type TFeeRuleState } from '@/lib/admin/platform-fee-rules';
import { env } from '@/lib/config/env';
import { formatMoney } from '@/lib/money/money';
import { FeeRuleForm } from './fee-rule-form';
import { WithdrawFeeRuleButton } from './withdraw-fee-rule-button';

export const metadata: Metadata = { title: 'Platform fee' };

const STATE_BADGE: Record<TFeeRuleState, { label: string; tone: 'good' | 'info' | 'neutral' }> = {
  in_force: { label: 'In force', tone: 'good' },
  scheduled: { label: 'Scheduled', tone: 'info' },
  superseded: { label: 'Past', tone: 'neutral' },
};

export default async function AdminFeesPage() {
  await requirePageRole(['admin'], '/admin/fees');
  const currency = env().CURRENCY;
  const { rules, current } = await listFeeRules();
  const tomorrow = DateTime.utc().plus({ days: 1 }).startOf('day').toFormat("yyyy-MM-dd'T'HH:mm");
  return (
    <div className="space-y-6">
      <PageHeader
        title="Platform fee"
        description="Nearprint’s commission, taken out of each order’s total. Every order keeps the fee in force when it was paid; a new fee applies to orders paid from its start."
      />
      <Card>
        <p className="text-sm text-slate-600">In force now</p>
        <p className="text-2xl font-semibold" data-testid="current-fee">
          {describeFeeRule(current, currency)}
        </p>
        {current.isDefault ? <p className="text-xs text-slate-500">The default: no fee has been set yet.</p> : null}
      </Card>
      <Card>
        <h2 className="mb-1 font-semibold">Schedule a new fee</h2>
        <p className="mb-3 text-sm text-slate-600">
          Up to {MAX_FEE_PERCENT}% plus at most {formatMoney(MAX_FIXED_FEE_MINOR, currency)} per order; never more than the order itself. It must start in the future.
        </p>
        <FeeRuleForm currencySymbol={formatMoney(0, currency).replace(/[\d.,\s]/g, '')} defaultStart={tomorrow} />
      </Card>
      <Card>
        <h2 className="mb-3 font-semibold">History</h2>
        {rules.length === 0 ? (
          <p className="text-sm text-slate-600">No fee has been set; the default applies.</p>
        ) : (
          <table className="w-full text-sm" data-testid="fee-history">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="py-1 font-medium">From (UTC)</th>
                <th className="py-1 font-medium">Fee</th>
                <th className="py-1 font-medium">State</th>
                <th className="py-1 font-medium">Set by</th>
                <th className="py-1" />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rules.map((rule) => (
                <tr key={rule.id} data-state={rule.state}>
                  <td className="py-1 whitespace-nowrap">{rule.effectiveFrom.toLocaleString('en-IE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })}</td>
                  <td className="py-1">{describeFeeRule(rule, currency)}</td>
                  <td className="py-1">
                    <Badge tone={STATE_BADGE[rule.state].tone}>{STATE_BADGE[rule.state].label}</Badge>
                  </td>
                  <td className="py-1 text-slate-600">
                    {rule.createdByEmail ?? '—'} · {rule.createdAt.toLocaleDateString('en-IE', { timeZone: 'UTC' })}
                  </td>
                  <td className="py-1 text-right">{rule.state === 'scheduled' ? <WithdrawFeeRuleButton ruleId={rule.id} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
