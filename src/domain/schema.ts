import { z } from 'zod';

/** A language is a folder of locales/ (pl, it, en): the schema is built for the languages found there. */
export const LanguageSchema = z.string().regex(/^[a-z]{2}$/, 'must be a two-letter language code such as "pl"');
export type Language = z.infer<typeof LanguageSchema>;
export type Languages = readonly [Language, ...Language[]];

const nonEmpty = z.string().trim().min(1, 'must not be empty');
/** One text in every language the bot speaks. */
export type Texts = Record<Language, string>;

const CountryCodeSchema = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 country code such as "DE"');
const IsoDateSchema = z.iso.date('must be an ISO date such as "1998-07-26"');
const CoordinatesSchema = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});

const AreaIdSchema = z.string().regex(/^[a-z_]+$/, 'must be a lower-case area id such as "youth_exchange"');

export function datasetSchema(languages: Languages) {
  const TextsSchema = z.record(z.enum(languages), nonEmpty);

  const InstitutionSchema = z.object({
    side: z.enum(['siedlce', 'partner']),
    kind: z.enum(['school', 'culture', 'other']),
    number: z.number().int().positive().optional(),
    aliases: z.array(nonEmpty).default([]),
    name: TextsSchema,
  });

  const ActivitySchema = z.object({
    areas: z.array(AreaIdSchema),
    text: TextsSchema,
  });

  const PartnerSchema = z.object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a lower-case slug such as "kirov"'),
    names: TextsSchema,
    official: TextsSchema,
    /** Case forms for languages that decline names (Polish: "z Kirowem"); others use the name. */
    forms: z.partialRecord(z.enum(languages), z.object({ gen: nonEmpty, ins: nonEmpty, loc: nonEmpty })).default({}),
    aliases: z.array(nonEmpty).min(1),
    country: CountryCodeSchema,
    region: TextsSchema,
    coordinates: CoordinatesSchema,
    signed: IsoDateSchema,
    areas: z.array(AreaIdSchema).min(1),
    purpose: TextsSchema,
    activities: z.array(ActivitySchema),
    institutions: z.array(InstitutionSchema),
    sources: z.array(nonEmpty).min(1),
  });

  const SourceSchema = z.object({
    id: nonEmpty,
    title: nonEmpty,
    file: z.string().optional(),
    url: z.url().optional(),
    retrieved: IsoDateSchema,
    note: z.string().optional(),
  });

  return z
    .object({
      sources: z.array(SourceSchema).min(1),
      areas: z.array(AreaIdSchema).min(1),
      home: z.object({
        names: TextsSchema,
        aliases: z.array(nonEmpty),
        country: CountryCodeSchema,
        coordinates: CoordinatesSchema,
      }),
      partners: z.array(PartnerSchema).min(1),
      overview: z.object({
        euCountries: z.array(CountryCodeSchema).min(1),
        centralEasternCountries: z.array(CountryCodeSchema).min(1),
        japan: z.object({
          country: CountryCodeSchema,
          institution: TextsSchema,
          aliases: z.array(nonEmpty),
        }),
        sources: z.array(nonEmpty).min(1),
      }),
      /** Groups a question can name instead of a country ("in the EU"). */
      countryGroups: z
        .array(z.object({ code: CountryCodeSchema, members: z.array(CountryCodeSchema).min(1), source: nonEmpty }))
        .default([]),
      places: z.array(
        z.object({
          country: CountryCodeSchema,
          names: TextsSchema,
          aliases: z.array(nonEmpty).default([]),
        }),
      ),
    })
    .superRefine((dataset, ctx) => {
      const sourceIds = new Set(dataset.sources.map((source) => source.id));
      const areaIds = new Set(dataset.areas);
      const seenIds = new Set<string>();
      dataset.partners.forEach((partner, index) => {
        const at = (...path: (string | number)[]) => ['partners', index, ...path];
        if (seenIds.has(partner.id)) {
          ctx.addIssue({
            code: 'custom',
            path: at('id'),
            message: `duplicate partner id "${partner.id}"`,
          });
        }
        seenIds.add(partner.id);
        const areaLists = [partner.areas, ...partner.activities.map((activity) => activity.areas)];
        for (const area of areaLists.flat()) {
          if (!areaIds.has(area)) {
            ctx.addIssue({
              code: 'custom',
              path: at('areas'),
              message: `unknown area "${area}" (known: ${dataset.areas.join(', ')})`,
            });
          }
        }
        for (const source of partner.sources) {
          if (!sourceIds.has(source)) {
            ctx.addIssue({
              code: 'custom',
              path: at('sources'),
              message: `unknown source "${source}"`,
            });
          }
        }
      });
    });
}

export type Dataset = z.infer<ReturnType<typeof datasetSchema>>;
export type Partner = Dataset['partners'][number];
export type Institution = Partner['institutions'][number];
export type PartnerId = Partner['id'];
export type AreaId = Dataset['areas'][number];
