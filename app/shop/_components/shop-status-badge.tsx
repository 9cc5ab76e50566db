import type { TShopStatus } from '@/db/schema';
import { Badge } from '@/app/_components/ui';

const STATUS = {
  pending_review: { label: 'Waiting for review', tone: 'warn' },
  active: { label: 'Live in search', tone: 'good' },
  suspended: { label: 'Suspended', tone: 'bad' },
} as const;

/** A `pending_review` shop its owner has not submitted yet is still being set up. */
export function ShopStatusBadge({ status, isSubmitted = true }: { status: TShopStatus; isSubmitted?: boolean }) {
  if (status === 'pending_review' && !isSubmitted) return <Badge tone="neutral">Not submitted for review</Badge>;
  const { label, tone } = STATUS[status];
  return <Badge tone={tone}>{label}</Badge>;
}
