import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Telegram } from 'telegraf';
import type { Language } from '../../domain/schema.js';
import type { Engine } from '../../engine/index.js';
import type { Logger } from '../../logger.js';
import { COMMANDS, GROUP_COMMANDS } from './commands.js';
import { callSignal, classify, pause } from './failures.js';

/** One Bot API call of the bot's profile. */
export interface ProfileCall {
  method: 'setMyCommands' | 'setMyDescription' | 'setMyShortDescription';
  payload: Record<string, unknown>;
}

const DESCRIPTION_LIMIT = 512;
const SHORT_DESCRIPTION_LIMIT = 120;

/**
 * The bot's profile in every language of locales/: the private-chat command menu, the smaller
 * group menu (scope all_group_chats), the description ("What can this bot do?") and the short
 * description. The lists without a language code are the fallback: English, else the default.
 */
export function profileCalls(engine: Engine): ProfileCall[] {
  const fallback: Language = engine.languages.includes('en') ? 'en' : engine.defaultLanguage;
  const targets = [
    { language: fallback, code: undefined },
    ...engine.languages.filter((language) => language !== fallback).map((language) => ({ language, code: language })),
  ];
  return targets.flatMap(({ language, code }): ProfileCall[] => {
    const languageCode = code ? { language_code: code } : {};
    const menu = (names: readonly string[]) =>
      names.map((command) => ({
        command,
        description: engine.say(language, `telegram.commands.${command}`).slice(0, 256),
      }));
    return [
      { method: 'setMyCommands', payload: { commands: menu(COMMANDS), scope: { type: 'default' }, ...languageCode } },
      {
        method: 'setMyCommands',
        payload: { commands: menu(GROUP_COMMANDS), scope: { type: 'all_group_chats' }, ...languageCode },
      },
      {
        method: 'setMyDescription',
        payload: {
          description: engine.say(language, 'telegram.description').slice(0, DESCRIPTION_LIMIT),
          ...languageCode,
        },
      },
      {
        method: 'setMyShortDescription',
        payload: {
          short_description: engine.say(language, 'telegram.shortDescription').slice(0, SHORT_DESCRIPTION_LIMIT),
          ...languageCode,
        },
      },
    ];
  });
}

export const profileHash = (calls: ProfileCall[]) => createHash('sha256').update(JSON.stringify(calls)).digest('hex');

/** Where the hash of the profile last registered is kept, so a restart does not register it again. */
export interface ProfileMemory {
  get(): string | undefined;
  set(hash: string): void;
}

export function memoryProfile(): ProfileMemory {
  let hash: string | undefined;
  return { get: () => hash, set: (next) => (hash = next) };
}

/** The hash in a file (in STATE_DIR); an unreadable file means "never registered". */
export function fileProfile(file: string, logger: Logger): ProfileMemory {
  let hash: string | undefined;
  try {
    hash = readFileSync(file, 'utf8').trim() || undefined;
  } catch {
    hash = undefined;
  }
  return {
    get: () => hash,
    set(next) {
      hash = next;
      try {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, `${next}\n`);
      } catch (error) {
        logger.warn({ err: error }, 'telegram: could not remember the registered profile');
      }
    },
  };
}

export interface ProfileOptions {
  telegram: Telegram;
  engine: () => Engine;
  memory: ProfileMemory;
  logger: Logger;
  token: string;
  /** How often to look for a reloaded engine (locales/ edited while running). */
  checkEveryMs?: number;
}

export interface ProfileRegistrar {
  /** Registers the profile if it changed since last time; resolves when done (or given up until the next check). */
  sync(): Promise<'unchanged' | 'registered' | 'failed'>;
  stop(): void;
}

/**
 * Keeps the profile registered in the background: at start and whenever the engine is reloaded,
 * only when the profile's hash differs from the one last registered. A 429 is waited out; any
 * other failure is logged and tried again at the next check — the bot works without a profile.
 */
export function startProfile(options: ProfileOptions): ProfileRegistrar {
  const controller = new AbortController();
  let running: Promise<'unchanged' | 'registered' | 'failed'> | undefined;
  let lastEngine: Engine | undefined;

  const register = async (): Promise<'unchanged' | 'registered' | 'failed'> => {
    const engine = options.engine();
    lastEngine = engine;
    const calls = profileCalls(engine);
    const hash = profileHash(calls);
    if (options.memory.get() === hash) return 'unchanged';
    for (const call of calls) {
      for (;;) {
        if (controller.signal.aborted) return 'failed';
        try {
          await options.telegram.callApi(call.method, call.payload as never, { signal: callSignal(controller.signal) });
          break;
        } catch (error) {
          const failure = classify(call.method, error, options.token);
          if (failure.kind === 'flood') {
            await pause(failure.retryAfterSeconds * 1000, controller.signal);
            continue;
          }
          options.logger.warn(
            {
              detail: failure.kind === 'fatal' ? failure.line : failure.detail,
              languageCode: call.payload.language_code ?? 'default',
            },
            'telegram: could not register the profile (commands, descriptions); will try again',
          );
          return 'failed';
        }
      }
    }
    options.memory.set(hash);
    options.logger.info({ calls: calls.length }, 'telegram: profile registered');
    return 'registered';
  };

  const sync = () => {
    running ??= register().finally(() => {
      running = undefined;
    });
    return running;
  };
  let failedLast = false;
  const timer = setInterval(() => {
    if (running) return;
    if (options.engine() === lastEngine && !failedLast) return;
    void sync().then((result) => {
      failedLast = result === 'failed';
    });
  }, options.checkEveryMs ?? 30_000);
  timer.unref();
  void sync().then((result) => {
    failedLast = result === 'failed';
  });
  return {
    sync,
    stop() {
      clearInterval(timer);
      controller.abort();
    },
  };
}
