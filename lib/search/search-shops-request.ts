import { z } from 'zod';
import { FINISHINGS, MAX_COPIES, PAGES_PER_SHEET, ZJobOptions } from '@/lib/job-options/job-options';

export const SEARCH_SORTS = ['best_value', 'nearest', 'cheapest', 'soonest'] as const;
export type TSearchSort = (typeof SEARCH_SORTS)[number];

export const SORT_LABELS: Record<TSearchSort, string> = {
  best_value: 'Best value',
  nearest: 'Nearest',
  cheapest: 'Cheapest',
  soonest: 'Ready soonest',
};

/** Kilometres. Beyond 50 km a shop is no longer "near" and the candidate set stops being small. */
export const MAX_RADIUS_KM = 50;
export const DEFAULT_RADIUS_KM = 5;
/** Radii the page offers; an empty search suggests the smallest that reaches a shop. */
export const RADIUS_CHOICES_KM = [1, 2, 5, 10, 20, 50] as const;
export const MAX_PAGE_COUNT = 5000;
export const MAX_PAGE_SIZE = 50;
export const DEFAULT_PAGE_SIZE = 20;

/** Query strings and forms send '' for a field left blank; treat it as absent, not as 0. */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** A number from a query string: blank means absent (so the default applies), text gets a message. */
function numberParam(label: string) {
  return z.coerce.number({ message: `The ${label} must be a number` });
}

function coordinate(label: string, limit: number) {
  return z.preprocess(
    blankToUndefined,
    z
      .any()
      .refine((value) => value !== undefined, `Give the ${label} of where to search`)
      .pipe(
        z.coerce
          .number({ message: `The ${label} must be a number` })
          .min(-limit, `The ${label} must be between -${limit} and ${limit}`)
          .max(limit, `The ${label} must be between -${limit} and ${limit}`),
      ),
  );
}

const ZFlag = z.preprocess(
  blankToUndefined,
  z
    .enum(['true', 'false', '1', '0', 'on', 'off'], { message: 'Use true or false' })
    .default('false')
    .transform((v) => v === 'true' || v === '1' || v === 'on'),
);

/** `offers=staple,bind` or `offers=staple&offers=bind` (checkboxes). */
const ZOffers = z.preprocess(
  (value) => {
    if (value === undefined || value === '') return [];
    const parts = Array.isArray(value) ? value : [value];
    return [
      ...new Set(
        parts
          .flatMap((part) => String(part).split(','))
          .map((part) => part.trim())
          .filter(Boolean),
      ),
    ];
  },
  z.array(z.enum(FINISHINGS, { message: 'Finishing is staple, punch or bind' })),
);

/**
 * One search: where, how far, the job to price, filters and the order of results. Every field
 * but the position has a default, so a link with just `lat` and `lng` works. Page counts are
 * typed for now; once files are uploaded they come from the inspected documents.
 */
export const ZSearchShopsRequest = z
  .object({
    lat: coordinate('latitude', 90),
    lng: coordinate('longitude', 180),
    radiusKm: z.preprocess(
      blankToUndefined,
      numberParam('radius').positive('The radius must be more than 0 km').max(MAX_RADIUS_KM, `Search at most ${MAX_RADIUS_KM} km around you`).default(DEFAULT_RADIUS_KM),
    ),
    media: z.preprocess(blankToUndefined, ZJobOptions.shape.media.default('iso_a4_210x297mm')),
    colorMode: z.preprocess(blankToUndefined, ZJobOptions.shape.colorMode.default('auto')),
    sides: z.preprocess(blankToUndefined, ZJobOptions.shape.sides.default('one-sided')),
    copies: z.preprocess(blankToUndefined, numberParam('number of copies').int('Copies are whole numbers').min(1, 'At least one copy').max(MAX_COPIES, `At most ${MAX_COPIES} copies`).default(1)),
    pagesPerSheet: z.preprocess(
      blankToUndefined,
      numberParam('pages per sheet')
        .refine((n): n is 1 | 2 | 4 => (PAGES_PER_SHEET as readonly number[]).includes(n), 'Pages per sheet is 1, 2 or 4')
        .default(1),
    ),
    finishing: z.preprocess(blankToUndefined, ZJobOptions.shape.finishing),
    pageCount: z.preprocess(blankToUndefined, numberParam('page count').int('Pages are whole numbers').min(1, 'At least one page').max(MAX_PAGE_COUNT, `At most ${MAX_PAGE_COUNT} pages`).default(1)),
    colorPageCount: z.preprocess(
      blankToUndefined,
      numberParam('colour page count').int('Pages are whole numbers').min(0, 'Colour pages cannot be negative').max(MAX_PAGE_COUNT, `At most ${MAX_PAGE_COUNT} pages`).default(0),
    ),
    openNow: ZFlag,
    offers: ZOffers,
    sort: z.preprocess(blankToUndefined, z.enum(SEARCH_SORTS, { message: 'Sort by best_value, nearest, cheapest or soonest' }).default('best_value')),
    page: z.preprocess(blankToUndefined, numberParam('page').int('Pages are whole numbers').min(1, 'Pages start at 1').max(1000, 'That page is too far').default(1)),
    pageSize: z.preprocess(
      blankToUndefined,
      numberParam('page size').int('Use a whole number').min(1, 'At least one result per page').max(MAX_PAGE_SIZE, `At most ${MAX_PAGE_SIZE} results per page`).default(DEFAULT_PAGE_SIZE),
    ),
  })
  .refine((r) => r.colorPageCount <= r.pageCount, { path: ['colorPageCount'], message: 'More colour pages than pages in the document' });

export type TSearchShopsRequest = z.infer<typeof ZSearchShopsRequest>;
/** What a caller may hand the schema: query-string values (or numbers), before parsing. */
export type TSearchShopsQuery = { [K in keyof TSearchShopsRequest]?: string | number | boolean | string[] };

/** The job part of a search, as the order flow and the job panel take it. */
export type TSearchJob = Pick<TSearchShopsRequest, 'media' | 'colorMode' | 'sides' | 'copies' | 'pagesPerSheet' | 'finishing' | 'pageCount' | 'colorPageCount'>;

/** URLSearchParams → a plain object for zod; a repeated key (checkboxes) becomes an array. */
export function searchParamsToRecord(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const entries: [string, string][] =
    params instanceof URLSearchParams
      ? [...params.entries()]
      : Object.entries(params).flatMap(([key, value]) => (value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v): [string, string] => [key, v])));
  for (const [key, value] of entries) {
    const existing = out[key];
    out[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return out;
}

/** Where "Choose this shop" goes: the order flow, with the shop and the job it was priced for. */
export function orderLinkFor(shopId: string, job: TSearchJob, documentIds: string[] = []): string {
  const params = new URLSearchParams({
    shopId,
    media: job.media,
    colorMode: job.colorMode,
    sides: job.sides,
    copies: String(job.copies),
    pagesPerSheet: String(job.pagesPerSheet),
    finishing: job.finishing,
    pageCount: String(job.pageCount),
    colorPageCount: String(job.colorPageCount),
  });
  if (documentIds.length) params.set('documents', documentIds.join(','));
  return `/order/new?${params}`;
}
