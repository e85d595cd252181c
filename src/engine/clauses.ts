import { agreementPartner, plainWords } from './conditions.js';
import { FACET_INTENTS } from './constants.js';
import type { Knowledge, OrderCue } from './knowledge.js';
import { type Span, spansOf } from './spans.js';
import { type PlaceMention, type Reading, type Understanding, view } from './understand.js';

/** Kinds of cue that ask something (a clause holding one is a question, not a story). */
const SMALL_TALK = new Set(['thanks', 'greeting', 'help']);

const ASKING_CUES = new Set<string>([...FACET_INTENTS, 'list_partners', 'count_partners', 'overview']);

interface Segment {
  start: number;
  end: number;
  question: boolean;
  /** It ends in a colon: it announces the question after it. */
  lead: boolean;
}

/** The sentences and phrases of a message, by token range, as the punctuation cuts it. */
function segments(reading: Reading, strongOnly: boolean): Segment[] {
  const cuts = reading.breaks.filter((mark) => !strongOnly || mark.strong);
  const list: Segment[] = [];
  let start = 0;
  for (const cut of cuts) {
    list.push({ start, end: cut.at, question: cut.question, lead: cut.lead === true });
    start = cut.at;
  }
  list.push({ start, end: reading.tokens.length, question: reading.endsAsking === true, lead: false });
  return list.filter((segment) => segment.end > segment.start);
}

interface Region {
  start: number;
  end: number;
  /** Opened by a word about the asker ("sono", "I'm"), not only a sentence that asks nothing. */
  asker?: boolean;
}

/**
 * Statements about the person asking ("I'm a teacher from Friedberg", "Sono italiano"): from an
 * asker word opening a phrase up to the next question word or punctuation. What they name is
 * not a filter.
 */
function askerRegions(reading: Reading): Region[] {
  const regions: Region[] = [];
  const questions = spansOf(reading.spans, 'question');
  const reported = reportedQuestions(reading);
  const sentences = segments(reading, true);
  for (const segment of segments(reading, false)) {
    const opener = spansOf(reading.spans, 'asker').find(
      (span) =>
        span.start >= segment.start &&
        span.start <= segment.start + 2 &&
        !questions.some((question) => question.start >= segment.start && question.start < span.start),
    );
    if (!opener) continue;
    // the statement runs on over a comma followed by "and"/"but" ("Jestem Polką, ale pytam dla
    // koleżanki z Włoch, …"), until a question word
    const phrases = segments(reading, false);
    // (a colon announces the question: "Vivo a Peschiera: è gemellata?" runs on over no "and")
    let end = segment.end;
    let lead = segment.lead;
    for (const next of phrases.filter((phrase) => phrase.start >= segment.end)) {
      if (lead || next.start !== end || !reading.spans.some((span) => span.kind === 'and' && span.start === next.start))
        break;
      end = next.end;
      lead = next.lead;
    }
    const nextQuestion = questions.find((question) => question.start >= opener.end && question.start < end);
    regions.push({ start: opener.start, end: nextQuestion?.start ?? end, asker: true });
  }
  // "…bo mam projekt do szkoły", "…because I have a school project": a reason after the question
  // is background, up to the end of its phrase or the next question word
  for (const reason of spansOf(reading.spans, 'reason')) {
    const phrase = segments(reading, false).find((one) => reason.start >= one.start && reason.start < one.end);
    const asksBefore = reading.spans.some(
      (span) => span.end <= reason.start && (asksSomething(span) || span.kind === 'question'),
    );
    if (!phrase || !asksBefore || /^\d/u.test(reading.tokens[reason.end] ?? '')) continue;
    const nextQuestion = questions.find((question) => question.start >= reason.end && question.start < phrase.end);
    regions.push({ start: reason.start, end: nextQuestion?.start ?? phrase.end, asker: true });
  }
  // "W związku z przygotowywanym sprawozdaniem … proszę o podanie liczby…": a preamble opening a
  // phrase is background up to the first word that asks
  const preambles = spansOf(reading.spans, 'preamble');
  const phrases = preambles.length > 0 || reading.breaks.length > 0 ? segments(reading, false) : [];
  for (const preamble of preambles) {
    const phrase = phrases.find((one) => preamble.start >= one.start && preamble.start - one.start <= 1);
    const sentence = sentences.find((one) => preamble.start >= one.start && preamble.start < one.end);
    if (!phrase || !sentence) continue;
    const ask = reading.spans.find(
      (span) =>
        span.start >= preamble.end &&
        span.start < sentence.end &&
        // a facet's word is often the preamble's own noun ("sprawozdanie z działalności"): a question
        // word, a count or a list ends it
        (span.kind === 'question' ||
          (span.kind === 'cue' && (span.cue === 'count_partners' || span.cue === 'list_partners'))),
    );
    if (ask && ask.start > preamble.end) regions.push({ start: preamble.start, end: ask.start });
  }
  // "…z firmą z Berdyczowa i szef pyta, czy…", "jade na oboz do sabinova z ckis i sie zastanawiam od
  // kiedy…", "my boss asks whether…": what comes before a verb reporting the question is background
  for (const verb of reportedQuestions(reading)) {
    const sentence = sentences.find((one) => inside_(one, verb));
    if (!sentence || questions.some((question) => question.start >= sentence.start && question.start < verb.start))
      continue;
    if (verb.end > sentence.start + 1) regions.push({ start: sentence.start, end: verb.end });
  }
  // whether a sentence from each one on asks a question of its own, read once from the end
  // ("Potete aiutarmi?" asks for help with the question told before, not another one)
  const asksAfter: boolean[] = [];
  for (let index = sentences.length - 1; index >= 0; index--) {
    const later = sentences[index] as Segment;
    const asks =
      (later.question || questions.some((question) => inside_(later, question))) &&
      reading.spans.some(
        (span) => inside_(later, span) && (asksSomething(span) || (span.kind === 'cue' && span.cue === 'partnership')),
      );
    asksAfter[index] = asks || asksAfter[index + 1] === true;
  }
  // sentences before the question that ask nothing ("Witam serdecznie. Jestem emerytką… ") tell a
  // story: what they name is background, not a filter
  let signed = false;
  sentences.forEach((sentence, index) => {
    // "…i czego ona dotyczy. Pozdrawiam, Ola": a closing greeting and the name signed under it
    // ("ciao! 👋" only greets twice: nothing before it is closed)
    const closing =
      index > 0 &&
      !sentence.question &&
      reading.spans.some(
        (span) =>
          span.end <= sentence.start && (asksSomething(span) || span.kind === 'question' || span.kind === 'partner'),
      ) &&
      reading.spans.some(
        (span) =>
          span.kind === 'cue' &&
          (span.cue === 'thanks' || span.cue === 'greeting') &&
          span.start >= sentence.start &&
          // "Ringraziando per l'attenzione, porgo distinti saluti.": anywhere in a short sentence
          (span.start <= sentence.start + 1 ||
            (span.end <= sentence.end && sentence.end - sentence.start <= CLOSING_LENGTH)),
      ) &&
      !reading.spans.some((span) => span.start >= sentence.start && span.end <= sentence.end && isAskingCue(span));
    // "…porgo distinti saluti. Ufficio Relazioni Esterne – Comune di Sona": the closing and the
    // signature under it, up to the end, when nothing after it asks
    if (closing && !signed && asksAfter[index + 1] !== true) {
      signed = true;
      regions.push({ start: sentence.start, end: reading.tokens.length });
      return;
    }
    if (signed) return;
    if (index === sentences.length - 1) return;
    // "…la dirigente mi chiede due cose: da quando…", "…koleżanki, która robi projekt: ile…": a
    // lead-in announces the question; its words ("która", "terza", "Polonia") ask nothing
    // a label of a word or two ("drugi: data?", "Dasing: kiedy?") is read with the question instead
    if (sentence.lead) {
      if (sentence.end - sentence.start > 2) regions.push({ start: sentence.start, end: sentence.end });
      return;
    }
    const inside = (span: Span) => span.start >= sentence.start && span.start < sentence.end;
    // "…the Vilnius partnership is what interests me most. … how many…?": before a sentence that
    // asks, a sentence closed by a full stop asks only where a question word leads to an asking cue;
    // "what", "which" in it otherwise open a relative clause of the story
    const questionLater = asksAfter[index + 1] === true;
    // "my city is Volkovysk, I hear it is partner with Siedlce, yes? when did they sign?": a statement
    // with a tag asking to confirm it tells the story the next question asks about
    const tag = phrases.find((phrase) => phrase.end === sentence.end && phrase.start > sentence.start);
    const confirms = spansOf(reading.spans, 'confirm');
    const tagged =
      sentence.question &&
      tag !== undefined &&
      range(tag.start, tag.end).every((at) => confirms.some((span) => at >= span.start && at < span.end));
    if (tagged && questionLater) {
      regions.push({ start: sentence.start, end: sentence.end });
      return;
    }
    if (sentence.question) return;
    const wordAsks = (span: Span) => questions.some((question) => question.start === span.start);
    // …and opens its phrase: "the towns where our students go" relates, "…, kiedy podpisano" asks
    const relatives = spansOf(reading.spans, 'relative');
    const relates = (phrase: Segment, question: Span) =>
      phrase.start > sentence.start &&
      relatives.some((word) => word.start <= question.start && word.end > question.start);
    // "…o miastach, w których mieszkają…": after a comma, a relative word relates
    // ("…szef pyta, czy miasto wspiera…": a question word right after a verb reporting it asks)
    const opensPhrase = (question: Span) =>
      reported.some((verb) => question.start >= verb.end && question.start - verb.end <= 1) ||
      phrases.some(
        (phrase) => question.start >= phrase.start && question.start - phrase.start <= 1 && !relates(phrase, question),
      );
    const leadsToAsk = (question: Span) =>
      !questionLater ||
      (opensPhrase(question) &&
        reading.spans.some(
          (span) =>
            inside(span) &&
            isAskingCue(span) &&
            // "…pamiętam, jak przyjeżdżali goście z zagranicy": a word of the overview is a topic, not an ask
            !(span.kind === 'cue' && span.cue === 'overview') &&
            !wordAsks(span) &&
            span.end > question.start,
        ));
    const asked = questions.filter(inside).filter(leadsToAsk);
    const unhidden = asked.filter(
      (question) => !regions.some((region) => question.start >= region.start && question.start < region.end),
    );
    // "…fornirmi l'elenco delle città partner. Distinti saluti.": a request followed only by
    // courtesy is the question itself
    const courtesy = (later: Segment) =>
      later.end - later.start <= 4 &&
      reading.spans.some(
        (span) =>
          span.kind === 'cue' &&
          (span.cue === 'thanks' || span.cue === 'greeting') &&
          span.start >= later.start &&
          span.end <= later.end,
      );
    const asksLater = sentences.slice(index + 1).some((later) => !courtesy(later));
    const requests = reading.spans.some((span) => inside(span) && isAskingCue(span));
    // "grazie!! 😊", "ciao!! sono di Pescantina": thanks or a greeting before sentences that ask
    // nothing is what the message says, no story
    const smallTalk = reading.spans.some((span) => inside(span) && span.kind === 'cue' && SMALL_TALK.has(span.cue));
    if (smallTalk && !questionLater) return;
    if (unhidden.length === 0 && (asksLater || !requests)) regions.push({ start: sentence.start, end: sentence.end });
  });
  return regions;
}

/** How long a sentence holding a courtesy closing anywhere may be to be only the closing. */
const CLOSING_LENGTH = 8;

/** How far after a verb reporting a question its question word may stand ("pyta, czy", "mi chiedo se"). */
const REPORTED_REACH = 1;

/** Verbs that report a question with its question word right after them ("szef pyta, czy…", "I wonder when…"). */
function reportedQuestions(reading: Reading): Span[] {
  const questions = spansOf(reading.spans, 'question');
  return spansOf(reading.spans, 'askVerb').filter((verb) =>
    questions.some((question) => question.start >= verb.end && question.start - verb.end <= REPORTED_REACH),
  );
}

export interface Clauses {
  /** The clauses that ask something, each read on its own. */
  clauses: Understanding[];
  /** Partners named in statements around the questions (the asker's story). */
  story: string[];
  /** Places the asker says they are from ("I'm from Kaunas, are we twinned?"). */
  storyPlaces: PlaceMention[];
  /** Countries named in the story ("a place in Lithuania"): whose partner a facet may be about. */
  storyCountries: string[];
  /**
   * Countries the story says Siedlce has a partner in ("ghe ze na cita tedesca gemela", "a Ukrainian
   * city which is friends with Siedlce"), outside what the asker says of themselves: "which is it?"
   */
  partnerCountries: string[];
  /** A superlative the story says it needs ("we have to pick the one thats farthest from siedlce"). */
  storyOrder?: OrderCue | undefined;
  /** A town that is no partner the story claims is twinned ("uno sostiene che anche Bussolengo sia gemellata"). */
  claimedPlace?: PlaceMention | undefined;
  /** The story names a town that is no partner before any partner ("Sono di Bussolengo, a due passi da Pescantina"). */
  placeFirst?: boolean;
  /** Countries of the story's places that the story says a partner is near ("…il paese vicino a me"). */
  nearCountries: string[];
  /** The partner whose agreement the story describes in its own words. */
  agreement?: string | undefined;
  /** The whole message with statements about the asker taken out. */
  whole: Understanding;
}

function asks(understanding: Understanding, question: boolean): boolean {
  return (
    question ||
    spansOf(understanding.spans, 'question').length > 0 ||
    spansOf(understanding.spans, 'cue').some((span) => ASKING_CUES.has(span.cue))
  );
}

/** Where a second question starts inside a sentence: "…z Dasing i jaki jest jej cel", "…, and when did…". */
function innerCuts(understanding: Understanding): number[] {
  const spans = understanding.spans;
  const cuts: number[] = [];
  let from = understanding.range.start;
  // "and" joins two questions; so does a comma before a question word ("Czy to partner, jak daleko…")
  const commas = understanding.breaks
    .filter((mark) => !mark.strong)
    .map((mark) => ({ start: mark.at, end: mark.at, comma: true }));
  const links = [...spans.filter((span) => span.kind === 'and'), ...commas].sort((a, b) => a.start - b.start);
  for (const link of links) {
    // "and when…", "e di cosa…", "i w jakim…": a question word right after "and", or one word later
    const opensQuestion = spans.some(
      (span) => span.kind === 'question' && span.start >= link.end && span.start <= link.end + 1,
    );
    if (link.start - from < 2) continue;
    const before = spans.filter((span) => span.start >= from && span.end <= link.start);
    const after = spans.filter((span) => span.start >= link.end && span.start < understanding.range.end);
    // "data podpisania umowy z Dasing oraz cel umowy", "la data della firma e i settori di
    // cooperazione": another facet named right after "and" asks a second question; so does one
    // after a comma in an enumeration ("tre informazioni: la data della firma, gli ambiti…, e la scuola")
    if (asksAnotherFacet(before, after, link.end, 'comma' in link)) {
      cuts.push(link.start);
      from = link.end;
      continue;
    }
    if (!opensQuestion) continue;
    // "Czy rejon wileński to partner Siedlec i od kiedy?": asking whether a named place is a partner counts
    // "So which Belarusian town is the partner, and when…": asking which partner counts too
    const partnership = before.some((span) => span.kind === 'cue' && span.cue === 'partnership');
    // "Is education part of the agreement and when…": whether the agreement covers an area counts
    const covers = partnership && before.some((span) => span.kind === 'area');
    const asksWhether =
      covers || (partnership && (before.some(isName) || before.some((span) => span.kind === 'question')));
    // "Which city is it, and what else do they do together?": a phrase opened by its own question word
    // ("a co z Kirowem, kiedy…" only leads in to the question about the partner it names)
    // ("a to, które nie jest - co…": "the one which isn't" describes what the question is about)
    const opener = before.find((span) => span.kind === 'question' || span.kind === 'cue');
    const asksWhich =
      opener?.kind === 'question' &&
      !before.some((span) => span.kind === 'reference' && span.start < opener.start) &&
      !before.some((span) => span.kind === 'partner' || span.kind === 'place');
    // "ile jest miast partnerskich i jakie to są?": the second asks which they are; so does a bare
    // "and which" after a count ("how many exactly and which ones", "quante sono e quali?")
    const counted = before.some((span) => span.kind === 'cue' && span.cue === 'count_partners');
    const bareWhich =
      counted &&
      understanding.range.end - link.end <= BARE_WHICH &&
      after.every((span) => BARE_WHICH_SPANS.has(span.kind) || namesPartners(span));
    const whichThey = (after.some((span) => span.kind === 'reference') && before.some(asksSomething)) || bareWhich;
    // "…i czy tam jest przewidziana wymiana młodzieży?", "…and do they do sport too?": whether an area is covered
    const coversAfter = !('comma' in link) && after.some((span) => span.kind === 'area');
    if (
      !(before.some(asksSomething) || asksWhether || asksWhich) ||
      !(after.some(asksSomething) || whichThey || coversAfter)
    )
      continue;
    // after a comma, "z którymi…", "che…" may open a relative clause: only a question about a named
    // partner goes on with another one ("Czy to partner Siedlec, jak daleko to jest…")
    // ("…kiedy podpisano porozumienie, jakie są obszary współpracy": a question word that is no
    // relative word, after a phrase that asked already, asks again)
    const relativeAfter = spans.some(
      (span) => span.kind === 'relative' && span.start >= link.end && span.start <= link.end + 1,
    );
    const asksAgain = before.some(asksSomething) && !relativeAfter;
    if ('comma' in link && !before.some(isName) && !asksAgain) continue;
    if (!before.some((span) => span.kind === 'question') && !covers && !(partnership && coversAfter)) continue;
    cuts.push(link.start);
    from = link.end;
  }
  return cuts;
}

/** How far from a word of partnership a town the story claims is twinned may stand. */
const CLAIM_REACH = 3;

/** How far after "and" the first thing named may be a facet asked ("and the names of the institutions"). */
const FACET_REACH = 4;

/** How far after "and" a superlative may stand to ask a question of its own ("and is Kirov the farthest"). */
const SUPERLATIVE_REACH = 3;

/** How many words a bare "and which (ones)" after a count may have ("i jakie to są miasta", "and which ones are they"). */
const BARE_WHICH = 5;
const BARE_WHICH_SPANS = new Set<Span['kind']>(['question', 'relative', 'reference', 'confirm']);

const FACETS = new Set(['signing_date', 'cooperation', 'institutions', 'distance']);

/** A word for the partners themselves ("miasta", "the towns", "le città"): it names who, it asks no facet. */
function namesPartners(span: Span): boolean {
  return span.kind === 'cue' && (span.cue === 'partnership' || span.cue === 'list_partners');
}

function facetCue(span: Span): string | undefined {
  return span.kind === 'cue' && FACETS.has(span.cue) ? span.cue : undefined;
}

function asksAnotherFacet(before: readonly Span[], after: readonly Span[], from: number, comma: boolean): boolean {
  const asked = new Set(before.map(facetCue).filter(Boolean));
  // after a comma only a facet named after another one enumerates ("…, in chronological order" sorts the list)
  if (comma && asked.size === 0) return false;
  // "liczby miast partnerskich oraz daty podpisania…": a count or a list asked, then a date named
  // ("…and cooperate on sport", "…e hanno firmato prima del 2006" only narrow the list)
  if (asked.size === 0) {
    const listed = before.some(
      (span) => span.kind === 'cue' && (span.cue === 'count_partners' || span.cue === 'list_partners'),
    );
    return listed && after.some((span) => span.kind === 'dateWord' && span.start <= from + 1);
  }
  // a question word after "and" ("…i kiedy…") is judged as a question, not as a named facet
  const questionAt = new Set(after.filter((span) => span.kind === 'question').map((span) => span.start));
  // "what does Siedlce cooperate with Kirov on, and is Kirov the farthest partner?": a superlative asks too
  const superlativeNext = after.some(
    (span) => span.kind === 'order' && span.start <= from + SUPERLATIVE_REACH && !questionAt.has(span.start),
  );
  if (!comma && superlativeNext && !after.some((span) => span.kind === 'question' && span.start <= from + 1))
    return true;
  // "…the date of our agreement, as well as the names of the institutions": the first thing named
  // after "and", a few words on, may be the facet
  const first = after.find((span) => span.start >= from)?.start;
  return after.some(
    (span) =>
      (span.start <= from + 1 || (span.start === first && span.start <= from + FACET_REACH)) &&
      !questionAt.has(span.start) &&
      facetCue(span) !== undefined &&
      !asked.has(facetCue(span)),
  );
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, index) => start + index);
}

function inside_(outer: { start: number; end: number }, span: { start: number; end: number }): boolean {
  return span.start >= outer.start && span.start < outer.end;
}

function inside(outer: { start: number; end: number }, span: { start: number; end: number }): boolean {
  return span.start >= outer.start && span.end <= outer.end;
}

function isName(span: Span): boolean {
  return span.kind === 'partner' || span.kind === 'place' || span.kind === 'reference';
}

function isAskingCue(span: Span): boolean {
  return span.kind === 'cue' && ASKING_CUES.has(span.cue);
}

/**
 * What makes a stretch of words a question of its own: an asking cue, a superlative ("the closest"),
 * or asking where a partner lies ("dov'è esattamente…", "in which countries are they").
 */
function asksSomething(span: Span): boolean {
  return isAskingCue(span) || span.kind === 'order' || span.kind === 'where' || span.kind === 'lieIn';
}

/** The questions a stretch of the message asks: cut where a second question starts inside it. */
function questionsIn(knowledge: Knowledge, kept: Reading, from: number, to: number): Understanding[] {
  const questions: Understanding[] = [];
  let start = from;
  for (const cut of innerCuts(view(knowledge, kept, from, to))) {
    questions.push(view(knowledge, kept, start, cut));
    start = cut;
  }
  questions.push(view(knowledge, kept, start, to));
  return questions;
}

/**
 * Cuts a message into the questions it asks: at sentence ends, and at "and" before a new
 * question word. Statements about the asker are taken out first, so they filter nothing.
 */
export function clausesOf(knowledge: Knowledge, whole: Understanding): Clauses {
  const reading = whole.reading;
  const regions = askerRegions(reading);
  // most messages are one plain question: nothing to cut, nothing to hide
  if (regions.length === 0 && !reading.breaks.some((mark) => mark.strong) && innerCuts(whole).length === 0) {
    return {
      clauses: [whole],
      story: [],
      storyPlaces: [],
      storyCountries: [],
      partnerCountries: [],
      nearCountries: [],
      whole,
    };
  }
  const inRegion = (span: { start: number; end: number }) =>
    regions.some((region) => span.start >= region.start && span.end <= region.end);
  // the asker's school is the question's subject ("my son goes to school no. 12, …"), unless the story names it beside its partner town ("jedziemy z zespołem z CKiS do Sabinova"):
  // then the town is the subject and the school or centre background
  const besidePartner = (span: Span) =>
    regions.some(
      (region) =>
        !region.asker &&
        span.start >= region.start &&
        span.end <= region.end &&
        reading.spans.some(
          (other) => other.kind === 'partner' && other.start >= region.start && other.end <= region.end,
        ),
    );
  const hides = (span: Span) =>
    inRegion(span) && ((span.kind !== 'school' && span.kind !== 'institution') || besidePartner(span));
  const story = spansOf(reading.spans, 'partner')
    .filter(inRegion)
    .map((span) => span.id);
  const abroad = spansOf(reading.spans, 'country').filter((span) => span.code !== knowledge.dataset.home.country);
  const storyCountries = abroad.filter(inRegion).map((span) => span.code);
  const sentencesOfStory = segments(reading, true);
  const partnershipCues = spansOf(reading.spans, 'cue').filter((cue) => cue.cue === 'partnership' && inRegion(cue));
  const partnerCountries = abroad
    .filter(inRegion)
    .filter((span) => {
      // "una città gemella in Slovacchia": next to the word; or anywhere in a sentence not about the asker
      const sentence = sentencesOfStory.find((one) => inside(one, span));
      const near = partnershipCues.some(
        (cue) => Math.abs(cue.start - span.start) <= 3 && sentence !== undefined && inside(sentence, cue),
      );
      const aboutAsker = regions.some((region) => region.asker && inside(region, span));
      return near || (!aboutAsker && partnershipCues.some((cue) => sentence !== undefined && inside(sentence, cue)));
    })
    .map((span) => span.code);
  // a lower-case word the gazetteer knows ("my grandson", "grandson" is a Swiss town) is no place of the story
  const placeSpans = spansOf(reading.spans, 'place').filter((span) => inRegion(span) && !span.weak);
  const storyPlaces = placeSpans.map((span) => span.place);
  const firstPartner = spansOf(reading.spans, 'partner').find(inRegion);
  const placeFirst = placeSpans.some((span) => firstPartner !== undefined && span.start < firstPartner.start);
  // "sono di Verona e … un paese vicino a me è gemellato", "i sta a Grodno … lì vissin ghe xe na città
  // gemela": a partner near the places of the story is in their country
  const nearCountries: string[] = [];
  sentencesOfStory.forEach((sentence, index) => {
    const near =
      partnershipCues.some((cue) => inside(sentence, cue)) &&
      spansOf(reading.spans, 'near').some((word) => inRegion(word) && inside(sentence, word));
    if (!near) return;
    // the places of that sentence or of the one before it
    const from = sentencesOfStory[index - 1]?.start ?? sentence.start;
    for (const span of placeSpans) {
      const there = span.start >= from && span.end <= sentence.end;
      if (there && span.place.country !== knowledge.dataset.home.country) {
        partnerCountries.push(span.place.country);
        nearCountries.push(span.place.country);
      }
    }
  });
  const aboutAsker = (at: number) => regions.some((region) => region.asker && at >= region.start && at < region.end);
  // "…uno di loro sostiene che anche Bussolengo sia gemellata con Siedlce. È vero?": the place next to
  // a word of partnership, in a sentence not about the asker, is what the story claims
  const claimedPlace = placeSpans.find(
    (span) =>
      !aboutAsker(span.start) &&
      partnershipCues.some(
        (cue) =>
          Math.abs(cue.start - span.start) <= CLAIM_REACH &&
          sentencesOfStory.some((sentence) => inside(sentence, span) && inside(sentence, cue)),
      ),
  )?.place;
  // a superlative picks, a chronological order or one by distance only sorts
  // ("pamiętam pierwsze wymiany uczniów", "the first youth exchanges": a superlative of an activity picks no partner)
  const ofActivity = (order: Span) => reading.spans.some((span) => span.kind === 'area' && span.start === order.end);
  const storyOrder = spansOf(reading.spans, 'order').find(
    (span) =>
      inRegion(span) &&
      !aboutAsker(span.start) &&
      span.order !== 'chronological' &&
      span.order !== 'byDistance' &&
      !ofActivity(span),
  )?.order;
  const hidden = new Set<number>();
  for (const region of regions) for (let at = region.start; at < region.end; at++) hidden.add(at);
  for (const span of reading.spans) {
    if (inRegion(span) && !hides(span)) for (let at = span.start; at < span.end; at++) hidden.delete(at);
  }
  const kept: Reading =
    regions.length === 0
      ? reading
      : {
          ...reading,
          tokens: reading.tokens.map((token, at) => (hidden.has(at) ? '' : token)),
          free: reading.free.map((token, at) => (hidden.has(at) ? '' : token)),
          spans: reading.spans.filter((span) => !hides(span)),
        };
  const trimmed = regions.length === 0 ? whole : view(knowledge, kept, 0, kept.tokens.length);
  const clauses: Understanding[] = [];
  const sentences = segments(kept, true);
  let pending: { start: number } | undefined;
  sentences.forEach((segment, index) => {
    const part = view(knowledge, kept, segment.start, segment.end);
    if (part.tokens.every((token) => token === '')) return;
    const last = index === sentences.length - 1;
    const asking = segment.question || spansOf(part.spans, 'question').length > 0 || (last && asks(part, false));
    const previous = clauses[clauses.length - 1];
    // "… Sabiñánigo twinned? The names sound alike with Sabinov": a remark, not a new subject;
    // "… e quello con Kirov?" follows up, and stays
    const remark = !part.followUp && !part.spans.some((span) => span.kind === 'reference');
    const namesAgain = remark && part.partners.length > 0 && (previous?.partners.length || previous?.places.length);
    if (!asking && previous && !pending && namesAgain) return;
    // "… i jakie to są. pomocy bo na jutro": a plea or thanks after the question adds nothing to it
    const courtesyOnly =
      part.spans.some((span) => span.kind === 'cue' && SMALL_TALK.has(span.cue)) &&
      part.spans.every(
        (span) => (span.kind === 'cue' && SMALL_TALK.has(span.cue)) || span.kind === 'reason' || span.kind === 'and',
      );
    if (!asking && previous && !pending && courtesyOnly) return;
    // "…signed between 1998 and 2001? Chronological order please.": an order alone sorts the question before
    const orders = spansOf(part.spans, 'order');
    const orderOnly =
      orders.length > 0 &&
      !segment.question &&
      part.spans.every(
        (span) =>
          span.kind === 'order' ||
          span.kind === 'ordinal' ||
          (span.kind === 'cue' &&
            (SMALL_TALK.has(span.cue) || orders.some((order) => order.start <= span.start && order.end >= span.end))),
      );
    if ((!asking || orderOnly) && previous && !pending) {
      // a clarification after the question ("… na wschodzie? chodzi mi o Białoruś"): part of it
      clauses[clauses.length - 1] = view(knowledge, kept, previous.range.start, segment.end);
      return;
    }
    // a statement before the question ("Uczę w szkole nr 3."), or a clause asking only by its
    // question mark ("… a place near Vilnius?? what do they cooperate on"): read with the next question
    // "Is education part of the agreement?" asks whether the agreement covers the area
    // "Siedlce ha un accordo con una città ucraina?" asks whether there is a partner there
    const whether =
      // ("…has like 10 partner towns but i think its less??": a claim with "it" and no question word asks nothing)
      (part.spans.some(
        (span) => isName(span) && (span.kind !== 'reference' || spansOf(part.spans, 'question').length > 0),
      ) ||
        part.spans.some((span) => span.kind === 'area' || span.kind === 'country' || span.kind === 'ours')) &&
      spansOf(part.spans, 'cue').some((span) => span.cue === 'partnership');
    // ("my teacher says siedlce has like 10 partner towns but i think its less?? how many exactly…":
    // "partner towns" names the topic; it asks for no list before a question that asks)
    const partnerNouns = spansOf(part.spans, 'cue').filter((span) => span.cue === 'partnership');
    const namesTopic = (span: Span) =>
      span.kind === 'cue' &&
      span.cue === 'list_partners' &&
      partnerNouns.some((noun) => noun.start === span.start && noun.end === span.end);
    const onlyMark = !spansOf(part.spans, 'cue').some((span) => isAskingCue(span) && !namesTopic(span)) && !whether;
    // "…una città tedesca gemellata con Siedlce. Quale? E da quando?": "Quale?" asks which one
    const whichOne = onlyMark && segment.question && partnerCountries.length > 0;
    // "…ale nazwa mi umyka. Czy to była gmina Dasing? I kiedy…", "Was it Dasing? And when…": asking
    // whether the town meant is a partner named outright asks who it is
    const isItName =
      onlyMark &&
      segment.question &&
      part.spans.some((span) => span.kind === 'partner') &&
      part.spans.some(
        (span) =>
          span.kind === 'reference' && span.start < (part.spans.find((one) => one.kind === 'partner')?.start ?? 0),
      );
    if ((!asking || (onlyMark && !whichOne && !isItName)) && !last) {
      pending ??= { start: segment.start };
      return;
    }
    const start = pending?.start ?? segment.start;
    pending = undefined;
    clauses.push(...questionsIn(knowledge, kept, start, segment.end));
  });
  // "Proszę o listę … oraz datami podpisania umów. Z poważaniem": a request before the closing asks too
  if (pending) clauses.push(...questionsIn(knowledge, kept, pending.start, kept.tokens.length));
  return {
    clauses: clauses.length > 0 ? clauses : [trimmed],
    story: [...new Set(story)],
    storyPlaces,
    storyCountries: [...new Set(storyCountries)],
    partnerCountries: [...new Set(partnerCountries)],
    nearCountries: [...new Set(nearCountries)],
    storyOrder,
    placeFirst,
    claimedPlace,
    agreement: agreementPartner(
      knowledge,
      // what the asker does ("przygotowuję w bibliotece wystawę…") is not what an agreement does
      plainWords(knowledge, reading, (at) => hidden.has(at) && !aboutAsker(at), true),
      reading.language,
    ),
    whole: trimmed,
  };
}
