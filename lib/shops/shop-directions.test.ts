import { describe, expect, it } from 'vitest';
import { shopDirections } from './shop-directions';

describe('shopDirections', () => {
  it('gives an OpenStreetMap route to the shop, the map, and a labelled geo: URI', () => {
    expect(shopDirections({ name: 'Grafton (Copy) & Print', lat: 53.3412, lng: -6.26 })).toEqual({
      directionsUrl: 'https://www.openstreetmap.org/directions?route=%3B53.341200%2C-6.260000',
      mapUrl: 'https://www.openstreetmap.org/?mlat=53.341200&mlon=-6.260000#map=18/53.341200/-6.260000',
      geoUri: 'geo:53.341200,-6.260000?q=53.341200,-6.260000(Grafton%20%20Copy%20%20%26%20Print)',
    });
  });
});
