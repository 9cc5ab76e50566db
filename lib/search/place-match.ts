/**
 * One answer of the place search, whichever source found it. The combobox shows `name` with
 * `detail` under it; picking it centres the search on lat/lng and says "Shops near <label>".
 */
export type TPlaceMatch = {
  /** Unique within one answer: "town:<gazetteer index>", "shop:<uuid>", "street:<city>/<street>", … */
  key: string;
  kind: TPlaceKind;
  /** First line: "Dublin", "Grafton Street", "D02 XK66", "Grafton Copy Centre". */
  name: string;
  /** Second line, what and where: "Town · Ireland", "Print shop · 48 Grafton Street, Dublin D02 XK66". */
  detail: string;
  /** What the search is then near: "Dublin, Ireland", "Grafton Street, Dublin". */
  label: string;
  /** WGS84 degrees. */
  lat: number;
  lng: number;
  /** The listed shop this is, for kind "shop" (the results can point it out). */
  shopId?: string;
  source: TPlaceSource;
};

export type TPlaceKind = 'town' | 'street' | 'postcode' | 'shop' | 'place';
export type TPlaceSource = 'gazetteer' | 'shops' | 'geocoder';

/** What the geocoder did for this answer: not configured, answered, or failed (local results only). */
export type TWiderSearch = 'off' | 'ok' | 'unavailable';
