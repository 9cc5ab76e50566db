'use client';

import { useActionState, useState } from 'react';
import { FormField, fieldId } from '@/app/_components/form-field';
import { BaseMap } from '@/app/_components/map/base-map';
import { SubmitButton } from '@/app/_components/submit-button';
import type { TActionState } from '@/app/_lib/action';
import { FormMessage } from './form-message';

type TProfile = {
  name: string;
  description: string;
  phone: string;
  email: string;
  legalName: string;
  vatId: string;
  addressLine: string;
  city: string;
  postcode: string;
  country: string;
  lat: number | null;
  lng: number | null;
  timezone: string;
};

/**
 * The shop's public details and its pin. Clicking the map sets the coordinates; they can
 * also be typed, and both are validated on the server.
 */
export function ProfileForm({
  action,
  shopId,
  initial,
  timeZones,
  mapStyleUrl,
  submitLabel,
}: {
  action: (state: TActionState, formData: FormData) => Promise<TActionState>;
  shopId?: string;
  initial: TProfile;
  timeZones: string[];
  mapStyleUrl: string | null;
  submitLabel: string;
}) {
  const [state, formAction] = useActionState(action, {});
  const v = (key: keyof TProfile) => state.values?.[key] ?? String(initial[key] ?? '');
  const [pin, setPin] = useState({ lat: v('lat'), lng: v('lng') });
  const pinLat = Number(pin.lat);
  const pinLng = Number(pin.lng);
  const hasPin = pin.lat !== '' && pin.lng !== '' && Math.abs(pinLat) <= 90 && Math.abs(pinLng) <= 180;
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="grid gap-6 lg:grid-cols-2" noValidate>
      <div className="space-y-4">
        <FormMessage state={state} />
        {shopId ? <input type="hidden" name="shopId" value={shopId} /> : null}
        <FormField label="Shop name" name="name" defaultValue={v('name')} errors={e.name} required />
        <FormField label="Short description" name="description" defaultValue={v('description')} errors={e.description} hint="What you are good at: binding, posters, student prices…" />
        <div className="grid grid-cols-2 gap-3">
          <FormField label="Phone" name="phone" type="tel" defaultValue={v('phone')} errors={e.phone} hint="Optional, shown on your shop's page" />
          <FormField label="Email" name="email" type="email" defaultValue={v('email')} errors={e.email} hint="Optional, shown on your shop's page" />
        </div>
        <div className="grid grid-cols-2 gap-3">
          <FormField label="Legal name" name="legalName" defaultValue={v('legalName')} errors={e.legalName} hint="Optional: the registered business name on receipts" />
          <FormField label="VAT number" name="vatId" defaultValue={v('vatId')} errors={e.vatId} hint="Optional: printed on receipts, e.g. IE1234567T" />
        </div>
        <FormField label="Street address" name="addressLine" defaultValue={v('addressLine')} errors={e.addressLine} required />
        <div className="grid grid-cols-3 gap-3">
          <FormField label="City" name="city" defaultValue={v('city')} errors={e.city} required />
          <FormField label="Postcode" name="postcode" defaultValue={v('postcode')} errors={e.postcode} />
          <FormField label="Country code" name="country" defaultValue={v('country')} errors={e.country} maxLength={2} hint="e.g. IE" />
        </div>
        <FormField label="Time zone" name="timezone" errors={e.timezone} hint="Opening hours are read in this zone.">
          <select id={fieldId('timezone')} name="timezone" defaultValue={v('timezone')} aria-invalid={!!e.timezone || undefined} className="w-full">
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </FormField>
        <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
      </div>
      <div className="space-y-3">
        <p className="text-sm font-medium text-slate-800">Where is the shop? Click the map to place the pin.</p>
        <BaseMap
          label="Shop location"
          styleUrl={mapStyleUrl}
          center={hasPin ? { lat: pinLat, lng: pinLng } : { lat: 53.3498, lng: -6.2603 }}
          zoom={15}
          markers={hasPin ? [{ id: 'pin', lat: pinLat, lng: pinLng, label: 'Your shop', tone: 'you' }] : []}
          onMapClick={(p) => setPin({ lat: p.lat.toFixed(6), lng: p.lng.toFixed(6) })}
          className="h-80 w-full"
        />
        <div className="grid grid-cols-2 gap-3">
          <FormField label="Latitude" name="lat" inputMode="decimal" value={pin.lat} onChange={(ev) => setPin({ ...pin, lat: ev.target.value })} errors={e.lat} />
          <FormField label="Longitude" name="lng" inputMode="decimal" value={pin.lng} onChange={(ev) => setPin({ ...pin, lng: ev.target.value })} errors={e.lng} />
        </div>
      </div>
    </form>
  );
}
