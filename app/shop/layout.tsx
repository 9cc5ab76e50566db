import type { ReactNode } from 'react';
import { requirePageRole } from '@/app/_lib/session';

/** Every page under /shop is for shop owners; the check runs on the server per request. */
export default async function ShopLayout({ children }: { children: ReactNode }) {
  await requirePageRole(['shop_owner'], '/shop');
  return children;
}
