import { DEFAULT_RADIUS_KM } from '@/lib/search/search-shops-request';

/**
 * The search as the form holds it: strings as typed (a half-typed number is never lost or
 * "corrected" under the customer's fingers) plus the place's label. It mirrors the URL, which
 * is the source of truth: shareable, and the back button works.
 */
export type TSearchDraft = {
  lat: string;
  lng: string;
  /** What the customer picked ("Dublin, Ireland", "Grafton Street, Dublin"); shown, not searched. Empty for a map click or the device's position, which the page names by the nearest place. */
  place: string;
  /** The listed shop picked in the place search (its id), pointed out among the results; empty otherwise. */
  shop: string;
  radiusKm: string;
  media: string;
  colorMode: string;
  sides: string;
  copies: string;
  pagesPerSheet: string;
  finishing: string;
  pageCount: string;
  colorPageCount: string;
  openNow: boolean;
  offers: string[];
  sort: string;
  /** Uploaded documents (comma-separated ids) whose pages the search counts; carried to the order. */
  documents: string;
};

export const DRAFT_DEFAULTS: TSearchDraft = {
  lat: '',
  lng: '',
  place: '',
  shop: '',
  radiusKm: String(DEFAULT_RADIUS_KM),
  media: 'iso_a4_210x297mm',
  colorMode: 'auto',
  sides: 'one-sided',
  copies: '1',
  pagesPerSheet: '1',
  finishing: 'none',
  pageCount: '1',
  colorPageCount: '0',
  openNow: false,
  offers: [],
  sort: 'best_value',
  documents: '',
};

const TEXT_KEYS = ['lat', 'lng', 'place', 'shop', 'radiusKm', 'media', 'colorMode', 'sides', 'copies', 'pagesPerSheet', 'finishing', 'pageCount', 'colorPageCount', 'sort', 'documents'] as const;

type TQuery = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function draftFromQuery(query: TQuery): TSearchDraft {
  const draft: TSearchDraft = { ...DRAFT_DEFAULTS, offers: [] };
  for (const key of TEXT_KEYS) {
    const value = first(query[key]);
    if (value !== undefined) draft[key] = value;
  }
  draft.openNow = ['true', '1', 'on'].includes(first(query.openNow) ?? '');
  const offers = query.offers;
  draft.offers = (Array.isArray(offers) ? offers : offers ? [offers] : []).flatMap((o) => o.split(',')).filter(Boolean);
  return draft;
}

/** The URL for a draft: only what differs from the defaults, so links stay short. */
export function draftToQuery(draft: TSearchDraft, extra: { page?: number } = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of TEXT_KEYS) {
    const value = draft[key].trim();
    if (value !== '' && value !== DRAFT_DEFAULTS[key]) params.set(key, value);
  }
  if (draft.openNow) params.set('openNow', 'true');
  if (draft.offers.length) params.set('offers', draft.offers.join(','));
  if (extra.page && extra.page > 1) params.set('page', String(extra.page));
  return params;
}
