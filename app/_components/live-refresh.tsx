'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

/**
 * Keeps a server-rendered page current: listens to an event stream and re-renders the page
 * (router.refresh) when something happens. Shows whether the live connection is up.
 */
export function LiveRefresh({ url, label = 'Live' }: { url: string; label?: string }) {
  const router = useRouter();
  const [isConnected, setIsConnected] = useState(false);
  useEffect(() => {
    const source = new EventSource(url);
    let pending: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(pending);
      pending = setTimeout(() => router.refresh(), 150);
    };
    source.onopen = () => setIsConnected(true);
    source.onerror = () => setIsConnected(false);
    source.onmessage = refresh;
    return () => {
      clearTimeout(pending);
      source.close();
    };
  }, [url, router]);
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-500" data-testid="live-indicator" data-connected={isConnected}>
      <span className={`h-2 w-2 rounded-full ${isConnected ? 'bg-emerald-500' : 'bg-slate-300'}`} aria-hidden />
      {isConnected ? label : 'Connecting…'}
    </span>
  );
}
