import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAction, encodeAsk, encodeLanguage, encodeLocation } from '../../src/adapters/telegram/callback-data.js';
import { escapeHtml, splitMessage, visibleLength } from '../../src/adapters/telegram/html.js';
import { renderCard, renderReply } from '../../src/adapters/telegram/render.js';
import type { Card, Reply } from '../../src/engine/index.js';
import { realEngine } from '../support/engine.js';
import { htmlProblems, visibleText } from './support.js';

const engine = realEngine();
const squash = (text: string) => text.replace(/\s+/g, '');

describe('HTML escaping and splitting', () => {
  it('escapes every character HTML parse mode gives a meaning to', () => {
    expect(escapeHtml('<b>&</b> "x" <script>')).toBe('&lt;b&gt;&amp;&lt;/b&gt; &quot;x&quot; &lt;script&gt;');
    expect(visibleLength('<b>a&amp;b</b>')).toBe(3);
  });

  it('keeps a short message whole', () => {
    expect(splitMessage('<b>Hi</b> there')).toEqual(['<b>Hi</b> there']);
  });

  it('splits long text into balanced pieces of at most 4096 visible characters, losing nothing', () => {
    const paragraph = (n: number) => `<b>${n}</b> ${escapeHtml('Siedlce & <partners> '.repeat(40))}`;
    const html = Array.from({ length: 30 }, (_, n) => paragraph(n)).join('\n\n');
    const pieces = splitMessage(html);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(visibleLength(piece)).toBeLessThanOrEqual(4096);
      expect(htmlProblems(piece)).toEqual([]);
    }
    expect(squash(pieces.map(visibleText).join(''))).toBe(squash(visibleText(html)));
    // Cut between paragraphs, not inside one.
    for (const piece of pieces) expect(piece).toMatch(/^<b>\d+<\/b>/);
  });

  it('cuts one huge line at spaces, closing and reopening its tags', () => {
    const html = `<i>${escapeHtml('word & '.repeat(2000))}</i>`;
    const pieces = splitMessage(html);
    expect(pieces.length).toBe(4);
    for (const piece of pieces) {
      expect(visibleLength(piece)).toBeLessThanOrEqual(4096);
      expect(htmlProblems(piece)).toEqual([]);
      expect(piece.startsWith('<i>') && piece.endsWith('</i>')).toBe(true);
    }
    expect(squash(pieces.map(visibleText).join(''))).toBe(squash(visibleText(html)));
  });

  it('never breaks an entity, a tag or an emoji, whatever the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 8, max: 60 }), (text, limit) => {
        const html = `<b>${escapeHtml(text)}</b>\n${escapeHtml(text)}`;
        const pieces = splitMessage(html, limit);
        for (const piece of pieces) {
          expect(visibleLength(piece)).toBeLessThanOrEqual(limit);
          expect(htmlProblems(piece)).toEqual([]);
          expect(piece).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
        }
        expect(squash(pieces.map(visibleText).join(''))).toBe(squash(visibleText(html)));
      }),
      { numRuns: 1000, examples: [['aaaaaaaaaa bbb', 10]] },
    );
  });
});

describe('rendering replies', () => {
  it('escapes data in a card: a hostile dataset cannot inject markup', () => {
    const card = engine.card('kirov', 'en') as Card;
    const hostile: Card = {
      ...card,
      name: '<b>&</b>',
      officialName: '<script>alert(1)</script>',
      areas: ['a & b'],
      purpose: '<a href="x">y</a>',
      institutions: [{ side: 'siedlce', kind: 'school', name: 'School <1>' }],
    };
    const html = renderCard(hostile, engine, 'en');
    expect(htmlProblems(html)).toEqual([]);
    expect(html).toContain('&lt;b&gt;&amp;&lt;/b&gt;');
    expect(visibleText(html)).toContain('<script>alert(1)</script>');
    expect(visibleText(html)).toContain('School <1> (in Siedlce)');
  });

  it('draws a card with flag, name, country, date, areas, purpose and a location button', () => {
    const reply = engine.answer({ text: 'Dasing', locale: 'en' });
    const { messages, keyboard } = renderReply(reply, engine);
    expect(messages).toHaveLength(1);
    const text = visibleText(messages[0] ?? '');
    for (const part of [
      '🇩🇪 Dasing',
      'Country: Germany',
      'Agreement signed: 26 July 1998',
      'Areas of cooperation:',
      'Purpose of the agreement:',
    ]) {
      expect(text).toContain(part);
    }
    const buttons = keyboard?.inline_keyboard.flat() ?? [];
    expect(buttons.at(-1)).toEqual({ text: '📍 On the map', callback_data: 'loc:dasing' });
  });

  it('escapes the reply text of every intent', () => {
    const reply: Reply = {
      language: 'en',
      intent: 'not_a_partner',
      partners: [],
      text: '<script>alert("x")</script> & more',
      confidence: 1,
      conversation: { partners: [] },
      suggestions: [{ label: '<b>', command: { intent: 'list_partners', partners: [] } }],
    };
    const { messages, keyboard } = renderReply(reply, engine);
    expect(messages).toEqual(['&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more']);
    // Button labels are plain text for Telegram: no escaping there.
    expect(keyboard?.inline_keyboard.flat()[0]).toEqual({ text: '<b>', callback_data: 'q:list_partners:' });
  });
});

describe('callback data', () => {
  it('carries ids only and round-trips', () => {
    const command = { intent: 'institutions' as const, partners: ['vilnius-district', 'kirov'] };
    const data = encodeAsk(command);
    expect(data).toBe('q:institutions:vilnius-district,kirov');
    expect(decodeAction(data)).toEqual({ kind: 'ask', command });
    expect(decodeAction(encodeLocation('kirov'))).toEqual({ kind: 'location', partner: 'kirov' });
    expect(decodeAction(encodeLanguage('auto'))).toEqual({ kind: 'language', choice: 'auto' });
  });

  it('refuses data over 64 bytes, names with diacritics and forged intents', () => {
    expect(encodeAsk({ intent: 'partner_info', partners: ['Wołkowysk'] })).toBeUndefined();
    const many = ['vilnius-district', 'pescantina', 'berdychiv', 'vawkavysk', 'sabinov'];
    expect(encodeAsk({ intent: 'list_partners', partners: many })).toBeUndefined();
    expect(decodeAction('q:rm_rf:kirov')).toBeUndefined();
    expect(decodeAction(`q:partner_info:${'a'.repeat(70)}`)).toBeUndefined();
    expect(decodeAction('lang:<b>')).toBeUndefined();
    for (const partner of engine.knowledge.chronological) {
      for (const intent of ['partner_info', 'signing_date', 'cooperation', 'institutions', 'distance'] as const) {
        const data = encodeAsk({ intent, partners: [partner.id] });
        expect(data && Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      }
    }
  });
});

describe('pictures on Telegram', () => {
  it('carries the picture in the button data of a card’s map button, within 64 bytes', () => {
    const data = encodeAsk({ intent: 'partner_info', partners: ['vilnius-district'], picture: 'map' });
    expect(data).toBe('q:partner_info:vilnius-district:map');
    expect(decodeAction(data)).toEqual({
      kind: 'ask',
      command: { intent: 'partner_info', partners: ['vilnius-district'], picture: 'map' },
    });
    expect(decodeAction('q:partner_info:kirov:poster')).toBeUndefined();
  });
});
