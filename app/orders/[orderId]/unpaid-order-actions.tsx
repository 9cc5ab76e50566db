'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button, buttonClass } from '@/app/_components/ui';
import { cancelUnpaidOrderAction } from '@/app/order/actions';

export function UnpaidOrderActions({ orderId, checkoutUrl }: { orderId: string; checkoutUrl: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3">
      {checkoutUrl ? (
        <a href={checkoutUrl} className={buttonClass('primary')}>
          Continue to payment
        </a>
      ) : null}
      <Button
        tone="secondary"
        disabled={isPending}
        onClick={() =>
          startTransition(async () => {
            const result = await cancelUnpaidOrderAction({ orderId });
            if (result.ok) router.refresh();
            else setError(result.error);
          })
        }
      >
        Cancel order
      </Button>
      {error ? <span className="text-sm text-red-700">{error}</span> : null}
    </div>
  );
}
