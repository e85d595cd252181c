import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAsk, encodeAsk } from '../../src/adapters/discord/custom-id.js';
import { embedSize, fitEmbeds, LIMITS, split, trim } from '../../src/adapters/discord/limits.js';
import { renderReply } from '../../src/adapters/discord/render.js';
import type { ListItem, Reply } from '../../src/engine/index.js';
import { realEngine } from '../support/engine.js';

const engine = realEngine();

describe('trim and split', () => {
  it('trim keeps at most max characters and never splits a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 2, max: 300 }), (text, max) => {
        const out = trim(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        if (text.length <= max) expect(out).toBe(text);
        expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      }),
    );
  });

  it('split gives non-empty pieces within the limit that keep every word', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('Siedlce', '🇮🇹', 'Pescantina', '\n', ' ', 'x'.repeat(90)), { maxLength: 400 }),
        (parts) => {
          const text = parts.join(' ');
          const pieces = split(text, 200);
          for (const piece of pieces) {
            expect(piece.length).toBeGreaterThan(0);
            expect(piece.length).toBeLessThanOrEqual(200);
          }
          expect(pieces.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
        },
      ),
    );
  });

  it('fitEmbeds holds every embed limit and the 6000 total', () => {
    const big = 'word '.repeat(3000);
    const embeds = Array.from({ length: 12 }, (_, index) => ({
      title: `${index} ${big}`,
      description: big,
      fields: Array.from({ length: 30 }, () => ({ name: big, value: big })),
      footer: { text: big },
    }));
    const fitted = fitEmbeds(embeds);
    expect(fitted.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
    expect(fitted.reduce((sum, embed) => sum + embedSize(embed), 0)).toBeLessThanOrEqual(LIMITS.embedsTotal);
    for (const embed of fitted) {
      expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
      expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
      expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
      for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
  });
});

describe('custom ids', () => {
  it('carry ids only, round trip, and refuse anything forged', () => {
    const command = { intent: 'partner_info' as const, partners: ['kirov'], picture: 'map' as const };
    const id = encodeAsk(command);
    expect(id).toBe('ask:partner_info:kirov:map');
    expect(decodeAsk(id as string)).toEqual(command);
    expect(decodeAsk('ask:signing_date:dasing')).toEqual({ intent: 'signing_date', partners: ['dasing'] });
    expect(decodeAsk('ask:drop_tables:kirov')).toBeUndefined();
    expect(decodeAsk('ask:partner_info:Kirov Oblast')).toBeUndefined();
    expect(decodeAsk('ask:partner_info:kirov:video')).toBeUndefined();
    expect(encodeAsk({ intent: 'partner_info', partners: ['not an id'] })).toBeUndefined();
  });
});

describe('renderReply', () => {
  const base = engine.answer({ text: 'When was the agreement with Kirov signed?' });

  it('a card asked for is an embed with name, flag, date, areas, institutions and purpose', () => {
    const reply = engine.answer({
      text: '',
      command: { intent: 'partner_info', partners: ['pescantina'] },
      locale: 'en',
    });
    const [message] = renderReply(reply, engine);
    const [card] = message?.embeds ?? [];
    expect(message?.content).toBeUndefined();
    expect(card?.title).toBe('🇮🇹 Pescantina');
    const fields = Object.fromEntries((card?.fields ?? []).map((field) => [field.name, field.value]));
    expect(fields['Agreement signed']).toBe('10 November 1993');
    expect(fields['Areas of cooperation']).toContain('culture');
    expect(fields.Institutions).toContain('Gimnazjum');
    expect(card?.description).toContain('Purpose of the agreement');
  });

  it('a reply far past every limit is split and trimmed into valid messages', () => {
    const items: ListItem[] = Array.from({ length: 120 }, (_, index) => ({
      id: `p${index}`,
      name: `Partner ${index} ${'long name '.repeat(20)}`,
      flag: '🇮🇹',
      countryName: 'Italy',
      signed: '1993-11-10',
      signedText: '10 November 1993',
    }));
    const reply: Reply = {
      ...base,
      intent: 'unknown',
      text: `${'A sentence about Siedlce and its partners. '.repeat(240)}`,
      list: { title: 'T'.repeat(400), items },
      suggestions: Array.from({ length: 40 }, (_, index) => ({
        label: `Suggestion ${index} ${'label '.repeat(30)}`,
        command: { intent: 'signing_date' as const, partners: [`p${index}`] },
      })),
    };
    const messages = renderReply(reply, engine);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect((message.content ?? '').length).toBeLessThanOrEqual(LIMITS.content);
      expect(message.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
      expect(message.embeds.reduce((sum, embed) => sum + embedSize(embed), 0)).toBeLessThanOrEqual(LIMITS.embedsTotal);
      expect(message.components.length).toBeLessThanOrEqual(LIMITS.rows);
      for (const row of message.components) {
        expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
        for (const component of row.components) {
          if ('options' in component) {
            expect(component.options.length).toBeLessThanOrEqual(LIMITS.selectOptions);
            for (const option of component.options) expect(option.label.length).toBeLessThanOrEqual(100);
          }
          if ('label' in component) expect((component.label ?? '').length).toBeLessThanOrEqual(LIMITS.buttonLabel);
          if ('custom_id' in component) expect(component.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
        }
      }
    }
    // Every partner of the list is shown, in order, over several messages.
    const shown = messages.flatMap((message) => message.embeds.map((embed) => embed.description ?? '')).join('\n');
    expect(shown.match(/Partner \d+/g)).toEqual(items.map((_, index) => `Partner ${index}`));
    // Every sentence of the text is sent, in order.
    expect(
      messages
        .map((message) => message.content ?? '')
        .join(' ')
        .split('Siedlce').length,
    ).toBe(241);
  });

  it('escapes markdown in the engine text', () => {
    const reply: Reply = { ...base, text: '**bold** _x_ `code`' };
    expect(renderReply(reply, engine)[0]?.content).toBe('\\*\\*bold\\*\\* \\_x\\_ \\`code\\`');
  });
});
