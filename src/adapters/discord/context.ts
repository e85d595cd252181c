import {
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
import { helpMessages } from './help-text.js';
import {
  type DiscordMessage,
  messageOptions,
  type RenderOptions,
  renderReply,
  textMessages,
  withPicture,
} from './render.js';

/** What every handler needs. */
export interface DiscordDeps {
  assistant: Assistant;
  logger: Logger;
  /** Past this time without an answer, an interaction is deferred (Discord allows 3 s). */
  deferAfterMs: number;
  /** Runs tasks of one key one after another, so the questions of one conversation stay in order. */
  serial: Serial;
}

/** Discord answers an interaction not acknowledged within 3 s with "the application did not respond". */
export const DEFAULT_DEFER_AFTER_MS = 2000;

export const userRef = (id: string): UserRef => ({ platform: 'discord', id });

/** Conversation context is kept per channel and user, so follow-ups work in a busy channel. */
export const sessionKey = (channelId: string | null | undefined, userId: string): string =>
  `discord:${channelId ?? 'dm'}:${userId}`;

/**
 * The best locale hint the platform gives: the first of the given locales (the user's client
 * locale, then the server's) in a language the bot speaks. The Assistant puts the user's stored
 * choice and the question's own language before it, and the default after it.
 */
export function localeHint(engine: Engine, ...locales: (string | null | undefined)[]): string | undefined {
  return locales.find((locale) => locale && engine.languageOf(locale)) ?? undefined;
}

export const interactionLocale = (deps: DiscordDeps, interaction: BaseInteraction): string | undefined =>
  localeHint(deps.assistant.engine, interaction.locale, interaction.guildLocale);

/** The language to speak to the user of an interaction in when there is no question to read it from. */
export function languageOf(deps: DiscordDeps, interaction: BaseInteraction): Promise<Language> {
  return deps.assistant.languageFor(userRef(interaction.user.id), interactionLocale(deps, interaction));
}

export interface Asked {
  messages: DiscordMessage[];
  /** Only the asking user should see it (the rate-limit notice). */
  ephemeral: boolean;
}

export interface AskOptions {
  /** Over the rate limit, when the limiter says "stay silent": send nothing (plain messages). */
  silentLimit?: boolean;
  render?: RenderOptions;
}

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
    if (reply.intent === 'help') return { messages: helpMessages(engine, reply), ephemeral: false };
    const messages = renderReply(reply, engine, options.render);
    if (reply.picture) {
      // A map or timeline that cannot be drawn leaves the answer without it, not without an answer.
      const picture = await deps.assistant.picture(reply).catch((error: unknown) => {
        deps.logger.warn({ err: error, picture: reply.picture }, 'discord: could not draw a picture');
        return undefined;
      });
      if (picture) withPicture(messages, picture, engine.say(reply.language, `pictures.${reply.picture.kind}Title`));
    }
    return { messages, ephemeral: false };
  });
}

/** Asks on behalf of an interaction's user, in its channel's session, with its locale hint. */
export function askFor(
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
      locale: interactionLocale(deps, interaction),
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

/**
 * Answers an interaction with what `work` produces: one callback when it is ready in time,
 * otherwise a deferral first (Discord's 3 s) and an edit when it is; messages past the first
 * are follow-ups.
 */
export async function answer(
  deps: DiscordDeps,
  interaction: RepliableInteraction,
  work: () => Promise<Asked>,
): Promise<void> {
  const pending = work();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof TIMEOUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMEOUT), deps.deferAfterMs);
  });
  try {
    // A failure of `work` is handled below, where it is awaited again.
    const first = await Promise.race([pending.catch(() => undefined), late]);
    if (first === TIMEOUT) await interaction.deferReply();
  } finally {
    clearTimeout(timer);
  }
  const { messages, ephemeral } = await pending;
  const [head, ...rest] = messages;
  if (!head) {
    // Nothing to say (should not happen for an interaction): close the "thinking…" state.
    if (interaction.deferred) await interaction.deleteReply();
    return;
  }
  if (interaction.deferred && ephemeral) {
    // The deferral was public: its "thinking…" message goes, the answer is for the user alone.
    await interaction.deleteReply();
    await interaction.followUp(asOptions(head, true));
  } else if (interaction.deferred) {
    const { flags: _flags, ...edit } = asOptions(head, false);
    await interaction.editReply(edit);
  } else {
    await interaction.reply(asOptions(head, ephemeral));
  }
  for (const message of rest) await interaction.followUp(asOptions(message, ephemeral));
}

/**
 * Runs an interaction handler; a failure is logged and answered with a short ephemeral apology,
 * and never reaches the client (the bot keeps running).
 */
export async function guard(deps: DiscordDeps, interaction: BaseInteraction, handler: () => Promise<void>) {
  try {
    await handler();
  } catch (error) {
    deps.logger.error(
      { err: error, interaction: interaction.id, type: interaction.type },
      'discord: interaction handler failed',
    );
    await apologise(deps, interaction).catch((apologyError: unknown) =>
      deps.logger.warn({ err: apologyError }, 'discord: the apology could not be sent'),
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
  const content = apologyText(deps.assistant.engine, interaction.locale, interaction.guildLocale);
  if (interaction.replied) {
    await interaction.followUp({ content, flags: MessageFlags.Ephemeral });
  } else if (interaction.deferred) {
    // The deferral was public: its "thinking…" message goes, the apology is for the user alone.
    await interaction.deleteReply().catch(() => undefined);
    await interaction.followUp({ content, flags: MessageFlags.Ephemeral });
  } else {
    await interaction.reply({ content, flags: MessageFlags.Ephemeral });
  }
}
