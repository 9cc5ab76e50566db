import { beforeAll, describe, expect, it } from 'vitest';
import { buildGazetteer, loadGazetteer, type TGazetteer } from './load-gazetteer';
import { nameNearestPlace, NEAREST_PLACE_MAX_KM, ZNearestPlaceRequest } from './name-nearest-place';

describe('nameNearestPlace', () => {
  let gazetteer: TGazetteer;
  beforeAll(async () => {
    gazetteer = await loadGazetteer();
  });

  it('names a point in Dublin by its district', () => {
    // The demo shop on Rathmines Road Lower, and the map click from issue 14.
    expect(nameNearestPlace(gazetteer, { lat: 53.3225, lng: -6.2652 })).toMatchObject({ name: 'Rathmines', country: 'IE' });
    expect(nameNearestPlace(gazetteer, { lat: 53.2916, lng: -6.3249 })?.name).toMatch(/^(Templeogue|Knocklyon|Ballyboden|Firhouse|Greenhills)$/);
  });

  it('gives nothing for a point far from every place', () => {
    expect(nameNearestPlace(gazetteer, { lat: 40, lng: -40 })).toBeNull();
  });

  it('keeps to the distance limit', () => {
    const tiny = buildGazetteer([{ name: 'Edge', country: 'IE', admin: '', population: 1000, lat: 0, lng: 0 }]);
    const degreesPerKm = 1 / 111.195;
    expect(nameNearestPlace(tiny, { lat: (NEAREST_PLACE_MAX_KM - 1) * degreesPerKm, lng: 0 })?.name).toBe('Edge');
    expect(nameNearestPlace(tiny, { lat: (NEAREST_PLACE_MAX_KM + 1) * degreesPerKm, lng: 0 })).toBeNull();
    // Across the antimeridian the latitude band still holds it.
    const dateLine = buildGazetteer([{ name: 'Taveuni', country: 'FJ', admin: '', population: 1000, lat: -16.8, lng: 179.99 }]);
    expect(nameNearestPlace(dateLine, { lat: -16.8, lng: -179.99 })?.name).toBe('Taveuni');
  });

  it('refuses a point off the globe', () => {
    expect(ZNearestPlaceRequest.safeParse({ lat: '91', lng: '0' }).success).toBe(false);
    expect(ZNearestPlaceRequest.safeParse({ lat: '0', lng: 'abc' }).success).toBe(false);
    expect(() => nameNearestPlace(gazetteer, { lat: Number.NaN, lng: 0 })).toThrow();
  });
});
