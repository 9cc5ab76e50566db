import { describe, expect, it } from 'vitest';
import { auditChanges } from './audit-changes';

describe('audit changes', () => {
  it('lists what changed in words, money formatted, unchanged fields left out', () => {
    const rows = auditChanges({ status: 'ready', refundableMinor: 300, refundedMinor: 0 }, { status: 'ready', amountMinor: 25, refundedMinor: 25, outcome: 'requested' }, 'eur');
    expect(rows).toEqual([
      { field: 'Refundable', before: '€3.00', after: '—' },
      { field: 'Refunded', before: '€0.00', after: '€0.25' },
      { field: 'Amount', before: '—', after: '€0.25' },
      { field: 'Outcome', before: '—', after: 'requested' },
    ]);
  });

  it('reads booleans, snake-case states and missing sides', () => {
    expect(auditChanges(null, { status: 'pending_review', isEnabled: true }, 'eur')).toEqual([
      { field: 'Status', before: '—', after: 'pending review' },
      { field: 'Is enabled', before: '—', after: 'yes' },
    ]);
  });
});
