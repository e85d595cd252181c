import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { slashCommandsByName } from '../../src/adapters/discord/commands/index.js';
import { HELP_ORDER } from '../../src/adapters/discord/help-text.js';
import { commandDefinitions } from '../../src/adapters/discord/index.js';
import { realEngine } from '../support/engine.js';
import {
  ALICE,
  BOT_ID,
  type Body,
  type FakeDiscord,
  type Person,
  PRIVILEGED_INTENTS,
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
    privacy: 'Co przechowuję i jak długo',
    helpLine: 'Miasta partnerskie Siedlec w kolejności podpisania umów',
    set: 'Język odpowiedzi: polski.',
  },
  {
    locale: 'it',
    date: '10 novembre 1993',
    kirov: '30 giugno 2008',
    question: "Quando è stato firmato l'accordo con Kirov?",
    listTitle: 'Città partner di Siedlce',
    japan: 'Giappone',
    privacy: 'Cosa conservo, e per quanto',
    helpLine: 'Le città partner di Siedlce',
    set: 'Lingua delle risposte: italiano.',
  },
  {
    locale: 'en-US',
    date: '10 November 1993',
    kirov: '30 June 2008',
    question: 'When was the agreement with Kirov signed?',
    listTitle: 'Partner cities of Siedlce',
    japan: 'Japan',
    privacy: 'What I store, and for how long',
    helpLine: 'The partner cities of Siedlce, in the order the agreements were signed',
    set: 'Reply language: English.',
  },
  {
    locale: 'en-GB',
    date: '10 November 1993',
    kirov: '30 June 2008',
    question: 'When was the agreement with Kirov signed?',
    listTitle: 'Partner cities of Siedlce',
    japan: 'Japan',
    privacy: 'What I store, and for how long',
    helpLine: 'The partner cities of Siedlce, in the order the agreements were signed',
    set: 'Reply language: English.',
  },
] as const;

const DATE_ORDER = ['pescantina', 'vilnius-district', 'dasing', 'vawkavysk', 'sabinov', 'berdychiv', 'kirov'];

describe('login', () => {
  it('fetches /gateway/bot with the token, identifies without privileged intents and is ready', async () => {
    const gateway = fake.requests.find((request) => request.path === '/api/v10/gateway/bot');
    expect(gateway?.authorization).toBe('Bot fake-token');
    expect(fake.identifies.map((identify) => identify.shard)).toEqual([[0, 1]]);
    // Guilds, GuildMessages and DirectMessages: nothing privileged, so no Developer Portal switch.
    expect(fake.identifiedIntents).toEqual([(1 << 0) | (1 << 9) | (1 << 12)]);
    expect(fake.identifiedIntents.every((intents) => (intents & PRIVILEGED_INTENTS) === 0)).toBe(true);
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

  it('/countries: the overview, with Japan', async () => {
    const sent = sendCommand(fake, 'countries', {}, where());
    const data = await replyTo(sent.token);
    expect(data.content).toContain(language.japan);
  });

  it('/about: the bot and what it stores for how long, for the user alone', async () => {
    const sent = sendCommand(fake, 'about', {}, where());
    const data = await replyTo(sent.token);
    expect(data.flags).toBe(EPHEMERAL);
    const text = visible(data);
    expect(text).toContain(language.privacy);
    expect(text).toMatch(/\b90\b/);
    expect(text).toMatch(/\b30\b/);
  });

  it('/help: for the user alone, the slash commands as clickable mentions, and example buttons', async () => {
    const sent = sendCommand(fake, 'help', {}, where());
    const data = await replyTo(sent.token);
    expect(data.flags).toBe(EPHEMERAL);
    const text = visible(data);
    for (const name of HELP_ORDER) {
      const id = fake.commands.find((command) => command.name === name)?.id;
      expect(id, name).toBeDefined();
      expect(text).toContain(`</${name}:${String(id)}>`);
    }
    expect(text).toContain(language.helpLine);
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

/** The callback of a press on one's own answer: the message changes in place (type 7). */
async function updateOf(token: string): Promise<Body> {
  const callback = await callbackOf(fake, token);
  expect(callback.body.type).toBe(7);
  return callback.body.data as Body;
}

describe('components', () => {
  const buttonsOf = (data: Body) => (data.components ?? []).flatMap((row) => row.components ?? []);

  it('the asker choosing a partner in the list menu turns the list into its card, with a way back', async () => {
    const sent = sendComponent(fake, 'card', ['kirov'], { locale: 'pl', asker: ALICE });
    const data = await updateOf(sent.token);
    expect(data.embeds?.[0]?.title).toBe('🇷🇺 Kirow');
    expect(visible(data)).toContain('30 czerwca 2008');
    const back = buttonsOf(data).find((button) => button.label === 'Wróć do listy');
    expect(back?.custom_id).toBe('ask:list_partners:');
    // ...and the way back turns the card into the list again, in place.
    const again = sendComponent(fake, back?.custom_id ?? '', undefined, { locale: 'pl', asker: ALICE });
    const list = await updateOf(again.token);
    expect(list.embeds?.[0]?.title).toBe('Miasta partnerskie Siedlec');
    expect(list.content ?? '').toBe('');
  });

  it('someone else choosing in the menu gets the card for themselves, and the asker’s answer stays', async () => {
    const sent = sendComponent(fake, 'card', ['kirov'], { locale: 'pl', asker: ALICE, user: someone() });
    const data = await replyTo(sent.token);
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.embeds?.[0]?.title).toBe('🇷🇺 Kirow');
    expect(buttonsOf(data).some((button) => button.label === 'Wróć do listy')).toBe(false);
  });

  it('a suggestion button asks the engine with the command in its custom_id', async () => {
    const sent = sendComponent(fake, 'ask:signing_date:dasing', undefined, { locale: 'en-GB', where: 'dm' });
    const data = await updateOf(sent.token);
    expect(data.content).toContain('26 July 1998');
  });

  it.each([
    ['a forged custom_id', 'ask:partner_info:../etc', undefined],
    ['a partner no longer in the data', 'ask:partner_info:atlantis', undefined],
    ['a control of an older version', 'open-card:kirov', undefined],
    ['a menu choice no longer in the data', 'card', ['atlantis']],
  ])('%s says, to the user alone, that it is stale', async (_what, customId, values) => {
    const sent = sendComponent(fake, customId, values, { locale: 'en-GB' });
    const data = await replyTo(sent.token);
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.content).toContain('no longer works');
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
  it('a locale the bot does not speak falls back to DEFAULT_LANGUAGE (pl), not to a non-Community server’s en-US', async () => {
    const sent = sendCommand(fake, 'partner', { name: 'sabinov' }, { locale: 'de', user: someone() });
    expect(visible(await replyTo(sent.token))).toContain('24 maja 2001');
  });
});

describe('registration definitions', () => {
  const definitions = () => commandDefinitions(realEngine());
  const slash = () =>
    definitions().filter(
      (definition): definition is RESTPostAPIChatInputApplicationCommandsJSONBody => definition.type === 1,
    );

  it('have constant base names, localized for pl, it, en-US and en-GB within Discord limits', () => {
    expect(definitions().map((definition) => definition.name)).toEqual([
      'partners',
      'partner',
      'map',
      'timeline',
      'ask',
      'countries',
      'about',
      'language',
      'settings',
      'help',
      'Ask the Siedlce bot',
    ]);
    const NAME = /^[-_\p{Ll}\p{Lm}\p{Lo}\p{N}]{1,32}$/u;
    for (const definition of slash()) {
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
    expect(slash()[0]?.name_localizations?.pl).toBe('partnerzy');
  });

  it('work in servers, the bot’s DMs and other DMs, installed to a server or a user; /settings only in servers, for Manage Server', () => {
    for (const definition of definitions()) {
      if (definition.name === 'settings') {
        expect(definition.contexts).toEqual([0]);
        expect(definition.integration_types).toEqual([0]);
        expect(definition.default_member_permissions).toBe(String(1 << 5));
        continue;
      }
      expect(definition.contexts, definition.name).toEqual([0, 1, 2]);
      expect(definition.integration_types, definition.name).toEqual([0, 1]);
    }
  });

  it('autocomplete exactly the options whose handlers answer autocomplete', () => {
    const autocompleted = slash().flatMap((definition) =>
      (definition.options ?? [])
        .filter((option) => 'autocomplete' in option && option.autocomplete)
        .map((option) => `${definition.name}.${option.name}`),
    );
    expect(autocompleted).toEqual(['partner.name', 'map.partner']);
    for (const name of ['partner', 'map']) expect(slashCommandsByName.get(name)?.autocomplete).toBeDefined();
  });

  it('the message context menu carries its name in every locale', () => {
    const menu = definitions().find((definition) => definition.type === 3);
    expect(menu?.name_localizations?.pl).toBe('Zapytaj bota Siedlec');
    expect(menu?.name_localizations?.it).toBe('Chiedi al bot di Siedlce');
  });
});
