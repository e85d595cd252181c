import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INTENTS } from '../../src/engine/index.js';
import { realEngine } from '../support/engine.js';

const engine = realEngine();
const LANGUAGES = ['pl', 'it', 'en'];

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000\u0007\u001b[2J',
    '\u202e\u05e9\u05dc\u05d5\u05dd مرحبا',
    '@everyone',
    '<script>alert(1)</script>',
    '**bold** `code`',
  ),
  fc.string({ unit: 'grapheme-ascii', minLength: 100_000, maxLength: 100_000 }),
  fc
    .array(
      fc.constantFrom('Kirov', 'z', 'kiedy', 'and', '🇩🇪', 'Berlin', 'nr', '12', '1998', 'e', 'con', '?', 'Wilno'),
      { maxLength: 40 },
    )
    .map((words) => words.join(' ')),
);

const anyConversation = fc.record({
  language: fc.option(fc.constantFrom(...LANGUAGES), { nil: undefined }),
  intent: fc.option(fc.constantFrom(...INTENTS), { nil: undefined }),
  partners: fc.array(fc.constantFrom('kirov', 'dasing', 'nowhere'), { maxLength: 3 }),
});

describe('any input', () => {
  it('gets a non-empty reply in pl, it or en and never throws', () => {
    fc.assert(
      fc.property(
        anyText,
        anyConversation,
        fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
        (text, conversation, locale) => {
          const reply = engine.answer({ text, conversation, locale });
          expect(LANGUAGES).toContain(reply.language);
          expect(INTENTS).toContain(reply.intent);
          expect(reply.text.trim().length).toBeGreaterThan(0);
          expect(reply.conversation.partners.every((id) => typeof id === 'string')).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never answers with a partner that is not in the dataset', () => {
    const ids = new Set(engine.knowledge.partners.map((partner) => partner.id));
    fc.assert(
      fc.property(anyText, (text) => {
        expect(engine.answer({ text }).partners.every((id) => ids.has(id))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
