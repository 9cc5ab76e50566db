'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const TABS = [
  { href: '/admin', label: 'Dashboard' },
  { href: '/admin/shops', label: 'Shops' },
  { href: '/admin/orders', label: 'Orders' },
  { href: '/admin/disputes', label: 'Disputes' },
  { href: '/admin/payouts', label: 'Payouts' },
  { href: '/admin/fees', label: 'Platform fee' },
  { href: '/admin/reconciliation', label: 'Reconciliation' },
  { href: '/admin/audit', label: 'Audit log' },
];

/** The admin console's sections; a detail page (an order, a shop) keeps its section lit. */
export function AdminTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin sections" className="mb-6 flex gap-1 overflow-x-auto border-b border-slate-200">
      {TABS.map((tab) => {
        const isActive = tab.href === '/admin' ? pathname === '/admin' : pathname === tab.href || pathname.startsWith(`${tab.href}/`);
        return (
          <Link
            key={tab.href}
            href={tab.href}
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
