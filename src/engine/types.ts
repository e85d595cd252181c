import { z } from 'zod';
import { INTENTS, type Intent, IntentSchema } from '../domain/intents.js';
import { type Language, LanguageSchema } from '../domain/schema.js';

import { RECENT_LISTS } from './constants.js';

export { FACET_INTENTS, isFacet, RECENT_LISTS } from './constants.js';
export { INTENTS, type Intent, IntentSchema };

export const FacetSchema = z.enum(['partner_info', 'signing_date', 'cooperation', 'institutions', 'distance']);
export type Facet = z.infer<typeof FacetSchema>;

export const InstitutionKindSchema = z.enum(['school', 'culture', 'other']);
export type InstitutionKind = z.infer<typeof InstitutionKindSchema>;

/** A condition over partners: and/or/not over country, area, period, institution (and named partners). */
export type Condition =
  | { type: 'country'; codes: string[] }
  | { type: 'area'; area: string }
  /** "only culture and education": these areas and no other. */
  | { type: 'only'; areas: string[] }
  | { type: 'period'; from?: number | undefined; to?: number | undefined }
  | { type: 'signed'; after?: string | undefined; before?: string | undefined }
  | { type: 'school'; number: number }
  /** Some school or cultural centre (or any institution) named in the agreement. */
  | { type: 'institution'; kind?: InstitutionKind | undefined }
  | { type: 'distance'; min?: number | undefined; max?: number | undefined }
  | { type: 'partner'; ids: string[] }
  | { type: 'and' | 'or'; of: Condition[] }
  | { type: 'not'; of: Condition };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ type: z.literal('country'), codes: z.array(z.string()) }),
    z.object({ type: z.literal('area'), area: z.string() }),
    z.object({ type: z.literal('only'), areas: z.array(z.string()) }),
    z.object({ type: z.literal('period'), from: z.number().optional(), to: z.number().optional() }),
    z.object({ type: z.literal('signed'), after: z.string().optional(), before: z.string().optional() }),
    z.object({ type: z.literal('school'), number: z.number() }),
    z.object({ type: z.literal('institution'), kind: InstitutionKindSchema.optional() }),
    z.object({ type: z.literal('distance'), min: z.number().optional(), max: z.number().optional() }),
    z.object({ type: z.literal('partner'), ids: z.array(z.string()) }),
    z.object({ type: z.enum(['and', 'or']), of: z.array(ConditionSchema) }),
    z.object({ type: z.literal('not'), of: ConditionSchema }),
  ]),
);

export const TALK_INTENTS = ['greeting', 'help', 'thanks', 'overview', 'not_a_partner', 'unknown'] as const;
export const AskSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('facet'), facet: FacetSchema }),
  z.object({ type: z.literal('list') }),
  z.object({ type: z.literal('count') }),
  z.object({ type: z.literal('yesno') }),
  z.object({ type: z.literal('talk'), intent: z.enum(TALK_INTENTS) }),
]);
export type Ask = z.infer<typeof AskSchema>;

export const SubjectSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('named'), ids: z.array(z.string()) }),
  /** A list shown before: the last one, or `ago` lists before it ("back to the four"). */
  z.object({ type: z.literal('shown-last'), ago: z.number().int().positive().optional() }),
  z.object({ type: z.literal('all') }),
]);
export type Subject = z.infer<typeof SubjectSchema>;

export const OrderSchema = z.object({ by: z.enum(['date', 'distance', 'areas']), direction: z.enum(['asc', 'desc']) });
export type Order = z.infer<typeof OrderSchema>;

export const PickSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('first') }),
  z.object({ type: z.literal('last') }),
  z.object({ type: z.literal('middle') }),
  /** `n` below zero counts from the end: -2 is the last but one. */
  z.object({
    type: z.literal('nth'),
    n: z
      .number()
      .int()
      .refine((n) => n !== 0),
  }),
  z.object({ type: z.literal('top'), k: z.number().int().positive() }),
]);
export type Pick = z.infer<typeof PickSchema>;

/** A rank word's value: "the third" is 3, "the last but one" -2; "the last" and "the middle one" depend on the list. */
export type Rank = number | 'last' | 'middle';

/** One question of a message: what is asked, about whom, under which condition, in which order, which pick. */
export const QuerySchema = z.object({
  ask: AskSchema,
  subject: SubjectSchema,
  condition: ConditionSchema.optional(),
  order: OrderSchema.optional(),
  pick: PickSchema.optional(),
});
export type QueryShape = z.infer<typeof QuerySchema>;

/** What a conversation remembers between two questions (stored per session by the caller). */
export const ConversationSchema = z.object({
  language: LanguageSchema.optional(),
  intent: IntentSchema.optional(),
  /** The partners the last answer was about. */
  partners: z.array(z.string()).default([]),
  /** The partners last shown, in the order shown (a list, a ranking, one card). */
  shown: z.array(z.string()).optional(),
  /** The lists shown before that one, newest first: "back to the four", "of the three", "the one that isn't". */
  recent: z.array(z.array(z.string())).max(RECENT_LISTS).optional(),
  /**
   * What the asker said of themselves ("I'm from Lithuania", "jestem z Sabinova"): no filter until
   * "my country" or "my city", "po nas" refers to it.
   */
  asker: z.object({ country: z.string().optional(), partner: z.string().optional() }).optional(),
  /** The last query answered. */
  query: QuerySchema.optional(),
  /** A facet asked without saying of whom: the next message may only name the partner. */
  pending: FacetSchema.optional(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

/** A structured request, e.g. a button press: it skips understanding. */
export const CommandSchema = z.object({
  intent: IntentSchema,
  partners: z.array(z.string()).default([]),
  /** Also draw this picture (a "map" button on a card). */
  picture: z.enum(['map', 'timeline']).optional(),
});
export type Command = z.infer<typeof CommandSchema>;

export interface Request {
  text: string;
  /** What the conversation remembers so far; absent for a first question. */
  conversation?: Conversation | undefined;
  /** The platform's hint (Discord user locale, Telegram language_code, …), used when the text does not tell. */
  locale?: string | undefined;
  /** The user's own choice of language: wins over everything. */
  language?: Language | undefined;
  /** A structured request from a button or a slash command; `text` is then only logged. */
  command?: Command | undefined;
}

export interface Period {
  from?: number;
  to?: number;
}

export interface ListFilter {
  /** Country codes (or group codes such as EU); a partner in any of them matches. */
  countries?: string[];
  area?: string;
  period?: Period;
  order?: 'chronological' | 'oldest' | 'newest';
}

export interface CardInstitution {
  side: 'siedlce' | 'partner';
  kind: 'school' | 'culture' | 'other';
  name: string;
}

/** Everything a platform needs to draw one partner; all strings already in the reply's language. */
export interface Card {
  id: string;
  name: string;
  officialName: string;
  flag: string;
  country: string;
  countryName: string;
  region: string;
  signed: string;
  signedText: string;
  areas: string[];
  purpose: string;
  activities: string[];
  institutions: CardInstitution[];
  coordinates: { lat: number; lon: number };
  distanceKm: number;
}

export interface ListItem {
  id: string;
  name: string;
  flag: string;
  countryName: string;
  signed: string;
  signedText: string;
}

export type PictureKind = NonNullable<Command['picture']>;

/** A picture the adapters should draw and send with the reply (src/pictures renders it). */
export interface Picture {
  kind: PictureKind;
  /** The partner to highlight, when the question is about one. */
  highlight?: string;
}

export interface Suggestion {
  label: string;
  command: Command;
}

export interface Reply {
  language: Language;
  /** The first question's intent. */
  intent: Intent;
  /** Every question's intent, in the order asked (one for most messages). */
  intents?: Intent[];
  partners: string[];
  text: string;
  /** How sure understanding was, 0..1; low values are worth logging as unanswered. */
  confidence: number;
  card?: Card;
  cards?: Card[];
  list?: { title: string; items: ListItem[] };
  suggestions?: Suggestion[];
  picture?: Picture;
  /** What to remember for the next question of this conversation. */
  conversation: Conversation;
}
