import type { Language } from '../domain/schema.js';
import { remembered } from './remember.js';

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

/** Entries each memory below keeps before it starts over (replies repeat the same few hundred). */
const REMEMBERED = 2000;
/** A pure function of a string, remembered: Intl's formatters take micro-seconds a call. */
const remember = (compute: (key: string) => string) => remembered(REMEMBERED, compute);

/** Joins list items for a memory key; no item holds this character. */
const SEPARATOR = '\u0000';

/** The emoji flag of a country: two regional-indicator letters. */
export const flagOf = remember((country) =>
  [...country.toUpperCase()].map((letter) => String.fromCodePoint(0x1f1e6 + letter.charCodeAt(0) - 65)).join(''),
);

/** A list that a memory key tells apart: an empty one or one holding the separator is formatted directly. */
const remembersList = (items: readonly string[]) => items.length > 0 && !items.some((item) => item.includes(SEPARATOR));

/**
 * Intl formatters of one language, each made once, when first used: constructing them is the slow
 * part (~10 ms for every language's), and an answer needs only some of one language's. A call still
 * takes microseconds, and replies repeat the same dates, countries, lists and distances, so each
 * result is remembered (a bounded memory per formatter).
 */
export class Formats {
  private dateFormat: Intl.DateTimeFormat | undefined;
  private regionNames: Intl.DisplayNames | undefined;
  private andList: Intl.ListFormat | undefined;
  private orList: Intl.ListFormat | undefined;
  private numberFormat: Intl.NumberFormat | undefined;
  private readonly dates = remember((iso) => this.date.format(new Date(`${iso}T00:00:00Z`)));
  private readonly countries = remember((code) => this.regions.of(code) ?? code);
  private readonly lists = remember((joined) => this.and.format(joined.split(SEPARATOR)));
  private readonly alternatives = remember((joined) => this.or.format(joined.split(SEPARATOR)));
  private readonly kilometres = new Map<number, string>();

  constructor(
    readonly language: Language,
    private readonly dateLocale: string,
  ) {
    // A malformed locale tag still stops start-up here, as constructing the formatters would.
    Intl.getCanonicalLocales([language, dateLocale]);
  }

  private get date(): Intl.DateTimeFormat {
    this.dateFormat ??= new Intl.DateTimeFormat(this.dateLocale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    return this.dateFormat;
  }

  private get regions(): Intl.DisplayNames {
    this.regionNames ??= new Intl.DisplayNames([this.language], { type: 'region' });
    return this.regionNames;
  }

  private get and(): Intl.ListFormat {
    this.andList ??= new Intl.ListFormat(this.language, { style: 'long', type: 'conjunction' });
    return this.andList;
  }

  private get or(): Intl.ListFormat {
    this.orList ??= new Intl.ListFormat(this.language, { style: 'long', type: 'disjunction' });
    return this.orList;
  }

  private get number(): Intl.NumberFormat {
    this.numberFormat ??= new Intl.NumberFormat(this.language, { maximumFractionDigits: 0 });
    return this.numberFormat;
  }

  /** "30 czerwca 2008", "30 giugno 2008", "30 June 2008". */
  formatDate(iso: string): string {
    return this.dates(iso);
  }

  country(code: string): string {
    return this.countries(code);
  }

  list(items: readonly string[]): string {
    return remembersList(items) ? this.lists(items.join(SEPARATOR)) : this.and.format(items);
  }

  either(items: readonly string[]): string {
    return remembersList(items) ? this.alternatives(items.join(SEPARATOR)) : this.or.format(items);
  }

  /** Whole kilometres between town centres, as the city's reference facts give them ("509 km"). */
  km(value: number): string {
    const whole = Math.round(value);
    let text = this.kilometres.get(whole);
    if (text === undefined || Object.is(whole, -0)) {
      text = this.number.format(whole);
      if (this.kilometres.size >= REMEMBERED) this.kilometres.clear();
      this.kilometres.set(whole, text);
    }
    return text;
  }
}
