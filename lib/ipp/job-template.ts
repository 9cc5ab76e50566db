import { z } from 'zod';
import { FINISHING_ENUMS } from '@/lib/ipp/finishings';
import type { TIppAttributes } from '@/lib/ipp/ipp-codec';
import { COLOR_MODES, MAX_COPIES, SIDES } from '@/lib/job-options/job-options';

/**
 * The Job Template attributes Nearprint sends (RFC 8011 §5.2, PWG 5100.13). Every
 * field is optional: what is left out, the printer decides from its -default values.
 */
export const ZJobTemplate = z.object({
  /** PWG self-describing media name, e.g. iso_a4_210x297mm. */
  media: z.string().min(1).optional(),
  sides: z.enum(SIDES).optional(),
  printColorMode: z.enum(COLOR_MODES).optional(),
  copies: z.number().int().min(1).max(MAX_COPIES).optional(),
  /** finishings keywords (staple, punch-dual-left, ...); see pickFinishingKeyword. */
  finishings: z.array(z.string().refine((keyword) => keyword in FINISHING_ENUMS, { message: 'Unknown finishing' })).optional(),
  /** 1-based inclusive page ranges, ascending and not overlapping, e.g. [[1, 3], [5, 5]]. */
  pageRanges: z
    .array(z.tuple([z.number().int().min(1), z.number().int().min(1)]))
    .min(1)
    .refine((ranges) => ranges.every(([lower, upper], index) => lower <= upper && (index === 0 || lower > ranges[index - 1][1])), { message: 'Page ranges must be ascending and must not overlap' })
    .optional(),
});

export type TJobTemplate = z.infer<typeof ZJobTemplate>;

/** The job-attributes-tag group for a template, in the `ipp` package's message format. */
export function toJobAttributes(template: TJobTemplate): TIppAttributes {
  const attributes: TIppAttributes = {};
  if (template.media) attributes.media = template.media;
  if (template.sides) attributes.sides = template.sides;
  if (template.printColorMode) attributes['print-color-mode'] = template.printColorMode;
  if (template.copies !== undefined) attributes.copies = template.copies;
  if (template.finishings?.length) attributes.finishings = template.finishings;
  if (template.pageRanges) attributes['page-ranges'] = template.pageRanges;
  return attributes;
}
