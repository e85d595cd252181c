import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_LANGUAGE } from '../../src/adapters/discord/language.js';
import { createAssistant } from '../../src/service/assistant.js';
import { realEngine } from '../support/engine.js';
import { memoryState } from '../support/memory-state.js';
import {
  DM_CHANNEL_ID,
  FakeDiscord,
  GUILD_CHANNEL_ID,
  GUILD_ID,
  PERMISSIONS,
  type Person,
  sendCommand,
  sendMessage,
  sendSubcommand,
} from './fake-discord.js';
import { type Bot, callbackOf, channelMessage, startBot, visible } from './support.js';

const EPHEMERAL = 64;
let people = 0;
/** Someone who never used a command: nothing remembered about them. */
const stranger = (): Person => ({ id: String(850000000000000000n + BigInt(++people)), username: `stranger${people}` });

/** A short question whose words tell no language: "Kirow?" (the engine answers the card of Kirov). */
const KIROV = 'Kirow?';
const SIGNED = { pl: '30 czerwca 2008', it: '30 giugno 2008', en: '30 June 2008' } as const;

async function mentionAnswer(fake: FakeDiscord, text: string, user: Person, where: 'guild' | 'dm' = 'guild') {
  const from = fake.requests.length;
  sendMessage(fake, text, { user, where });
  return visible((await channelMessage(fake, where === 'guild' ? GUILD_CHANNEL_ID : DM_CHANNEL_ID, from)).body);
}

describe('a server that is not a Community (Discord says en-US for every one of them)', () => {
  let fake: FakeDiscord;
  let bot: Bot;
  const state = memoryState();
  beforeAll(async () => {
    fake = await new FakeDiscord({ guildLocale: 'en-US', guildFeatures: [] }).start();
    bot = await startBot(fake, { assistant: createAssistant({ engine: realEngine(), state }), preferences: state });
  });
  afterAll(async () => {
    await bot.stop();
    await fake.stop();
  });

  it('a short mention is answered in DEFAULT_LANGUAGE (Polish), not in the en-US Discord reports', async () => {
    expect(await mentionAnswer(fake, `<@900000000000000001> ${KIROV}`, stranger())).toContain(SIGNED.pl);
  });

  it('a user’s Discord locale, seen in a command, is remembered for their later mentions and DMs', async () => {
    const user = stranger();
    const sent = sendCommand(fake, 'partner', { name: 'dasing' }, { user, locale: 'it' });
    await callbackOf(fake, sent.token);
    expect(await mentionAnswer(fake, `<@900000000000000001> ${KIROV}`, user)).toContain(SIGNED.it);
    expect(await mentionAnswer(fake, KIROV, user, 'dm')).toContain(SIGNED.it);
  });

  it('the question’s own language comes first', async () => {
    const user = stranger();
    await callbackOf(fake, sendCommand(fake, 'partner', { name: 'dasing' }, { user, locale: 'it' }).token);
    const text = await mentionAnswer(fake, '<@900000000000000001> When was the agreement with Kirov signed?', user);
    expect(text).toContain(SIGNED.en);
  });

  it('/settings language: a Manage Server member sets the server’s language, stored, used for strangers’ mentions', async () => {
    const manager = stranger();
    const set = sendSubcommand(
      fake,
      'settings',
      'language',
      { choice: 'en' },
      { user: manager, locale: 'pl', memberPermissions: PERMISSIONS.ManageGuild },
    );
    const confirmation = (await callbackOf(fake, set.token)).body.data;
    expect(confirmation?.flags).toBe(EPHEMERAL);
    expect(confirmation?.content).toContain('Język tego serwera: English');
    expect(await state.getPreference(SERVER_LANGUAGE, GUILD_ID)).toBe('en');
    expect(await mentionAnswer(fake, `<@900000000000000001> ${KIROV}`, stranger())).toContain(SIGNED.en);
    // A user's own locale still comes before the server's setting.
    const italian = stranger();
    await callbackOf(fake, sendCommand(fake, 'partner', { name: 'dasing' }, { user: italian, locale: 'it' }).token);
    expect(await mentionAnswer(fake, `<@900000000000000001> ${KIROV}`, italian)).toContain(SIGNED.it);

    const auto = sendSubcommand(
      fake,
      'settings',
      'language',
      { choice: 'auto' },
      { user: manager, locale: 'pl', memberPermissions: PERMISSIONS.ManageGuild },
    );
    expect((await callbackOf(fake, auto.token)).body.data?.content).toContain('nie ma teraz ustawionego języka');
    expect(await state.getPreference(SERVER_LANGUAGE, GUILD_ID)).toBeUndefined();
  });

  it('/settings language from a member without Manage Server changes nothing', async () => {
    const set = sendSubcommand(fake, 'settings', 'language', { choice: 'it' }, { user: stranger(), locale: 'en-GB' });
    const answer = (await callbackOf(fake, set.token)).body.data;
    expect(answer?.flags).toBe(EPHEMERAL);
    expect(await state.getPreference(SERVER_LANGUAGE, GUILD_ID)).toBeUndefined();
  });

  it('/settings in a DM says it belongs to a server', async () => {
    const set = sendSubcommand(
      fake,
      'settings',
      'language',
      { choice: 'it' },
      { where: 'dm', locale: 'en-GB', user: stranger() },
    );
    expect((await callbackOf(fake, set.token)).body.data?.content).toContain('belongs to a server');
  });
});

describe('a Community server', () => {
  let fake: FakeDiscord;
  let bot: Bot;
  beforeAll(async () => {
    fake = await new FakeDiscord({ guildLocale: 'it', guildFeatures: ['COMMUNITY', 'NEWS'] }).start();
    bot = await startBot(fake);
  });
  afterAll(async () => {
    await bot.stop();
    await fake.stop();
  });

  it('its locale is used for a stranger’s short mention', async () => {
    expect(await mentionAnswer(fake, `<@900000000000000001> ${KIROV}`, stranger())).toContain(SIGNED.it);
  });

  it('but not for a DM, which is no server’s', async () => {
    expect(await mentionAnswer(fake, KIROV, stranger(), 'dm')).toContain(SIGNED.pl);
  });
});
