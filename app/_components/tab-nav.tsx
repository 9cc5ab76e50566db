'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export type TTab = { href: string; label: string };

/**
 * Section tabs under a page title. A tab stays lit on its detail pages (/admin/orders/… keeps
 * Orders), except the first tab, the section's home, which is lit only on itself.
 */
export function TabNav({ tabs, label }: { tabs: TTab[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="mb-6 flex gap-1 overflow-x-auto border-b border-slate-200">
      {tabs.map((tab, index) => {
        const isActive = index === 0 ? pathname === tab.href : pathname === tab.href || pathname.startsWith(`${tab.href}/`);
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
