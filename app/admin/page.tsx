import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { shops } from '@/db/schema';
import { PageHeader } from '@/app/_components/ui';
import { requirePageRole } from '@/app/_lib/session';

export default async function AdminHomePage() {
  await requirePageRole(['admin'], '/admin');
  const [counts] = await db
    .select({ total: sql<number>`count(*)::int`, pending: sql<number>`count(*) filter (where ${shops.status} = 'pending_review')::int` })
    .from(shops);
  return (
    <div data-testid="admin-home">
      <PageHeader title="Marketplace overview" description={`${counts.total} shops, ${counts.pending} waiting for review`} />
    </div>
  );
}
