'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const TABS = [
  { path: '', label: 'Overview' },
  { path: '/queue', label: 'Queue' },
  { path: '/printers', label: 'Printers' },
  { path: '/hours', label: 'Hours' },
  { path: '/prices', label: 'Prices' },
  { path: '/profile', label: 'Details' },
  { path: '/settings', label: 'Settings' },
  { path: '/earnings', label: 'Earnings' },
];

export function ShopTabs({ shopId }: { shopId: string }) {
  const pathname = usePathname();
  const base = `/shop/${shopId}`;
  return (
    <nav aria-label="Shop sections" className="mb-6 flex gap-1 overflow-x-auto border-b border-slate-200">
      {TABS.map((tab) => {
        const href = `${base}${tab.path}`;
        const isActive = pathname === href;
        return (
          <Link
            key={tab.path}
            href={href}
            aria-current={isActive ? 'page' : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm whitespace-nowrap ${isActive ? 'border-brand-600 font-medium text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
