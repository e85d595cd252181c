/**
 * The base names of the bot's commands and options: identifiers Discord sends back with every
 * interaction, so they are constants here. Only their `*_localizations` come from locales/, where a
 * translator may rename anything without breaking a handler.
 */
export const COMMAND = {
  partners: 'partners',
  partner: 'partner',
  map: 'map',
  timeline: 'timeline',
  ask: 'ask',
  countries: 'countries',
  about: 'about',
  language: 'language',
  settings: 'settings',
  help: 'help',
  /** The message context-menu command (its name may hold spaces and capitals). */
  askMessage: 'Ask the Siedlce bot',
} as const;

export const SUBCOMMAND = {
  settingsLanguage: 'language',
} as const;

export const OPTION = {
  country: 'country',
  area: 'area',
  name: 'name',
  partner: 'partner',
  question: 'question',
  choice: 'choice',
} as const;
