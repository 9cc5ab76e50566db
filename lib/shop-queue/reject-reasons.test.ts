import { describe, expect, it } from 'vitest';
import { describeRejectReason, ZRejectReason } from './reject-reasons';

describe('ZRejectReason', () => {
  it('takes a listed reason with or without a note', () => {
    expect(ZRejectReason.parse({ reasonCode: 'unreadable' })).toEqual({ reasonCode: 'unreadable', note: '' });
    expect(describeRejectReason(ZRejectReason.parse({ reasonCode: 'unreadable', note: '  page 3 is blank ' }))).toBe('Pages are unreadable or blank: page 3 is blank');
    expect(describeRejectReason(ZRejectReason.parse({ reasonCode: 'printer_cannot' }))).toBe('Our printers cannot do this job');
  });

  it('needs words for "other"', () => {
    expect(ZRejectReason.safeParse({ reasonCode: 'other', note: '   ' }).success).toBe(false);
    expect(describeRejectReason(ZRejectReason.parse({ reasonCode: 'other', note: 'Closed for a family event' }))).toBe('Closed for a family event');
  });

  it('refuses unknown codes, missing codes and long notes', () => {
    for (const bad of [{}, { reasonCode: 'because' }, { reasonCode: '__proto__' }, { reasonCode: 'content', note: 'x'.repeat(201) }, { reasonCode: ['content'] }]) {
      expect(ZRejectReason.safeParse(bad).success).toBe(false);
    }
  });
});
