import { mapStyleUrl } from '@/lib/config/env';
import { updateShopProfileAction } from '@/app/shop/actions';
import { ProfileForm } from '@/app/shop/_components/profile-form';
import { getShopForPage } from '@/app/shop/_lib/get-shop-for-page';

export default async function ShopProfilePage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shop } = await getShopForPage((await params).shopId);
  return <ProfileForm action={updateShopProfileAction} shopId={shop.id} initial={shop} timeZones={Intl.supportedValuesOf('timeZone')} mapStyleUrl={mapStyleUrl()} submitLabel="Save details" />;
}
