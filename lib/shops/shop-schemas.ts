import { z } from 'zod';
import { MEDIA_NAMES } from '@/lib/job-options/media';
import { FINISHINGS, type TFinishing } from '@/lib/job-options/job-options';
import { parseMoney } from '@/lib/money/money';
import { isValidTimeZone, parseClock, weeklyHoursProblems, type TOpeningInterval } from './opening-hours';

/** Prices beyond these are typing mistakes, not business decisions (minor units). */
export const PRICE_LIMITS = { perPageMinor: 2_000, jobFeeMinor: 50_000, minimumChargeMinor: 50_000, finishingMinor: 10_000 };

const coordinate = (label: string, limit: number) =>
  z
    .string()
    .trim()
    .min(1, `Set the shop's ${label} (click the map or type it)`)
    .pipe(z.coerce.number({ message: `The ${label} must be a number` }))
    .refine((n) => Number.isFinite(n) && Math.abs(n) <= limit, `The ${label} must be between -${limit} and ${limit}`);

export const ZShopProfileRequest = z.object({
  name: z.string().trim().min(2, 'Give the shop a name').max(100, 'Keep the name under 100 characters'),
  description: z.string().trim().max(1000, 'Keep the description under 1000 characters').default(''),
  phone: z.string().trim().max(40, 'That phone number is too long').default(''),
  /** Shown on the shop's public page; optional. */
  email: z
    .preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.union([z.literal(''), z.email('That does not look like an email address').max(200, 'That email address is too long')]))
    .default(''),
  /** The registered business name on receipts, when it differs from the shop's name; optional. */
  legalName: z.string().trim().max(200, 'Keep the legal name under 200 characters').default(''),
  /** Printed on receipts for customers who reclaim VAT; optional. Letters, digits, spaces and dashes. */
  vatId: z
    .string()
    .trim()
    .toUpperCase()
    .max(20, 'That VAT number is too long')
    .regex(/^[A-Z0-9 -]*$/, 'A VAT number has only letters, digits, spaces and dashes, e.g. IE1234567T')
    .default(''),
  addressLine: z.string().trim().min(3, 'Enter the street address').max(200),
  city: z.string().trim().min(1, 'Enter the city').max(100),
  postcode: z.string().trim().max(20).default(''),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'Use the two-letter country code, e.g. IE'),
  lat: coordinate('latitude', 90),
  lng: coordinate('longitude', 180),
  timezone: z.string().trim().refine(isValidTimeZone, 'Pick a time zone from the list'),
});
export type TShopProfileRequest = z.infer<typeof ZShopProfileRequest>;

type TFormRecord = Record<string, string | undefined>;
export type TParsed<T> = { ok: true; value: T } | { ok: false; fieldErrors: Record<string, string[]> };

/**
 * Weekly hours from form rows `rows.N.weekday|opens|closes|overnight`. A closing time at or
 * before the opening time is an error unless the row says it closes after midnight.
 */
export function parseWeeklyHoursForm(form: TFormRecord): TParsed<TOpeningInterval[]> {
  const indexes = [...new Set(Object.keys(form).flatMap((k) => /^rows\.(\d+)\./.exec(k)?.[1] ?? []))].map(Number).sort((a, b) => a - b);
  const fieldErrors: Record<string, string[]> = {};
  const rows: { index: number; interval: TOpeningInterval }[] = [];
  for (const index of indexes) {
    const get = (field: string) => (form[`rows.${index}.${field}`] ?? '').trim();
    if (!get('opens') && !get('closes')) continue; // an empty row the person did not fill in
    const weekday = Number(get('weekday'));
    let opensMinute: number | undefined;
    let closesMinute: number | undefined;
    try {
      opensMinute = parseClock(get('opens'));
    } catch {
      fieldErrors[`rows.${index}.opens`] = ['Enter an opening time like 09:00'];
    }
    try {
      closesMinute = parseClock(get('closes'));
    } catch {
      fieldErrors[`rows.${index}.closes`] = ['Enter a closing time like 17:30'];
    }
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) fieldErrors[`rows.${index}.weekday`] = ['Pick a day'];
    if (opensMinute === undefined || closesMinute === undefined || fieldErrors[`rows.${index}.weekday`]) continue;
    if (closesMinute <= opensMinute) {
      if (get('overnight') !== 'on') {
        fieldErrors[`rows.${index}.closes`] = ['Closing time is before opening time. Tick “after midnight” if the shop closes the next day.'];
        continue;
      }
      closesMinute += 1440;
    }
    rows.push({ index, interval: { weekday, opensMinute, closesMinute } });
  }
  for (const [position, message] of weeklyHoursProblems(rows.map((r) => r.interval))) {
    fieldErrors[`rows.${rows[position].index}.closes`] = [message];
  }
  return Object.keys(fieldErrors).length ? { ok: false, fieldErrors } : { ok: true, value: rows.map((r) => r.interval) };
}

export const ZHoursExceptionRequest = z
  .object({
    date: z.iso.date('Pick a date'),
    isClosed: z.preprocess((v) => v === 'on' || v === true, z.boolean()),
    opens: z.string().trim().optional(),
    closes: z.string().trim().optional(),
    note: z.string().trim().max(100, 'Keep the note short').default(''),
  })
  .transform((input, ctx) => {
    if (input.isClosed) return { date: input.date, opensMinute: null, closesMinute: null, note: input.note };
    let opensMinute = 0;
    let closesMinute = 0;
    try {
      opensMinute = parseClock(input.opens ?? '');
    } catch {
      ctx.addIssue({ code: 'custom', path: ['opens'], message: 'Enter an opening time, or tick closed all day' });
    }
    try {
      closesMinute = parseClock(input.closes ?? '');
    } catch {
      ctx.addIssue({ code: 'custom', path: ['closes'], message: 'Enter a closing time' });
    }
    if (closesMinute <= opensMinute) ctx.addIssue({ code: 'custom', path: ['closes'], message: 'Closing time must be after opening time' });
    return { date: input.date, opensMinute, closesMinute, note: input.note };
  });

export type TPriceRow = { media: string; colorMode: 'monochrome' | 'color'; sides: 'one-sided' | 'two-sided'; pricePerPageMinor: number };
export type TFinishingPriceRow = { finishing: TFinishing; priceMinor: number; isManual: boolean };
export type TPriceList = { prices: TPriceRow[]; jobFeeMinor: number; minimumChargeMinor: number; finishing: TFinishingPriceRow[] };

export const PRICE_COLUMNS = [
  { colorMode: 'monochrome', sides: 'one-sided', label: 'Black & white, one-sided' },
  { colorMode: 'monochrome', sides: 'two-sided', label: 'Black & white, two-sided' },
  { colorMode: 'color', sides: 'one-sided', label: 'Colour, one-sided' },
  { colorMode: 'color', sides: 'two-sided', label: 'Colour, two-sided' },
] as const;

export function priceFieldName(media: string, colorMode: string, sides: string): string {
  return `price.${media}.${colorMode}.${sides}`;
}

/**
 * The price list form: one field per media × colour × sides (blank = not offered), the
 * per-job fee, the minimum charge and finishing prices. Amounts are typed in major units.
 */
export function parsePriceListForm(form: TFormRecord, currency: string): TParsed<TPriceList> {
  const fieldErrors: Record<string, string[]> = {};
  const money = (field: string, maxMinor: number, required: boolean): number | null => {
    const raw = (form[field] ?? '').trim();
    if (!raw && !required) return null;
    const parsed = parseMoney(raw, currency, { maxMinor });
    if (!parsed.ok) {
      fieldErrors[field] = [parsed.message];
      return null;
    }
    return parsed.minor;
  };
  const prices: TPriceRow[] = [];
  for (const media of MEDIA_NAMES) {
    for (const column of PRICE_COLUMNS) {
      const minor = money(priceFieldName(media, column.colorMode, column.sides), PRICE_LIMITS.perPageMinor, false);
      if (minor !== null) prices.push({ media, colorMode: column.colorMode, sides: column.sides, pricePerPageMinor: minor });
    }
  }
  // Compared whole: media names such as na_letter_8.5x11in contain a dot themselves.
  const known = new Set(MEDIA_NAMES.flatMap((media) => PRICE_COLUMNS.map((column) => priceFieldName(media, column.colorMode, column.sides))));
  const unknownMedia = Object.keys(form).filter((k) => k.startsWith('price.') && !known.has(k) && form[k]?.trim());
  for (const field of unknownMedia) fieldErrors[field] = ['Unknown paper size'];
  const jobFeeMinor = money('jobFee', PRICE_LIMITS.jobFeeMinor, false) ?? 0;
  const minimumChargeMinor = money('minimumCharge', PRICE_LIMITS.minimumChargeMinor, false) ?? 0;
  const finishing: TFinishingPriceRow[] = [];
  for (const kind of FINISHINGS) {
    const minor = money(`finishing.${kind}`, PRICE_LIMITS.finishingMinor, false);
    if (minor !== null) finishing.push({ finishing: kind, priceMinor: minor, isManual: form[`finishing.${kind}.manual`] === 'on' });
  }
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  return { ok: true, value: { prices, jobFeeMinor, minimumChargeMinor, finishing } };
}
