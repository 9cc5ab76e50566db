import type { ReactNode } from 'react';
import { requirePageRole } from '@/app/_lib/session';
import { AdminTabs } from './_components/admin-tabs';

/** Every page under /admin is for admins; the check runs on the server per request. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requirePageRole(['admin'], '/admin');
  return (
    <div>
      <AdminTabs />
      {children}
    </div>
  );
}
