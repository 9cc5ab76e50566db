import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { shops } from '@/db/schema';
import { PageHeader } from '@/app/_components/ui';
import { requirePageRole } from '@/app/_lib/session';

export default async function ShopHomePage() {
  const user = await requirePageRole(['shop_owner'], '/shop');
  const mine = await db.select({ id: shops.id, name: shops.name, status: shops.status }).from(shops).where(eq(shops.ownerId, user.id));
  return (
    <div data-testid="shop-home">
      <PageHeader title="My shop" description={`${mine.length} shop${mine.length === 1 ? '' : 's'}`} />
      <ul>
        {mine.map((shop) => (
          <li key={shop.id}>
            {shop.name} · {shop.status}
          </li>
        ))}
      </ul>
    </div>
  );
}
