import type { TShopReviewDecision, TShopStatus } from '@/db/schema';
import { Badge } from '@/app/_components/ui';

const STATUS = {
  pending_review: { label: 'Waiting for review', tone: 'warn' },
  active: { label: 'Live in search', tone: 'good' },
  suspended: { label: 'Suspended', tone: 'bad' },
} as const;

/** A `pending_review` shop not (or no longer) submitted is with its owner: being set up, to change, or rejected. */
export function ShopStatusBadge({ status, isSubmitted = true, lastDecision }: { status: TShopStatus; isSubmitted?: boolean; lastDecision?: TShopReviewDecision | null }) {
  if (status === 'pending_review' && !isSubmitted) {
    if (lastDecision === 'rejected') return <Badge tone="bad">Rejected</Badge>;
    if (lastDecision === 'changes_requested') return <Badge tone="warn">Changes requested</Badge>;
    return <Badge tone="neutral">Not submitted for review</Badge>;
  }
  const { label, tone } = STATUS[status];
  return <Badge tone={tone}>{label}</Badge>;
}
