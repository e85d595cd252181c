import { describe, expect, it } from 'vitest';
import { realEngine } from '../support/engine.js';
import {
  APP_ID,
  BOT_ID,
  type Body,
  type FakeDiscord,
  type Person,
  sendAutocomplete,
  sendCommand,
  sendComponent,
} from './fake-discord.js';
import { type Bot, callbackOf, useBotOnFakeDiscord, visible } from './support.js';

let fake: FakeDiscord;
let bot: Bot;
useBotOnFakeDiscord((started, running) => {
  fake = started;
  bot = running;
});

const EPHEMERAL = 64;
let people = 0;
const someone = (): Person => ({ id: String(810000000000000000n + BigInt(++people)), username: `user${people}` });

/** The interaction callback's message (type 4), checked to be what discord.js sends to Discord. */
async function replyTo(token: string): Promise<Body> {
  const callback = await callbackOf(fake, token);
  expect(callback.authorization).toBeUndefined();
  expect(callback.body.type).toBe(4);
  const data = callback.body.data as Body;
  expect(data.allowed_mentions).toEqual({ parse: [], replied_user: false });
  return data;
}

const LANGUAGES = [
  {
    locale: 'pl',
    date: '10 listopada 1993',
    kirov: '30 czerwca 2008',
    question: 'Kiedy podpisano umowę z Kirowem?',
    listTitle: 'Miasta partnerskie Siedlec',
    japan: 'Japonią',
    commands: ['/partnerzy', '/partner', '/zapytaj', '/kontakty', '/język', '/pomoc'],
    set: 'Język odpowiedzi: polski.',
  },
  {
    locale: 'it',
    date: '10 novembre 1993',
    kirov: '30 giugno 2008',
    question: "Quando è stato firmato l'accordo con Kirov?",
    listTitle: 'Città partner di Siedlce',
    japan: 'Giappone',
    commands: ['/gemellaggi', '/partner', '/chiedi', '/contatti', '/lingua', '/aiuto'],
    set: 'Lingua delle risposte: italiano.',
  },
  {
    locale: 'en-US',
    date: '10 November 1993',
    kirov: '30 June 2008',
    question: 'When was the agreement with Kirov signed?',
    listTitle: 'Partner cities of Siedlce',
    japan: 'Japan',
    commands: ['/partners', '/partner', '/ask', '/about', '/language', '/help'],
    set: 'Reply language: English.',
  },
  {
    locale: 'en-GB',
    date: '10 November 1993',
    kirov: '30 June 2008',
    question: 'When was the agreement with Kirov signed?',
    listTitle: 'Partner cities of Siedlce',
    japan: 'Japan',
    commands: ['/partners', '/partner', '/ask', '/about', '/language', '/help'],
    set: 'Reply language: English.',
  },
] as const;

const DATE_ORDER = ['pescantina', 'vilnius-district', 'dasing', 'vawkavysk', 'sabinov', 'berdychiv', 'kirov'];

describe('login', () => {
  it('fetches /gateway/bot with the token, identifies without privileged intents and is ready', async () => {
    const gateway = fake.requests.find((request) => request.path === '/api/v10/gateway/bot');
    expect(gateway?.authorization).toBe('Bot fake-token');
    expect(fake.identifies).toEqual([[0, 1]]);
    expect(bot.adapter.client.user?.id).toBe(BOT_ID);
    expect(bot.adapter.healthy()).toBe(true);
  });
});

describe.each(LANGUAGES)('slash commands with locale $locale', (language) => {
  const where = () => ({ locale: language.locale, user: someone() });

  it('/partner pescantina: a card embed with the signing date, areas, institutions and purpose', async () => {
    const sent = sendCommand(fake, 'partner', { name: 'pescantina' }, where());
    const data = await replyTo(sent.token);
    expect(data.flags ?? 0).toBe(0);
    const [card] = data.embeds ?? [];
    expect(card?.title).toBe('🇮🇹 Pescantina');
    expect(visible(data)).toContain(language.date);
    expect(card?.fields?.length).toBeGreaterThanOrEqual(5);
    const customIds = (data.components ?? []).flatMap((row) => row.components ?? []).map((c) => c.custom_id);
    expect(customIds).toContain('ask:signing_date:pescantina');
  });

  it('/partners: the list in date order as an embed, with a menu opening each card', async () => {
    const sent = sendCommand(fake, 'partners', {}, where());
    const data = await replyTo(sent.token);
    const [list] = data.embeds ?? [];
    expect(list?.title).toBe(language.listTitle);
    expect(list?.description?.split('\n')).toHaveLength(7);
    expect(list?.description).toContain(language.date);
    const menu = data.components?.[0]?.components?.[0];
    expect(menu?.custom_id).toBe('card');
    expect(menu?.options?.map((option) => option.value)).toEqual(DATE_ORDER);
  });

  it('/ask: the engine answers in the language of the question', async () => {
    const sent = sendCommand(fake, 'ask', { question: language.question }, where());
    const data = await replyTo(sent.token);
    expect(data.content).toContain(language.kirov);
  });

  it('/about: the overview, with Japan', async () => {
    const sent = sendCommand(fake, 'about', {}, where());
    const data = await replyTo(sent.token);
    expect(data.content).toContain(language.japan);
  });

  it('/help: the slash commands under their names in this language, and example buttons', async () => {
    const sent = sendCommand(fake, 'help', {}, where());
    const data = await replyTo(sent.token);
    const text = visible(data);
    for (const command of language.commands) expect(text).toContain(`\`${command}\``);
    expect(text).not.toContain('/lang ');
    const buttons = (data.components ?? []).flatMap((row) => row.components ?? []);
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons.every((button) => button.custom_id?.startsWith('ask:'))).toBe(true);
  });

  it('/language: confirmed only to the user, and remembered for a question in another language', async () => {
    const user = someone();
    const value = language.locale.slice(0, 2);
    const set = sendCommand(fake, 'language', { choice: value }, { locale: 'pl', user });
    const confirmation = await replyTo(set.token);
    expect(confirmation.flags).toBe(EPHEMERAL);
    expect(confirmation.content).toContain(language.set);
    // An English question from someone who chose this language is answered in it.
    const asked = sendCommand(fake, 'ask', { question: 'When was the agreement with Kirov signed?' }, { user });
    expect((await replyTo(asked.token)).content).toContain(language.kirov);
    const auto = sendCommand(fake, 'language', { choice: 'auto' }, { locale: 'en-GB', user });
    expect((await replyTo(auto.token)).content).toContain('automatic');
    const again = sendCommand(fake, 'ask', { question: 'Quando è stato firmato l’accordo con Kirov?' }, { user });
    expect((await replyTo(again.token)).content).toContain('30 giugno 2008');
  });
});

describe('/partners filters', () => {
  it('country: only the partners in it, the title naming the filter in the user language', async () => {
    const sent = sendCommand(fake, 'partners', { country: 'UA' }, { locale: 'pl' });
    const data = await replyTo(sent.token);
    const [list] = data.embeds ?? [];
    expect(list?.title).toBe('Miasta partnerskie Siedlec — kraj: Ukraina');
    expect(data.components?.[0]?.components?.[0]?.options?.map((option) => option.value)).toEqual(['berdychiv']);
    // No button for a partner the filter left out.
    expect(JSON.stringify(data.components)).not.toContain('kirov');
  });

  it('area: every partner cooperating in it, in date order', async () => {
    const sent = sendCommand(fake, 'partners', { area: 'sport' }, { locale: 'en-GB' });
    const data = await replyTo(sent.token);
    expect(data.embeds?.[0]?.title).toBe('Partner cities of Siedlce — area: sport');
    expect(data.components?.[0]?.components?.[0]?.options?.map((option) => option.value)).toEqual([
      'vilnius-district',
      'sabinov',
      'berdychiv',
      'kirov',
    ]);
  });

  it('country and area with no partner: says none matches', async () => {
    const sent = sendCommand(fake, 'partners', { country: 'DE', area: 'sport' }, { locale: 'it' });
    const data = await replyTo(sent.token);
    expect(data.embeds ?? []).toEqual([]);
    expect(data.content).toContain('Germania');
    expect(data.content).toContain('sport');
  });
});

describe('autocomplete of /partner name', () => {
  const choices = async (value: string, locale: string) => {
    const sent = sendAutocomplete(fake, 'partner', 'name', value, { locale });
    const callback = await callbackOf(fake, sent.token);
    expect(callback.body.type).toBe(8);
    const list = callback.body.data?.choices ?? [];
    expect(list.length).toBeLessThanOrEqual(25);
    for (const choice of list) expect(choice.name.length).toBeLessThanOrEqual(100);
    return list;
  };

  it('"berd" finds Berdyczów, labelled in Polish', async () => {
    expect(await choices('berd', 'pl')).toEqual([{ name: '🇺🇦 Berdyczów (Ukraina)', value: 'berdychiv' }]);
  });

  it('"kirow" finds Kirov, labelled in English', async () => {
    expect(await choices('kirow', 'en-GB')).toEqual([{ name: '🇷🇺 Kirov (Russia)', value: 'kirov' }]);
  });

  it('"вілн" (Ukrainian) finds the Vilnius District, labelled in Italian', async () => {
    const [choice] = await choices('вілн', 'it');
    expect(choice?.value).toBe('vilnius-district');
    expect(choice?.name).toContain('Lituania');
  });

  it('"" lists all seven partners', async () => {
    const list = await choices('', 'en-US');
    expect(list.map((choice) => choice.value).sort()).toEqual([...DATE_ORDER].sort());
  });
});

describe('components', () => {
  it('choosing a partner in the list menu opens its card', async () => {
    const sent = sendComponent(fake, 'card', ['kirov'], { locale: 'pl' });
    const data = await replyTo(sent.token);
    expect(data.embeds?.[0]?.title).toBe('🇷🇺 Kirow');
    expect(visible(data)).toContain('30 czerwca 2008');
  });

  it('a suggestion button asks the engine with the command in its custom_id', async () => {
    const sent = sendComponent(fake, 'ask:signing_date:dasing', undefined, { locale: 'en-GB', where: 'dm' });
    const data = await replyTo(sent.token);
    expect(data.content).toContain('26 July 1998');
  });

  it('a forged custom_id is acknowledged without an answer', async () => {
    const sent = sendComponent(fake, 'ask:partner_info:../etc', undefined, { locale: 'en-GB' });
    const callback = await callbackOf(fake, sent.token);
    expect(callback.body.type).toBe(6);
  });
});

describe('in a DM', () => {
  it('/partner works in the bot DM too', async () => {
    const sent = sendCommand(fake, 'partner', { name: 'Wołkowysk' }, { locale: 'pl', where: 'dm' });
    const data = await replyTo(sent.token);
    expect(data.embeds?.[0]?.title).toBe('🇧🇾 Wołkowysk');
  });
});

describe('reply language hints', () => {
  it('a locale the bot does not speak falls back to the server locale (pl)', async () => {
    const sent = sendCommand(fake, 'partner', { name: 'sabinov' }, { locale: 'de' });
    expect(visible(await replyTo(sent.token))).toContain('24 maja 2001');
  });
});

describe('registration definitions', () => {
  it('are localized for pl, it, en-US and en-GB within Discord limits', async () => {
    const { commandDefinitions } = await import('../../src/adapters/discord/index.js');
    const definitions = commandDefinitions(realEngine());
    expect(definitions.map((definition) => definition.name)).toEqual([
      'partners',
      'partner',
      'map',
      'timeline',
      'ask',
      'about',
      'language',
      'help',
    ]);
    const NAME = /^[-_\p{Ll}\p{Lm}\p{Lo}\p{N}]{1,32}$/u;
    for (const definition of definitions) {
      expect(Object.keys(definition.name_localizations ?? {}).sort()).toEqual(['en-GB', 'en-US', 'it', 'pl']);
      for (const name of [definition.name, ...Object.values(definition.name_localizations ?? {})]) {
        expect(name).toMatch(NAME);
      }
      for (const description of [
        definition.description,
        ...Object.values(definition.description_localizations ?? {}),
      ]) {
        expect(description?.length).toBeGreaterThan(0);
        expect(description?.length).toBeLessThanOrEqual(100);
      }
    }
    expect(definitions[0]?.name_localizations?.pl).toBe('partnerzy');
    expect(APP_ID).toBeTruthy();
  });
});
