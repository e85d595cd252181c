import { fold } from '../engine/normalize.js';
import { DataFileError } from './load.js';
import type { Cues, Locales } from './locales.js';
import type { Dataset } from './schema.js';

/** Shorter aliases match inside ordinary questions ("A z Kirowem?" would name a partner "a"). */
export const MIN_ALIAS_LETTERS = 3;

/** The words the bot listens for in one language: function words and intent cues, folded. */
function cueWords(cues: Cues): string[] {
  const lists = [
    cues.words,
    cues.followUp,
    cues.school,
    cues.nameSuffixes,
    ...Object.values(cues.intents),
    ...Object.values(cues.period),
    ...Object.values(cues.order),
    ...Object.values(cues.pictures),
  ];
  // A trailing * is a prefix cue ("partner*"); its stem is what an alias must not be.
  return lists.flat().map((word) => fold(word.replace(/\*$/, '')));
}

interface Alias {
  text: string;
  /** Where it is in the file ("partners.3.aliases.2"). */
  at: string;
  /** Who it stands for ("partner kirov", "place Paryż"). */
  owner: string;
  /** Names of partners and places must not be cue words; institutions and the home city may be. */
  named: boolean;
}

function aliasesOf(dataset: Dataset): Alias[] {
  const found: Alias[] = [];
  const add = (texts: readonly string[] | Record<string, string>, at: string, owner: string, named: boolean) => {
    for (const [key, text] of Object.entries(texts)) found.push({ text, at: `${at}.${key}`, owner, named });
  };
  dataset.partners.forEach((partner, index) => {
    const owner = `partner "${partner.id}"`;
    add(partner.aliases, `partners.${index}.aliases`, owner, true);
    add(partner.names, `partners.${index}.names`, owner, true);
    partner.institutions.forEach((institution, other) => {
      add(institution.aliases, `partners.${index}.institutions.${other}.aliases`, `an institution of ${owner}`, false);
    });
  });
  dataset.places.forEach((place, index) => {
    const owner = `place "${Object.values(place.names)[0] ?? index}"`;
    add(place.aliases, `places.${index}.aliases`, owner, true);
    add(place.names, `places.${index}.names`, owner, true);
  });
  add(dataset.home.aliases, 'home.aliases', 'the home city', false);
  add(dataset.overview.japan.aliases, 'overview.japan.aliases', 'the Japanese institution', false);
  return found;
}

/**
 * Checks the names the bot recognises: long enough, not a word every question may contain, and
 * each standing for one partner or place only. Throws one line naming the file, the field and the fix.
 */
export function checkAliases(dataset: Dataset, locales: Locales, file: string): void {
  const cues = new Map<string, string>();
  for (const locale of locales.byLanguage.values()) {
    for (const word of cueWords(locale.cues)) if (word) cues.set(word, locale.language);
  }
  const owners = new Map<string, Alias>();
  for (const alias of aliasesOf(dataset)) {
    const folded = fold(alias.text);
    const fail = (problem: string, fix: string) => {
      throw new DataFileError(`${file}: ${alias.at} "${alias.text}" ${problem} — ${fix}`);
    };
    if (folded.replace(/ /g, '').length < MIN_ALIAS_LETTERS) {
      fail(`is shorter than ${MIN_ALIAS_LETTERS} letters`, 'write the name out or remove the alias');
    }
    const language = cues.get(folded);
    if (alias.named && language) {
      fail(`is a word the bot listens for in locales/${language}/cues.json`, 'remove the alias or make it longer');
    }
    const previous = owners.get(folded);
    if (previous && previous.owner !== alias.owner && (alias.named || previous.named)) {
      fail(`also stands for ${previous.owner} (${previous.at})`, 'keep it for one of them only');
    }
    if (!previous || alias.named) owners.set(folded, alias);
  }
}
