import { z } from 'zod';

/** Why a shop may reject a job, as the owner picks it and the customer reads it. */
export const REJECT_REASONS = {
  unreadable: 'Pages are unreadable or blank',
  content: 'Content we cannot print',
  printer_cannot: 'Our printers cannot do this job',
  other: 'Other',
} as const;

export type TRejectReasonCode = keyof typeof REJECT_REASONS;

export const ZRejectReasonCode = z.enum(Object.keys(REJECT_REASONS) as [TRejectReasonCode, ...TRejectReasonCode[]], { error: 'Choose why you reject the job' });

/** "Other" needs words; the rest may add some. Never more than fits a timeline line. */
export const ZRejectReason = z
  .object({
    reasonCode: ZRejectReasonCode,
    note: z.string().trim().max(200, 'Keep the note under 200 characters').optional().default(''),
  })
  .refine((reason) => reason.reasonCode !== 'other' || reason.note.length > 0, { message: 'Say why you reject the job', path: ['note'] });

export type TRejectReason = z.infer<typeof ZRejectReason>;

/** The reason in words, as the shop's queue, the customer's timeline and the audit log show it. */
export function describeRejectReason(reason: TRejectReason): string {
  if (reason.reasonCode === 'other') return reason.note;
  return reason.note ? `${REJECT_REASONS[reason.reasonCode]}: ${reason.note}` : REJECT_REASONS[reason.reasonCode];
}
