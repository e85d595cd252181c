import type { Dataset, Language } from '../domain/schema.js';
import type { MapInput, TimelineInput } from './types.js';

/**
 * The drawing inputs for one language, built from the dataset the way the engine would: names as the
 * language writes them, country names from Intl.DisplayNames, dates from Intl.DateTimeFormat. For
 * tests, the bench and the example pictures; the engine may build its own (same shapes).
 */
export function mapInputFrom(dataset: Dataset, language: Language, title: string, highlight?: string): MapInput {
  const region = new Intl.DisplayNames([language], { type: 'region' });
  return {
    title,
    home: {
      name: dataset.home.names[language] ?? dataset.home.aliases[0] ?? 'Siedlce',
      lat: dataset.home.coordinates.lat,
      lon: dataset.home.coordinates.lon,
      country: dataset.home.country,
    },
    partners: dataset.partners.map((partner) => ({
      id: partner.id,
      name: partner.names[language] ?? partner.id,
      countryName: region.of(partner.country) ?? partner.country,
      country: partner.country,
      year: Number(partner.signed.slice(0, 4)),
      lat: partner.coordinates.lat,
      lon: partner.coordinates.lon,
    })),
    ...(highlight ? { highlight } : {}),
  };
}

export function timelineInputFrom(
  dataset: Dataset,
  language: Language,
  title: string,
  highlight?: string,
): TimelineInput {
  const region = new Intl.DisplayNames([language], { type: 'region' });
  const dates = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return {
    title,
    items: dataset.partners.map((partner) => ({
      id: partner.id,
      name: partner.names[language] ?? partner.id,
      countryName: region.of(partner.country) ?? partner.country,
      date: partner.signed,
      dateText: dates.format(new Date(`${partner.signed}T00:00:00Z`)),
    })),
    ...(highlight ? { highlight } : {}),
  };
}
