import { TabNav } from '@/app/_components/tab-nav';

const TABS = [
  { path: '', label: 'Overview' },
  { path: '/queue', label: 'Queue' },
  { path: '/alerts', label: 'Alerts' },
  { path: '/printers', label: 'Printers' },
  { path: '/hours', label: 'Hours' },
  { path: '/prices', label: 'Prices' },
  { path: '/profile', label: 'Details' },
  { path: '/settings', label: 'Settings' },
  { path: '/earnings', label: 'Earnings' },
];

/** One shop's sections, for its owner. */
export function ShopTabs({ shopId }: { shopId: string }) {
  return <TabNav tabs={TABS.map((tab) => ({ href: `/shop/${shopId}${tab.path}`, label: tab.label }))} label="Shop sections" />;
}
