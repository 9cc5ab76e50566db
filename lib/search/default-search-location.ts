import { DEMO_CITY } from '@/db/seed-data';

/**
 * Where search looks when the customer has not said: the centre of the demo data (Dublin).
 * The page says so, so nobody mistakes it for their own position.
 */
export const DEFAULT_SEARCH_LOCATION = { lat: DEMO_CITY.lat, lng: DEMO_CITY.lng, label: `${DEMO_CITY.name} city centre` };
