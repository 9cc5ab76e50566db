import { describe, expect, it } from 'vitest';
import { DRAFT_DEFAULTS, draftFromQuery, draftToQuery } from './search-draft';

describe('search draft ↔ URL', () => {
  it('keeps URLs short by leaving defaults out', () => {
    expect(draftToQuery(DRAFT_DEFAULTS).toString()).toBe('');
    expect(draftToQuery({ ...DRAFT_DEFAULTS, copies: '3', openNow: true, offers: ['staple', 'bind'] }, { page: 2 }).toString()).toBe('copies=3&openNow=true&offers=staple%2Cbind&page=2');
  });

  it('round-trips what the customer typed, even when it is not valid yet', () => {
    const query = { lat: '53.35', lng: '-6.26', place: 'Dublin, Ireland', copies: 'abc', pageCount: '', sort: 'soonest', openNow: 'true', offers: ['staple', 'bind'] };
    const draft = draftFromQuery(query);
    expect(draft).toMatchObject({ lat: '53.35', place: 'Dublin, Ireland', copies: 'abc', pageCount: '', sort: 'soonest', openNow: true, offers: ['staple', 'bind'] });
    expect(draftFromQuery(Object.fromEntries(draftToQuery(draft)))).toEqual({ ...draft, pageCount: DRAFT_DEFAULTS.pageCount });
  });
});
