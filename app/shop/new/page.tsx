import type { Metadata } from 'next';
import { PageHeader } from '@/app/_components/ui';
import { requirePageRole } from '@/app/_lib/session';
import { mapStyleUrl } from '@/lib/config/env';
import { createShopAction } from '@/app/shop/actions';
import { OnboardingSteps } from '@/app/shop/_components/onboarding-steps';
import { ProfileForm } from '@/app/shop/_components/profile-form';

export const metadata: Metadata = { title: 'List your shop' };

export default async function NewShopPage() {
  await requirePageRole(['shop_owner'], '/shop/new');
  return (
    <div>
      <PageHeader title="List your print shop" description="Tell customers where you are. An admin reviews every new shop before it appears in search." />
      <OnboardingSteps current="profile" />
      <ProfileForm
        action={createShopAction}
        initial={{ name: '', description: '', phone: '', email: '', legalName: '', vatId: '', addressLine: '', city: '', postcode: '', country: 'IE', lat: null, lng: null, timezone: 'Europe/Dublin' }}
        timeZones={Intl.supportedValuesOf('timeZone')}
        mapStyleUrl={mapStyleUrl()}
        submitLabel="Save and continue"
      />
    </div>
  );
}
