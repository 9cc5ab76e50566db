/**
 * Ways to get to a shop without any account or API key: OpenStreetMap's directions page with
 * the shop as the destination (the customer fills in where they are), the map itself, and a
 * `geo:` URI (RFC 5870) that phones open in their own maps app, labelled with the shop's name.
 */
export function shopDirections(shop: { name: string; lat: number; lng: number }): { directionsUrl: string; mapUrl: string; geoUri: string } {
  const lat = shop.lat.toFixed(6);
  const lng = shop.lng.toFixed(6);
  return {
    directionsUrl: `https://www.openstreetmap.org/directions?route=${encodeURIComponent(`;${lat},${lng}`)}`,
    mapUrl: `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=18/${lat}/${lng}`,
    // The label goes in parentheses after q; parentheses in the name would end it early.
    geoUri: `geo:${lat},${lng}?q=${lat},${lng}(${encodeURIComponent(shop.name.replace(/[()]/g, ' ').trim())})`,
  };
}
