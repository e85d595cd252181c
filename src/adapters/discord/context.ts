import {
  ApplicationIntegrationType,
  type AutocompleteInteraction,
  type BaseInteraction,
  type InteractionReplyOptions,
  MessageFlags,
  type RepliableInteraction,
} from 'discord.js';
import type { Language } from '../../domain/schema.js';
import type { Command, Engine } from '../../engine/index.js';
import type { Logger } from '../../logger.js';
import type { Assistant } from '../../service/assistant.js';
import type { UserRef } from '../../store/state.js';
import type { Serial } from '../shared.js';
import { isExpected, loggable, requestFailure } from './errors.js';
import { helpMessages } from './help-text.js';
import type { Locales } from './language.js';
import type { DiscordMetrics } from './metrics.js';
import {
  type DiscordMessage,
  messageOptions,
  type RenderOptions,
  renderReply,
  textMessages,
  withPicture,
} from './render.js';

/** What the /about privacy note says is kept, and for how long. */
export interface Retention {
  conversationMinutes: number;
  localeDays: number;
  unansweredDays: number;
}

/** What every handler needs. */
export interface DiscordDeps {
  assistant: Assistant;
  logger: Logger;
  /** Past this time from an interaction's creation without an answer, it is deferred (Discord allows 3 s). */
  deferAfterMs: number;
  /** Runs tasks of one key one after another, so the questions of one conversation stay in order. */
  serial: Serial;
  locales: Locales;
  metrics: DiscordMetrics;
  /** Registered command ids by base name, for clickable mentions (`</partners:id>`); empty until fetched. */
  commandIds: Map<string, string>;
  /** Pictures drawn in this process (kind and partner): others take longer than 3 s, so they are deferred at once. */
  drawn: Set<string>;
  retention: Retention;
}

/** Counted from the interaction's creation: Discord's 3 s include the gateway's and the queue's delay. */
export const DEFAULT_DEFER_AFTER_MS = 2000;

export const userRef = (id: string): UserRef => ({ platform: 'discord', id });

/** Conversation context is kept per channel and user, so follow-ups work in a busy channel. */
export const sessionKey = (channelId: string | null | undefined, userId: string): string =>
  `discord:${channelId ?? 'dm'}:${userId}`;

/** The first of the given locales in a language the bot speaks. */
export function localeHint(engine: Engine, ...locales: (string | null | undefined)[]): string | undefined {
  return locales.find((locale) => locale && engine.languageOf(locale)) ?? undefined;
}

/** The locale hint of an interaction: the user's Discord locale, the server's setting, a Community's locale. */
export const interactionLocale = (deps: DiscordDeps, interaction: BaseInteraction): Promise<string | undefined> =>
  deps.locales.hint({
    userLocale: interaction.locale,
    userId: interaction.user.id,
    guildId: interaction.guildId,
    guild: interaction.guild,
  });

/** The language to speak to the user of an interaction in when there is no question to read it from. */
export async function languageOf(deps: DiscordDeps, interaction: BaseInteraction): Promise<Language> {
  return deps.assistant.languageFor(userRef(interaction.user.id), await interactionLocale(deps, interaction));
}

/**
 * Used in a server the app is not installed in (a user-installed app): the answer is shown to the
 * user alone, so the bot never posts into a server that did not invite it.
 */
export function outsideItsServers(interaction: BaseInteraction): boolean {
  if (!interaction.guildId) return false;
  return interaction.authorizingIntegrationOwners[ApplicationIntegrationType.GuildInstall] !== interaction.guildId;
}

export interface Asked {
  messages: DiscordMessage[];
  /** Only the asking user should see it (the rate-limit notice, /help). */
  ephemeral: boolean;
}

export interface AskOptions {
  /** Over the rate limit, when the limiter says "stay silent": send nothing (plain messages). */
  silentLimit?: boolean;
  render?: RenderOptions;
  /** Leave the picture out (no Attach Files permission). */
  noPicture?: boolean;
}

export const pictureKey = (command: Command | undefined): string | undefined =>
  command?.picture ? `${command.picture}:${command.partners.join(',')}` : undefined;

/** Asks the Assistant (in the order of the session) and renders the outcome as Discord messages. */
export function ask(
  deps: DiscordDeps,
  question: { userId: string; session: string; text: string; locale: string | undefined; command?: Command },
  options: AskOptions = {},
): Promise<Asked> {
  return deps.serial(question.session, async () => {
    const outcome = await deps.assistant.ask({
      user: userRef(question.userId),
      session: question.session,
      text: question.text,
      locale: question.locale,
      command: question.command,
    });
    const engine = deps.assistant.engine;
    if (outcome.kind === 'limited') {
      const text = outcome.text ?? (options.silentLimit ? undefined : engine.say(outcome.language, 'rateLimited'));
      return { messages: text ? textMessages(text) : [], ephemeral: true };
    }
    const { reply } = outcome;
    // The engine's help names the terminal's commands: on Discord the slash commands are shown.
    if (reply.intent === 'help') return { messages: helpMessages(engine, reply, deps.commandIds), ephemeral: false };
    const messages = renderReply(reply, engine, options.render);
    if (reply.picture && !options.noPicture) {
      // A map or timeline that cannot be drawn leaves the answer without it, not without an answer.
      const picture = await deps.assistant.picture(reply).catch((error: unknown) => {
        deps.logger.warn({ ...loggable(error), picture: reply.picture }, 'discord: could not draw a picture');
        return undefined;
      });
      const key = pictureKey(question.command);
      if (picture && key) deps.drawn.add(key);
      if (picture) withPicture(messages, picture, engine.say(reply.language, `pictures.${reply.picture.kind}Title`));
    }
    return { messages, ephemeral: false };
  });
}

/** Asks on behalf of an interaction's user, in its channel's session, with its locale hint. */
export async function askFor(
  deps: DiscordDeps,
  interaction: BaseInteraction,
  text: string,
  command?: Command,
  options: AskOptions = {},
): Promise<Asked> {
  return ask(
    deps,
    {
      userId: interaction.user.id,
      session: sessionKey(interaction.channelId, interaction.user.id),
      text,
      locale: await interactionLocale(deps, interaction),
      command,
    },
    options,
  );
}

const TIMEOUT = Symbol('timeout');

const asOptions = (message: DiscordMessage, ephemeral: boolean): InteractionReplyOptions => ({
  ...messageOptions(message),
  ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
});

export interface AnswerOptions {
  /** Shown to the user alone whatever the answer (/help, /language, a press on someone else's answer). */
  ephemeral?: boolean;
  /** Known to take longer than 3 s (a picture not drawn yet): deferred at once. */
  slow?: boolean;
  /** A press on the user's own answer: that message is edited in place instead of answered. */
  update?: boolean;
}

/** How long to wait before deferring: the rest of `deferAfterMs` since the interaction was created. */
export function deferDelay(deps: DiscordDeps, interaction: BaseInteraction, slow = false, now = Date.now()): number {
  return slow ? 0 : Math.max(0, interaction.createdTimestamp + deps.deferAfterMs - now);
}

/**
 * Answers an interaction with what `work` produces: one callback when it is ready in time,
 * otherwise a deferral first (within Discord's 3 s of the interaction's creation) and an edit when
 * it is; messages past the first are follow-ups.
 */
export async function answer(
  deps: DiscordDeps,
  interaction: RepliableInteraction,
  work: () => Promise<Asked>,
  options: AnswerOptions = {},
): Promise<void> {
  const pending = work();
  // Awaited below; until then a failure must not count as unhandled.
  pending.catch(() => undefined);
  const private_ = options.ephemeral || outsideItsServers(interaction);
  const update = options.update && interaction.isMessageComponent();
  const first = () => deps.metrics.callback((Date.now() - interaction.createdTimestamp) / 1000, 'reply');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof TIMEOUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMEOUT), deferDelay(deps, interaction, options.slow));
  });
  try {
    // A failure of `work` is handled below, where it is awaited again.
    const result = await Promise.race([pending.catch(() => undefined), late]);
    if (result === TIMEOUT) {
      deps.metrics.callback((Date.now() - interaction.createdTimestamp) / 1000, 'defer');
      if (update && interaction.isMessageComponent()) await interaction.deferUpdate();
      else await interaction.deferReply(private_ ? { flags: MessageFlags.Ephemeral } : {});
    }
  } finally {
    clearTimeout(timer);
  }
  const asked = await pending;
  const ephemeral = private_ || asked.ephemeral;
  const [head, ...rest] = asked.messages;
  if (!head) {
    // Nothing to say (should not happen for an interaction): close the "thinking…" state.
    if (interaction.deferred && !update) await interaction.deleteReply();
    return;
  }
  if (update && interaction.isMessageComponent() && !asked.ephemeral) {
    // Everything of the old message goes: its text, embeds, buttons and picture.
    const edit = { ...messageOptions(head), content: head.content ?? '', attachments: [] };
    if (interaction.deferred) await interaction.editReply(edit);
    else {
      await interaction.update(edit);
      first();
    }
  } else if (interaction.deferred && ephemeral && !interaction.ephemeral) {
    // The deferral was public: its "thinking…" message goes, the answer is for the user alone.
    if (!update) await interaction.deleteReply();
    await interaction.followUp(asOptions(head, true));
  } else if (interaction.deferred) {
    const { flags: _flags, ...edit } = asOptions(head, false);
    await interaction.editReply(edit);
  } else {
    await interaction.reply(asOptions(head, ephemeral));
    first();
  }
  for (const message of rest) await interaction.followUp(asOptions(message, ephemeral));
}

/**
 * Runs an interaction handler; a failure is logged (as code, status, method and route, never a
 * token or a body) and answered with a short ephemeral apology, and never reaches the client. An
 * interaction that expired or was already answered (10062, 40060) is expected: counted, logged at
 * debug, nothing to apologise for.
 */
export async function guard(deps: DiscordDeps, interaction: BaseInteraction, handler: () => Promise<void>) {
  try {
    await handler();
  } catch (error) {
    if (isExpected(error)) {
      const code = requestFailure(error)?.code;
      deps.metrics.failedReply(code === 40060 ? 'already_acknowledged' : 'unknown_interaction');
      deps.logger.debug({ ...loggable(error), interaction: interaction.id }, 'discord: interaction expired');
      return;
    }
    deps.metrics.failedReply('error');
    deps.logger.error(
      { ...loggable(error), interaction: interaction.id, type: interaction.type },
      'discord: interaction handler failed',
    );
    // The callback itself was refused (429, 5xx): a second callback, the apology, would meet the same wall.
    if (requestFailure(error)?.route?.startsWith('/interactions/')) return;
    await apologise(deps, interaction).catch((apologyError: unknown) =>
      deps.logger.warn({ ...loggable(apologyError) }, 'discord: the apology could not be sent'),
    );
  }
}

/** The apology in the interaction's language (not the stored one: the store may be what failed). */
export function apologyText(engine: Engine, ...locales: (string | null | undefined)[]): string {
  const language = engine.languageOf(localeHint(engine, ...locales)) ?? engine.defaultLanguage;
  return engine.say(language, 'apology');
}

async function apologise(deps: DiscordDeps, interaction: BaseInteraction): Promise<void> {
  if (interaction.isAutocomplete()) {
    const autocomplete = interaction as AutocompleteInteraction;
    if (!autocomplete.responded) await autocomplete.respond([]);
    return;
  }
  if (!interaction.isRepliable()) return;
  const content = apologyText(deps.assistant.engine, interaction.locale);
  if (interaction.replied) {
    await interaction.followUp({ content, flags: MessageFlags.Ephemeral });
  } else if (interaction.deferred) {
    // The deferral was public: its "thinking…" message goes, the apology is for the user alone.
    if (!interaction.ephemeral) await interaction.deleteReply().catch(() => undefined);
    await interaction.followUp({ content, flags: MessageFlags.Ephemeral });
  } else {
    await interaction.reply({ content, flags: MessageFlags.Ephemeral });
  }
}
