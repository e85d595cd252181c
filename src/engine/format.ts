import type { Language } from '../domain/schema.js';

export interface Coordinates {
  lat: number;
  lon: number;
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance (haversine), in km. */
export function greatCircleKm(from: Coordinates, to: Coordinates): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(to.lat - from.lat);
  const dLon = radians(to.lon - from.lon);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(radians(from.lat)) * Math.cos(radians(to.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
}

/** The emoji flag of a country: two regional-indicator letters. */
export function flagOf(country: string): string {
  return [...country.toUpperCase()].map((letter) => String.fromCodePoint(0x1f1e6 + letter.charCodeAt(0) - 65)).join('');
}

/**
 * Intl formatters of one language, made once: constructing them is the slow part, formatting with
 * them is cheap.
 */
export class Formats {
  private readonly date: Intl.DateTimeFormat;
  private readonly regions: Intl.DisplayNames;
  private readonly and: Intl.ListFormat;
  private readonly or: Intl.ListFormat;
  private readonly number: Intl.NumberFormat;

  constructor(
    readonly language: Language,
    dateLocale: string,
  ) {
    this.date = new Intl.DateTimeFormat(dateLocale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    this.regions = new Intl.DisplayNames([language], { type: 'region' });
    this.and = new Intl.ListFormat(language, { style: 'long', type: 'conjunction' });
    this.or = new Intl.ListFormat(language, { style: 'long', type: 'disjunction' });
    this.number = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  }

  /** "30 czerwca 2008", "30 giugno 2008", "30 June 2008". */
  formatDate(iso: string): string {
    return this.date.format(new Date(`${iso}T00:00:00Z`));
  }

  country(code: string): string {
    return this.regions.of(code) ?? code;
  }

  list(items: readonly string[]): string {
    return this.and.format(items);
  }

  either(items: readonly string[]): string {
    return this.or.format(items);
  }

  /** Whole kilometres between town centres, as the city's reference facts give them ("509 km"). */
  km(value: number): string {
    return this.number.format(Math.round(value));
  }
}
