/**
 * Plain data in, pictures out: the pictures module knows nothing of the engine or of chat platforms.
 * Every label arrives already in the reply's language (names as that language writes them, country
 * names from Intl, dates formatted), so one input is one picture.
 */

export interface MapPlace {
  name: string;
  lat: number;
  lon: number;
  /** ISO 3166 alpha-2 code; when given, that country is tinted on the map. */
  country?: string;
}

export interface MapPartner extends MapPlace {
  id: string;
  countryName: string;
  /** Year the agreement was signed, written beside the name. */
  year: number;
}

export interface MapInput {
  title: string;
  home: MapPlace;
  partners: MapPartner[];
  /** A partner id: that partner is drawn stronger and the others fainter. */
  highlight?: string;
  /** Small print in a corner (source of the shapes). Default: "Natural Earth". */
  credit?: string;
}

export interface TimelineItem {
  id: string;
  name: string;
  countryName: string;
  /** ISO date (YYYY-MM-DD) of the agreement: places the item on the axis. */
  date: string;
  /** The same date as the reply's language writes it. */
  dateText: string;
}

export interface TimelineInput {
  title: string;
  items: TimelineItem[];
  highlight?: string;
  /** First and last year on the axis; default: the years of the items. */
  fromYear?: number;
  toYear?: number;
}

export type PictureKind = 'map' | 'timeline';

/** What a cached picture is known by: the input must be a function of these. */
export interface PictureKey {
  kind: PictureKind;
  language: string;
  highlight?: string | undefined;
}

export interface Picture {
  kind: PictureKind;
  language: string;
  highlight?: string | undefined;
  png: Buffer;
  width: number;
  height: number;
  /** A file name for attachments, e.g. "map-en-kirov.png". */
  filename: string;
}

/** A box in SVG pixels (x, y: top left). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
