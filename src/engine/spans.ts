import type { CueKind, OrderCue } from './knowledge.js';
import type { PictureKind, Rank } from './types.js';
import type { PlaceMention } from './understand.js';

/**
 * One thing found in a message, with its place: tokens [start, end). The lexical layer finds them;
 * the query layer reads their order ("not" before "Ukraine", "the third" before "one").
 */
export type Span = { start: number; end: number } & (
  | { kind: 'partner'; id: string; fuzzy: boolean }
  | { kind: 'ambiguous'; ids: string[] }
  | { kind: 'place'; place: PlaceMention; weak?: true }
  | { kind: 'home' }
  | { kind: 'institution'; partner: string }
  | { kind: 'japan' }
  | { kind: 'country'; code: string }
  | { kind: 'area'; area: string }
  | { kind: 'year'; year: number }
  | { kind: 'order'; order: OrderCue }
  | { kind: 'school'; number: number }
  | { kind: 'cue'; cue: CueKind }
  | { kind: 'negation' }
  | { kind: 'negationAfter' }
  | { kind: 'and' }
  | { kind: 'or' }
  | { kind: 'reference' }
  | { kind: 'question' }
  | { kind: 'asker' }
  | { kind: 'reason' }
  | { kind: 'near' }
  | { kind: 'whole' }
  | { kind: 'sameYear' }
  | { kind: 'adjacent' }
  | { kind: 'each' }
  | { kind: 'reversed' }
  | { kind: 'withDates' }
  | { kind: 'other' }
  | { kind: 'only' }
  | { kind: 'mine' }
  | { kind: 'confirm' }
  | { kind: 'relative' }
  | { kind: 'preamble' }
  | { kind: 'dateWord' }
  | { kind: 'ours' }
  | { kind: 'where' }
  | { kind: 'lieIn' }
  | { kind: 'askVerb' }
  | { kind: 'ordinal'; rank: Rank }
  | { kind: 'number'; count: number }
  /** Kilometres from Siedlce: above `min`, up to `max` (or both, "between 300 and 1000 km"). */
  | { kind: 'bound'; min?: number; max?: number }
  | { kind: 'picture'; picture: PictureKind }
  | { kind: 'unknownName'; word: string }
);

export type SpanKind = Span['kind'];
export type SpanOf<K extends SpanKind> = Extract<Span, { kind: K }>;

/** Punctuation between tokens: a sentence end ("?", ".", "!") is strong, a comma or dash weak. */
export interface Break {
  /** Index of the first token after the mark. */
  at: number;
  strong: boolean;
  question: boolean;
  /** A colon: what comes before announces the question after it ("mi chiede due cose: …"). */
  lead?: boolean;
}

export function breaksOf(marks: readonly { at: number; mark: string }[], length: number): Break[] {
  const breaks: Break[] = [];
  for (const { at, mark } of marks) {
    if (at === 0 || at >= length) continue;
    // "mi chiede due cose: da quando…": a colon opens the question it announces
    const strong = /[?!.;:…]/u.test(mark);
    const previous = breaks[breaks.length - 1];
    const question = mark.includes('?');
    const lead = mark.includes(':');
    if (previous && previous.at === at) {
      previous.strong ||= strong;
      previous.question ||= question;
      if (lead) previous.lead = true;
    } else breaks.push(lead ? { at, strong, question, lead } : { at, strong, question });
  }
  return breaks;
}

export function spansOf<K extends SpanKind>(spans: readonly Span[], kind: K): SpanOf<K>[] {
  return spans.filter((span): span is SpanOf<K> => span.kind === kind);
}
