import { z } from 'zod';
import { INTENTS, type Intent, IntentSchema } from '../domain/intents.js';
import { type Language, LanguageSchema } from '../domain/schema.js';

export { INTENTS, type Intent, IntentSchema };

/** Intents that ask about one aspect of a partner, so a follow-up naming another partner reuses them. */
export const FACET_INTENTS: readonly Intent[] = [
  'partner_info',
  'signing_date',
  'cooperation',
  'institutions',
  'distance',
];

/** What a conversation remembers between two questions (stored per session by the caller). */
export const ConversationSchema = z.object({
  language: LanguageSchema.optional(),
  intent: IntentSchema.optional(),
  partners: z.array(z.string()).default([]),
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
  intent: Intent;
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
