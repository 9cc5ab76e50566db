// GET /api/places?q=grafton – place search: towns, listed shops' names, streets and postcodes, and the geocoder when configured (public)
import { NextResponse } from 'next/server';
import { errorResponse, parseOrThrow } from '@/app/_lib/http';
import { geocoderSettings } from '@/lib/config/geocoder-settings';
import { findPlaces } from '@/lib/search/find-places';
import { loadGazetteer } from '@/lib/search/load-gazetteer';
import { ZSearchPlacesRequest } from '@/lib/search/search-places';

export async function GET(request: Request): Promise<Response> {
  try {
    const query = parseOrThrow(ZSearchPlacesRequest, Object.fromEntries(new URL(request.url).searchParams));
    const answer = await findPlaces(query, { gazetteer: await loadGazetteer(), geocoder: geocoderSettings() });
    // Shops are listed and suspended at any time; an answer without the geocoder should not outlive its outage.
    return NextResponse.json(answer, { headers: { 'Cache-Control': answer.widerSearch === 'unavailable' ? 'no-store' : 'public, max-age=60' } });
  } catch (error) {
    return errorResponse(error);
  }
}
