import type { TShopStatus } from '@/db/schema';
import { Badge } from '@/app/_components/ui';

const STATUS = {
  pending_review: { label: 'Waiting for review', tone: 'warn' },
  active: { label: 'Live in search', tone: 'good' },
  suspended: { label: 'Suspended', tone: 'bad' },
} as const;

export function ShopStatusBadge({ status }: { status: TShopStatus }) {
  const { label, tone } = STATUS[status];
  return <Badge tone={tone}>{label}</Badge>;
}
