import { describe, expect, it } from 'vitest';
import { orderLinkFor, searchParamsToRecord, ZSearchShopsRequest } from './search-shops-request';

const errorsOf = (query: string) => {
  const parsed = ZSearchShopsRequest.safeParse(searchParamsToRecord(new URLSearchParams(query)));
  if (parsed.success) return null;
  return Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
};

describe('ZSearchShopsRequest', () => {
  it('fills every default from just a position', () => {
    expect(ZSearchShopsRequest.parse({ lat: '53.35', lng: '-6.26' })).toEqual({
      lat: 53.35,
      lng: -6.26,
      radiusKm: 5,
      media: 'iso_a4_210x297mm',
      colorMode: 'auto',
      sides: 'one-sided',
      copies: 1,
      pagesPerSheet: 1,
      finishing: 'none',
      pageCount: 1,
      colorPageCount: 0,
      openNow: false,
      offers: [],
      sort: 'best_value',
      page: 1,
      pageSize: 20,
    });
  });

  it('reads a full query string', () => {
    const parsed = ZSearchShopsRequest.parse(
      searchParamsToRecord(
        new URLSearchParams(
          'lat=1&lng=2&radiusKm=2.5&media=iso_a3_297x420mm&colorMode=color&sides=two-sided-long-edge&copies=3&pagesPerSheet=2&finishing=staple&pageCount=40&colorPageCount=5&openNow=true&offers=bind&offers=punch&sort=soonest&page=2&pageSize=10',
        ),
      ),
    );
    expect(parsed).toMatchObject({
      radiusKm: 2.5,
      media: 'iso_a3_297x420mm',
      colorMode: 'color',
      copies: 3,
      pagesPerSheet: 2,
      finishing: 'staple',
      pageCount: 40,
      colorPageCount: 5,
      openNow: true,
      offers: ['bind', 'punch'],
      sort: 'soonest',
      page: 2,
      pageSize: 10,
    });
    expect(ZSearchShopsRequest.parse({ lat: 1, lng: 2, offers: 'staple,bind', openNow: 'on' })).toMatchObject({ offers: ['staple', 'bind'], openNow: true });
  });

  it('treats blank fields as absent, not as zero', () => {
    expect(errorsOf('lat=&lng=')).toEqual({ lat: 'Give the latitude of where to search', lng: 'Give the longitude of where to search' });
    expect(ZSearchShopsRequest.parse(searchParamsToRecord(new URLSearchParams('lat=1&lng=2&copies=&radiusKm=')))).toMatchObject({ copies: 1, radiusKm: 5 });
  });

  it('refuses out-of-range and unknown values with a message per field', () => {
    expect(errorsOf('lat=200&lng=0')).toEqual({ lat: 'The latitude must be between -90 and 90' });
    expect(errorsOf('lat=0&lng=-181')).toEqual({ lng: 'The longitude must be between -180 and 180' });
    expect(errorsOf('lat=0&lng=0&radiusKm=-1')).toEqual({ radiusKm: 'The radius must be more than 0 km' });
    expect(errorsOf('lat=0&lng=0&radiusKm=0')).toEqual({ radiusKm: 'The radius must be more than 0 km' });
    expect(errorsOf('lat=0&lng=0&radiusKm=51')).toEqual({ radiusKm: 'Search at most 50 km around you' });
    expect(errorsOf('lat=0&lng=0&media=iso_a0_841x1189mm')).toEqual({ media: 'Unknown paper size' });
    expect(errorsOf('lat=0&lng=0&copies=1000000000')).toEqual({ copies: 'At most 999 copies' });
    expect(errorsOf('lat=0&lng=0&copies=0')).toEqual({ copies: 'At least one copy' });
    expect(errorsOf('lat=0&lng=0&pageCount=5001')).toEqual({ pageCount: 'At most 5000 pages' });
    expect(errorsOf('lat=0&lng=0&pageCount=4&colorPageCount=5')).toEqual({ colorPageCount: 'More colour pages than pages in the document' });
    expect(errorsOf('lat=0&lng=0&pagesPerSheet=3')).toEqual({ pagesPerSheet: 'Pages per sheet is 1, 2 or 4' });
    expect(errorsOf('lat=0&lng=0&pageSize=51')).toEqual({ pageSize: 'At most 50 results per page' });
  });

  it('says which parameters are missing', () => {
    expect(errorsOf('')).toEqual({ lat: 'Give the latitude of where to search', lng: 'Give the longitude of where to search' });
    expect(errorsOf('lat=53')).toEqual({ lng: 'Give the longitude of where to search' });
  });

  it('refuses garbage without throwing', () => {
    const errors = errorsOf('lat=north&lng=1e999&copies=lots&sort=random&openNow=maybe&offers=glue&colorMode=sepia&sides=three&page=-1&finishing=gold');
    expect(Object.keys(errors ?? {}).sort()).toEqual(['colorMode', 'copies', 'finishing', 'lat', 'lng', 'offers.0', 'openNow', 'page', 'sides', 'sort']);
    expect(errors?.lat).toBe('The latitude must be a number');
    expect(errors?.copies).toBe('The number of copies must be a number');
    expect(errorsOf('lat=0&lng=0&copies=2.5&pagesPerSheet=two')).toEqual({ copies: 'Copies are whole numbers', pagesPerSheet: 'The pages per sheet must be a number' });
    expect(errorsOf('lat=1&lat=2&lng=3')).toEqual({ lat: 'The latitude must be a number' });
  });
});

describe('searchParamsToRecord', () => {
  it('keeps repeated keys as arrays', () => {
    expect(searchParamsToRecord(new URLSearchParams('a=1&b=2&b=3'))).toEqual({ a: '1', b: ['2', '3'] });
    expect(searchParamsToRecord({ a: '1', b: ['2', '3'], c: undefined })).toEqual({ a: '1', b: ['2', '3'] });
  });
});

describe('orderLinkFor', () => {
  it('carries the shop and the job to the order page', () => {
    const job = { media: 'iso_a4_210x297mm', colorMode: 'auto', sides: 'one-sided', copies: 2, pagesPerSheet: 1, finishing: 'staple', pageCount: 10, colorPageCount: 3 } as const;
    expect(orderLinkFor('b9c0c1f2-0000-4000-8000-000000000000', job)).toBe(
      '/order/new?shopId=b9c0c1f2-0000-4000-8000-000000000000&media=iso_a4_210x297mm&colorMode=auto&sides=one-sided&copies=2&pagesPerSheet=1&finishing=staple&pageCount=10&colorPageCount=3',
    );
  });
});

describe('orderLinkFor with uploaded documents', () => {
  it('carries the documents to the order page', () => {
    const link = orderLinkFor(
      '00000000-0000-4000-8000-000000000001',
      { media: 'iso_a4_210x297mm', colorMode: 'auto', sides: 'one-sided', copies: 2, pagesPerSheet: 1, finishing: 'none', pageCount: 4, colorPageCount: 1 },
      ['00000000-0000-4000-8000-0000000000aa'],
    );
    const params = new URL(link, 'http://x').searchParams;
    expect(params.get('documents')).toBe('00000000-0000-4000-8000-0000000000aa');
    expect(params.get('copies')).toBe('2');
  });
});
