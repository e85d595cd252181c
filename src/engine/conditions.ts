import { distanceOf } from './execute.js';
import { AGREEMENT_STEM, type Knowledge } from './knowledge.js';
import { type Span, spansOf } from './spans.js';
import type { Condition, InstitutionKind } from './types.js';
import type { Understanding } from './understand.js';

/**
 * How far (in tokens) a negation reaches forward: "not in", "don't cooperate on" sport, "non
 * appartengono a paesi dell'UE". It never reaches over a question word ("non so quali… in Germania").
 */
const NEGATION_REACH = 6;

interface Atom {
  start: number;
  end: number;
  group: 'country' | 'area' | 'period' | 'partner' | 'distance' | 'institution';
  condition: Condition;
}

function atomsOf(
  home: string,
  understanding: Understanding,
  negatedPartners: ReadonlySet<number>,
  anchors: ReadonlyMap<number, Condition>,
): Atom[] {
  const atoms: Atom[] = [];
  const spans = understanding.spans;
  for (const span of spansOf(spans, 'partner')) {
    const condition = anchors.get(span.start);
    const group = condition?.type === 'signed' ? 'period' : 'distance';
    if (condition) atoms.push({ start: span.start, end: span.end, group, condition });
  }
  for (const span of spansOf(spans, 'country')) {
    // "una città polacca", "Polish town": Siedlce's own country describes Siedlce, never a partner
    if (span.code === home) continue;
    atoms.push({
      start: span.start,
      end: span.end,
      group: 'country',
      condition: { type: 'country', codes: [span.code] },
    });
  }
  for (const span of spansOf(spans, 'area')) {
    atoms.push({ start: span.start, end: span.end, group: 'area', condition: { type: 'area', area: span.area } });
  }
  const period = understanding.period;
  const [year] = spansOf(spans, 'year');
  if (period && year) {
    atoms.push({ start: year.start, end: year.end, group: 'period', condition: { type: 'period', ...period } });
  } else if (period) {
    atoms.push({
      start: understanding.range.end,
      end: understanding.range.end,
      group: 'period',
      condition: { type: 'period', ...period },
    });
  }
  for (const span of spansOf(spans, 'bound')) {
    const condition: Condition = { type: 'distance', min: span.min, max: span.max };
    atoms.push({ start: span.start, end: span.end, group: 'distance', condition });
  }
  for (const span of spansOf(spans, 'partner')) {
    if (negatedPartners.has(span.start) && !anchors.has(span.start)) {
      atoms.push({
        start: span.start,
        end: span.end,
        group: 'partner',
        condition: { type: 'partner', ids: [span.id] },
      });
    }
  }
  return atoms.sort((a, b) => a.start - b.start);
}

/** How far before a partner's name a "before"/"after" word may stand ("after the one with Dasing"). */
const ANCHOR_REACH = 3;

/** Partners named right after "before" or "after" ("before or after Dasing?", "prima o dopo Dasing"). */
export function partnersAfterPeriodWords(knowledge: Knowledge, understanding: Understanding): string[] {
  const tokens = understanding.reading.tokens;
  return spansOf(understanding.spans, 'partner')
    .filter((span) => {
      for (let start = span.start - 1; start >= Math.max(0, span.start - 5); start--) {
        const hits = knowledge.period.at(tokens, start);
        if (
          hits.some((one) => (one.value === 'before' || one.value === 'after') && span.start - one.end <= ANCHOR_REACH)
        )
          return true;
      }
      return false;
    })
    .map((span) => span.id);
}

/**
 * Partner names after "before"/"after" ("signed after Pescantina's", "po Pescantinie", "dopo
 * quello con Dasing"): their signing dates bound a period; they are not the subject.
 */
export function anchoredPartners(knowledge: Knowledge, understanding: Understanding): Map<number, Condition> {
  const tokens = understanding.reading.tokens;
  const anchors = new Map<number, Condition>();
  // only where signing or a list is asked: "un po' di Wolkowysk" is no period
  const dated = ['signing_date', 'list_partners', 'count_partners'] as const;
  for (const [start, condition] of comparedPartners(knowledge, understanding)) anchors.set(start, condition);
  if (!dated.some((cue) => (understanding.cues.get(cue) ?? 0) > 0)) return anchors;
  // "signed before 2000 except Pescantina": the year is what "before" is of, and the name is excepted
  const years = spansOf(understanding.spans, 'year');
  const negated = negatedPartnerStarts(understanding);
  for (const span of spansOf(understanding.spans, 'partner')) {
    const signed = knowledge.partnersById.get(span.id)?.signed;
    if (!signed || negated.has(span.start)) continue;
    for (let start = span.start - 1; start >= Math.max(0, span.start - 5); start--) {
      const hit = knowledge.period
        .at(tokens, start)
        .find((one) => (one.value === 'before' || one.value === 'after') && span.start - one.end <= ANCHOR_REACH);
      if (!hit) continue;
      // "firmato prima, Dasing o Sabinov?": past a comma the name is no object of "before"
      const parted = understanding.breaks.some((mark) => mark.at >= hit.end && mark.at <= span.start);
      if (parted || years.some((year) => year.start >= hit.end && year.end <= span.start)) break;
      anchors.set(span.start, { type: 'signed', [hit.value]: signed });
      break;
    }
  }
  return anchors;
}

/**
 * Partner names right after a comparison of distance ("farther than Berdychiv", "più vicine di
 * Sabinov", "dalej niż Berdyczów"): that partner's distance bounds the others', exclusive.
 */
function comparedPartners(knowledge: Knowledge, understanding: Understanding): Map<number, Condition> {
  const tokens = understanding.reading.tokens;
  const compared = new Map<number, Condition>();
  for (const span of spansOf(understanding.spans, 'partner')) {
    const partner = knowledge.partnersById.get(span.id);
    if (!partner) continue;
    for (let start = span.start - 1; start >= Math.max(0, span.start - 4); start--) {
      const hit = knowledge.comparisons.at(tokens, start).find((one) => span.start - one.end <= 1);
      if (!hit) continue;
      const km = distanceOf(partner, knowledge);
      compared.set(
        span.start,
        hit.value.value === 'more'
          ? { type: 'distance', min: km }
          : {
              type: 'and',
              of: [
                { type: 'distance', max: km },
                { type: 'not', of: { type: 'partner', ids: [partner.id] } },
              ],
            },
      );
      break;
    }
  }
  return compared;
}

/** Partner names right after a negation ("all except Kirov", "poza Kirowem"): conditions, not the subject. */
export function negatedPartnerStarts(understanding: Understanding): Set<number> {
  const negations = spansOf(understanding.spans, 'negation');
  const starts = new Set<number>();
  for (const span of spansOf(understanding.spans, 'partner')) {
    if (negations.some((negation) => span.start >= negation.end && span.start - negation.end <= 1))
      starts.add(span.start);
  }
  // "poza Kirowem i Dasing": the names joined to a negated one are negated too
  for (const span of spansOf(understanding.spans, 'partner')) {
    if (starts.has(span.start)) continue;
    const joined = [...starts].some((start) =>
      understanding.spans.some(
        (link) => (link.kind === 'and' || link.kind === 'or') && link.start > start && link.end === span.start,
      ),
    );
    if (joined) starts.add(span.start);
  }
  return starts;
}

/**
 * "apart from that one", "except ours", "oltre alla nostra": a negation of the partner talked about,
 * not of the conditions after it.
 */
export function negatesReference(understanding: Understanding, negation: { end: number }): boolean {
  // "esclusa quella in Russia", "except those in Russia": the reference carries a condition of its own
  const described = (end: number) =>
    understanding.spans.some(
      (span) =>
        (span.kind === 'country' || span.kind === 'area' || span.kind === 'year' || span.kind === 'partner') &&
        span.start >= end &&
        span.start - end <= 3,
    );
  return spansOf(understanding.spans, 'reference').some(
    (reference) => reference.start >= negation.end && reference.start - negation.end <= 1 && !described(reference.end),
  );
}

function between(spans: readonly Span[], from: number, to: number, kind: Span['kind']): boolean {
  return spans.some((span) => span.kind === kind && span.start >= from && span.end <= to);
}

function onlyBefore(spans: readonly Span[], start: number): boolean {
  return spansOf(spans, 'only').some((only) => only.end <= start && start - only.end <= 1);
}

function combine(type: 'and' | 'or', of: Condition[]): Condition {
  const [only] = of;
  return of.length === 1 && only ? only : { type, of };
}

/** "a nie, chodziło mi o Włochów", "no, I meant Italy": a "no" closed by punctuation answers, it negates nothing after it. */
function answersNo(
  spans: readonly Span[],
  understanding: Understanding,
  negation: { start: number; end: number },
): boolean {
  return (
    spansOf(spans, 'confirm').some((word) => word.start === negation.start && word.end === negation.end) &&
    understanding.breaks.some((mark) => mark.at === negation.end)
  );
}

/** The kind of institution an area word names when it is also a word for institutions: "szkoły", "centro culturale". */
export const INSTITUTION_OF_AREA: Readonly<Record<string, InstitutionKind>> = {
  culture: 'culture',
  education: 'school',
};

function asInstitution(spans: readonly Span[], atom: Atom): Atom {
  if (atom.condition.type !== 'area') return atom;
  const kind = INSTITUTION_OF_AREA[atom.condition.area];
  const named = spansOf(spans, 'cue').some(
    (cue) => cue.cue === 'institutions' && cue.start <= atom.start && cue.end >= atom.end,
  );
  return kind && named ? { ...atom, group: 'institution', condition: { type: 'institution', kind } } : atom;
}

/**
 * The condition a clause puts on partners. Countries join with "or" (a partner is in one
 * country), areas and the rest with "and" unless "or" stands between them; a negation covers the
 * run of same-kind conditions right after it ("not in Russia or Belarus").
 */
export function conditionOf(
  knowledge: Knowledge,
  understanding: Understanding,
  ignored: (span: { start: number; end: number }) => boolean,
): Condition | undefined {
  const spans = understanding.spans;
  const seen = new Set<string>();
  const atoms = atomsOf(
    knowledge.dataset.home.country,
    understanding,
    negatedPartnerStarts(understanding),
    anchoredPartners(knowledge, understanding),
  ).filter((atom) => {
    const key = JSON.stringify(atom.condition);
    if (ignored(atom) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (atoms.length === 0) return undefined;
  const negations = spansOf(spans, 'negation').filter(
    (negation) => !negatesReference(understanding, negation) && !answersNo(spans, understanding, negation),
  );
  // "no Siedlce school named", "prima del 2000 oppure con scuole coinvolte": a school word turned
  // around or offered as another choice is a condition on the institutions named (every partner
  // cooperates in education, so "not education" or "… or education" would say nothing)
  if (negations.length > 0 || spansOf(spans, 'or').length > 0)
    atoms.splice(0, atoms.length, ...atoms.map((atom) => asInstitution(spans, atom)));
  // "Russia excluded", "Russia a parte": a word right after the country turns it around
  // ("…nello sport, esclusa quella in Russia": read forward when another condition follows)
  const negatedAfter = (atom: Atom) =>
    atom.group === 'country' &&
    spansOf(spans, 'negationAfter').some(
      (word) =>
        word.start >= atom.end &&
        word.start - atom.end <= 1 &&
        !atoms.some((other) => other.start >= word.end && other.start - word.end < NEGATION_REACH),
    );
  const groups: { atoms: Atom[]; negated: boolean; or: boolean }[] = [];
  for (const atom of atoms) {
    const last = groups[groups.length - 1];
    const previous = last?.atoms[last.atoms.length - 1];
    // "tranne l'Italia, quante… in UE?": a question word between two countries starts a new run
    // "poza Włochami i Niemcami są w Unii": other words between two (a verb) end the run; a
    // comma, "and", "or" ("not in Russia or in Belarus") keep it
    const joined =
      previous !== undefined &&
      (atom.start - previous.end <= 0 ||
        between(spans, previous.end, atom.start, 'and') ||
        between(spans, previous.end, atom.start, 'or'));
    const sameRun =
      last &&
      previous &&
      previous.group === atom.group &&
      joined &&
      !between(spans, previous.end, atom.start, 'negation') &&
      !between(spans, previous.end, atom.start, 'question');
    const negated =
      negations.some(
        (negation) =>
          negation.end <= atom.start &&
          atom.start - negation.end < NEGATION_REACH &&
          !between(spans, negation.end, atom.start, 'question') &&
          !atoms.some((other) => other !== atom && other.start >= negation.end && other.start < atom.start),
      ) || negatedAfter(atom);
    if (sameRun && last && previous && !negated) {
      last.atoms.push(atom);
      last.or ||= atom.group === 'country' || between(spans, previous.end, atom.start, 'or');
    } else {
      groups.push({ atoms: [atom], negated, or: false });
    }
  }
  const parts = groups.map((group) => {
    const merged =
      group.atoms.every((atom) => atom.group === 'country') && group.atoms.length > 1
        ? ({
            type: 'country',
            codes: group.atoms.flatMap((atom) => (atom.condition.type === 'country' ? atom.condition.codes : [])),
          } as Condition)
        : combine(
            group.or ? 'or' : 'and',
            group.atoms.map((atom) => atom.condition),
          );
    const only = group.atoms[0] && onlyBefore(spans, group.atoms[0].start);
    const areas = group.atoms.flatMap((atom) => (atom.condition.type === 'area' ? [atom.condition.area] : []));
    // "tylko kultura i edukacja", "only sport": those areas, and no other
    const exact: Condition =
      only && !group.or && areas.length === group.atoms.length ? { type: 'only', areas } : merged;
    return group.negated ? ({ type: 'not', of: exact } as Condition) : exact;
  });
  return joined(spans, groups, parts);
}

/** How far before the condition it offers an "or" may stand: "oppure con scuole", "or not in the EU". */
const OR_REACH = 3;

/** The groups' conditions joined left to right: with "or" where an "or" stands between two, else "and". */
function joined(
  spans: readonly Span[],
  groups: readonly { atoms: readonly Atom[] }[],
  parts: readonly Condition[],
): Condition | undefined {
  let all: Condition[] = [];
  parts.forEach((part, index) => {
    const before = groups[index - 1]?.atoms.at(-1);
    const first = groups[index]?.atoms[0];
    const or =
      before !== undefined &&
      first !== undefined &&
      spansOf(spans, 'or').some(
        (word) =>
          word.start >= before.end &&
          word.end <= first.start &&
          first.start - word.end <= OR_REACH &&
          !between(spans, word.end, first.start, 'and'),
      );
    if (or && all.length > 0) all = [{ type: 'or', of: [combine('and', all), part] }];
    else all.push(part);
  });
  return all.length > 0 ? combine('and', all) : undefined;
}

/** The atoms of a condition of one type, positive ones only (for wording and the old filter). */
export function positive(condition: Condition | undefined, type: 'country' | 'area'): string[] {
  if (!condition) return [];
  switch (condition.type) {
    case 'country':
      return type === 'country' ? condition.codes : [];
    case 'area':
      return type === 'area' ? [condition.area] : [];
    case 'only':
      return type === 'area' ? condition.areas : [];
    case 'and':
    case 'or':
      return condition.of.flatMap((part) => positive(part, type));
    default:
      return [];
  }
}

export function hasNegation(condition: Condition | undefined): boolean {
  if (!condition) return false;
  if (condition.type === 'not') return true;
  return (condition.type === 'and' || condition.type === 'or') && condition.of.some(hasNegation);
}

export function hasDistance(condition: Condition | undefined): boolean {
  if (!condition) return false;
  if (condition.type === 'distance') return true;
  if (condition.type === 'not') return hasDistance(condition.of);
  return (condition.type === 'and' || condition.type === 'or') && condition.of.some(hasDistance);
}

/** Distinct agreement words a message must share with one partner's agreement alone to point at it. */
const AGREEMENT_EVIDENCE = 2;

/**
 * The partner whose agreement the words in [start, end) describe ("pomoc w organizacji obozów
 * sportowych", "Regala dei libri alla biblioteca"): words found in that agreement's text only, at
 * least two of them, more than any other partner's.
 */
export function agreementPartner(
  knowledge: Knowledge,
  /** The message's words outside every span (names, countries, areas, cues). */
  words: readonly string[],
  language: Understanding['language'],
  /** Distinct words needed: one is enough to narrow the partners of an area already asked. */
  evidence = AGREEMENT_EVIDENCE,
): string | undefined {
  const languages = language ? [language] : knowledge.locales.languages;
  const found = new Map<string, Set<string>>();
  for (const spoken of languages) {
    const unique = knowledge.agreementWords.get(spoken);
    if (!unique) continue;
    for (const word of words) {
      if (word.length < AGREEMENT_STEM) continue;
      const stem = word.slice(0, AGREEMENT_STEM);
      const owner = unique.get(stem);
      if (!owner) continue;
      const stems = found.get(owner) ?? new Set<string>();
      stems.add(stem);
      found.set(owner, stems);
    }
  }
  const ranked = [...found.entries()].sort((a, b) => b[1].size - a[1].size);
  const [best, second] = ranked;
  if (!best || best[1].size < evidence) return undefined;
  return second && second[1].size === best[1].size ? undefined : best[0];
}

/** The words at the positions asked for that no span covers: what the message says in its own words. */
export function plainWords(
  knowledge: Knowledge,
  reading: Understanding['reading'],
  at: (index: number) => boolean,
  /** Count the words of areas too (a story's "libri… biblioteca"; not the area a list is asked by). */
  withAreas: boolean,
): string[] {
  const covered = new Set<number>();
  const areas = new Set<number>();
  for (const span of reading.spans) {
    const into = span.kind === 'area' ? areas : covered;
    for (let index = span.start; index < span.end; index++) into.add(index);
  }
  // an area's word ("biblioteca", "sportowych") describes what the agreement does, so it counts;
  // another word the bot knows ("nello", "zakresie") belongs to the question
  return reading.free.filter(
    (word, index) =>
      word !== '' &&
      at(index) &&
      !covered.has(index) &&
      (areas.has(index) ? withAreas : !knowledge.vocabulary.has(word)),
  );
}
