import { z } from 'zod';
import { ZMedia } from './media';

export const COLOR_MODES = ['auto', 'color', 'monochrome'] as const;
export const SIDES = ['one-sided', 'two-sided-long-edge', 'two-sided-short-edge'] as const;
export const FINISHINGS = ['staple', 'punch', 'bind'] as const;
export const PAGES_PER_SHEET = [1, 2, 4] as const;
export const MAX_COPIES = 999;

export type TColorMode = (typeof COLOR_MODES)[number];
export type TSides = (typeof SIDES)[number];
export type TFinishing = (typeof FINISHINGS)[number];

/**
 * "1-3,5,8-" style page ranges over the customer's document, 1-based and inclusive.
 * An open end ("8-") runs to the last page.
 */
export const ZPageRanges = z
  .string()
  .trim()
  .max(200)
  .regex(/^\s*\d+\s*(-\s*\d*\s*)?(,\s*\d+\s*(-\s*\d*\s*)?)*$/, 'Use page ranges like 1-3,5,8-');

/**
 * What the customer asks for, independent of any shop. `colorMode: 'auto'` means
 * colour pages print (and are charged) as colour and the rest as mono.
 */
export const ZJobOptions = z.object({
  media: ZMedia,
  colorMode: z.enum(COLOR_MODES),
  sides: z.enum(SIDES),
  copies: z.coerce.number().int().min(1, 'At least one copy').max(MAX_COPIES, `At most ${MAX_COPIES} copies`),
  pagesPerSheet: z.coerce
    .number()
    .int()
    .refine((n): n is 1 | 2 | 4 => (PAGES_PER_SHEET as readonly number[]).includes(n), 'Pages per sheet is 1, 2 or 4'),
  pageRanges: ZPageRanges.optional(),
  finishing: z.enum(['none', ...FINISHINGS]).default('none'),
});

export type TJobOptions = z.infer<typeof ZJobOptions>;

export function isDuplex(sides: TSides): boolean {
  return sides !== 'one-sided';
}
