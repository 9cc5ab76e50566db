import { Badge } from '@/app/_components/ui';
import type { TOrderStatus } from '@/db/schema';

const TONES: Record<TOrderStatus, 'neutral' | 'good' | 'warn' | 'bad' | 'info'> = {
  awaiting_payment: 'neutral',
  paid: 'info',
  printing: 'info',
  ready: 'good',
  collected: 'good',
  canceled: 'neutral',
  refunded: 'bad',
  payment_review: 'warn',
};

export const ORDER_STATUS_LABELS: Record<TOrderStatus, string> = {
  awaiting_payment: 'Awaiting payment',
  paid: 'Paid',
  printing: 'Printing',
  ready: 'Ready for pickup',
  collected: 'Collected',
  canceled: 'Cancelled (unpaid)',
  refunded: 'Refunded',
  payment_review: 'Payment held for review',
};

export function OrderStatusBadge({ status }: { status: TOrderStatus }) {
  return <Badge tone={TONES[status]}>{ORDER_STATUS_LABELS[status]}</Badge>;
}
