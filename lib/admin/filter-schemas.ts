import { z } from 'zod';

/** Query strings and forms send "" for an untouched field; filters treat that as "any". */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const ZOptionalText = (max = 200) => z.preprocess(blankToUndefined, z.string().trim().max(max, `Keep it under ${max} characters`).optional());

/** A calendar day as the date input sends it (YYYY-MM-DD), checked to be a real date. */
export const ZOptionalDay = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2025-01-31')
    .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), 'Not a real date')
    .optional(),
);

export const ZOptionalUuid = (message: string) => z.preprocess(blankToUndefined, z.uuid(message).optional());

export const ZPage = z.preprocess(blankToUndefined, z.coerce.number().int('Page must be a whole number').min(1).max(10_000).default(1));

/** A from–to filter must not run backwards; the message sits on `to`. */
export function refineDayRange<T extends { from?: string; to?: string }>(value: T, ctx: z.RefinementCtx): void {
  if (value.from && value.to && value.from > value.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end date is before the start date' });
}

/**
 * Days are whole UTC days: `from` counts from its midnight, `to` up to (not including) the
 * next midnight, so "to 2025-01-31" includes everything on the 31st.
 */
export function dayRangeBounds(range: { from?: string; to?: string }): { start?: Date; endExclusive?: Date } {
  const start = range.from ? new Date(`${range.from}T00:00:00Z`) : undefined;
  const endExclusive = range.to ? new Date(Date.parse(`${range.to}T00:00:00Z`) + 24 * 60 * 60 * 1000) : undefined;
  return { start, endExclusive };
}

export const PAGE_SIZE = 50;
