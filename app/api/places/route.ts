// GET /api/places?q=dub – place-name autocomplete from the offline gazetteer (public)
import { NextResponse } from 'next/server';
import { errorResponse, parseOrThrow } from '@/app/_lib/http';
import { loadGazetteer } from '@/lib/search/load-gazetteer';
import { searchPlaces, ZSearchPlacesRequest } from '@/lib/search/search-places';

export async function GET(request: Request): Promise<Response> {
  try {
    const query = parseOrThrow(ZSearchPlacesRequest, Object.fromEntries(new URL(request.url).searchParams));
    const near = query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : undefined;
    const places = searchPlaces(await loadGazetteer(), query.q, { limit: query.limit, near });
    // The gazetteer only changes with a deploy.
    return NextResponse.json({ places }, { headers: { 'Cache-Control': 'public, max-age=3600' } });
  } catch (error) {
    return errorResponse(error);
  }
}
