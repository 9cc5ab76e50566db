import { TabNav } from '@/app/_components/tab-nav';

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

/** The admin console's sections. */
export function AdminTabs() {
  return <TabNav tabs={TABS} label="Admin sections" />;
}
