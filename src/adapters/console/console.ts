import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Language } from '../../domain/schema.js';
import type { Command } from '../../engine/index.js';
import type { Assistant } from '../../service/assistant.js';
import type { UserRef } from '../../store/state.js';
import { HISTORY_SIZE, historyFile } from './history.js';
import { questionText } from './input.js';
import { highlighter } from './style.js';

export interface ConsoleOptions {
  /**
   * Give it an assistant without a rate limiter: the person at the terminal (or the script
   * piping questions in) is the local user, not a remote abuser, and every line gets its answer.
   */
  assistant: Assistant;
  /** process.stdin: a terminal gets line editing, history and a prompt; a pipe is read line by line. */
  input: Readable & { isTTY?: boolean };
  output: Writable & { isTTY?: boolean };
  /** Where maps and timelines are written as PNG files (their path is printed). */
  pictureDir: string;
  /** The terminal's line history (e.g. STATE_DIR/console-history); none is kept without it. */
  historyPath?: string | undefined;
  /** Ends the chat like end of input (SIGTERM): the question being answered is finished first. */
  signal?: AbortSignal | undefined;
  /** Read the input as a terminal; by default when both input and output are terminals. */
  terminal?: boolean | undefined;
}

const USER: UserRef = { platform: 'console', id: 'local' };
const SESSION = 'console:local';
const PROMPT = '> ';

/** The first line of an error, for a one-line report in the chat. */
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

/**
 * The terminal chat: questions in, answers out, a few slash commands. The same assistant as on the
 * chat platforms, so a language chosen with /lang is stored and survives a restart.
 * In a terminal: readline with line editing and history; Ctrl-C clears the line, or quits on an
 * empty one; Ctrl-D quits. Piped: every line is answered in order, without prompt or greeting.
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { assistant, output } = options;
  const terminal = options.terminal ?? Boolean(options.input.isTTY && output.isTTY);
  const interactive = terminal || Boolean(options.input.isTTY);
  const history = terminal && options.historyPath ? historyFile(options.historyPath) : undefined;
  // The welcome comes first: readline starts reading keys as soon as it exists, and a key pressed
  // early (↑) would otherwise redraw the prompt before the welcome is written.
  if (interactive) {
    const spoken = await assistant.languageFor(USER, process.env.LANG).catch(() => assistant.engine.defaultLanguage);
    output.write(`${assistant.engine.say(spoken, 'console.welcome')}\n`);
  }
  const lines: Interface = createInterface({
    input: options.input,
    output: terminal ? output : undefined,
    terminal,
    crlfDelay: Number.POSITIVE_INFINITY,
    history: history?.load() ?? [],
    historySize: history ? HISTORY_SIZE : 0,
    removeHistoryDuplicates: true,
    prompt: PROMPT,
  });
  const highlight = highlighter(output);
  // Whoever reads the answers may stop (`npm start | head -1`): the chat ends quietly, as `yes`
  // does; any other failure to write ends it with that error.
  let outputGone = false;
  let outputError: Error | undefined;
  const write = (text: string) => {
    if (!outputGone) output.write(`${text}\n`);
  };

  // The language of the last answer, else the stored choice or the terminal's locale.
  let lastLanguage: Language | undefined;
  const language = async () => {
    try {
      return lastLanguage ?? (await assistant.languageFor(USER, process.env.LANG));
    } catch {
      return assistant.engine.languageOf(process.env.LANG) ?? assistant.engine.defaultLanguage;
    }
  };

  // The cursor stands after the prompt while the chat waits for a line: a goodbye printed then
  // would land on the input line, so it starts a new one first.
  let atPrompt = false;
  // Quitting (Ctrl-C, /quit, a reader gone) ends the chat now; a stop (SIGTERM) only stops reading:
  // the lines already read are still answered, then the chat ends as at the end of its input.
  let quitting = false;
  let reading = true;
  const prompt = () => {
    if (!terminal || !reading) return;
    atPrompt = true;
    lines.prompt();
  };
  const stopReading = () => {
    if (!reading) return;
    reading = false;
    if (atPrompt && !outputGone) output.write('\n');
    atPrompt = false;
    lines.close();
  };
  const quit = () => {
    quitting = true;
    stopReading();
  };
  lines.on('SIGINT', () => {
    if (lines.line.length > 0) {
      // clear what was typed, as a shell does, and stay
      lines.write(null, { ctrl: true, name: 'e' });
      lines.write(null, { ctrl: true, name: 'u' });
    } else {
      quit();
    }
  });
  options.signal?.addEventListener('abort', stopReading, { once: true });
  output.on('error', (error: NodeJS.ErrnoException) => {
    outputGone = true;
    if (error.code !== 'EPIPE') outputError = error;
    quit();
  });
  // History is a convenience: a folder that cannot be written loses it, never the chat.
  lines.on('history', (entries: string[]) => history?.save(entries));

  const ask = async (text: string, command?: Command) => {
    let outcome: Awaited<ReturnType<Assistant['ask']>>;
    try {
      outcome = await assistant.ask({ user: USER, session: SESSION, text, command });
    } catch (error) {
      // The state store (or anything else) failed for this question: say so, in the language of
      // the question (the engine reads it without any state), and keep chatting.
      const spoken = command ? await language() : assistant.engine.answer({ text }).language;
      write(assistant.engine.say(spoken, 'console.failed', { reason: reason(error) }));
      return;
    }
    if (outcome.kind === 'limited') {
      if (outcome.text) write(outcome.text);
      return;
    }
    const { reply } = outcome;
    lastLanguage = reply.language;
    if (reply.picture) {
      try {
        const picture = await assistant.picture(reply);
        if (picture) {
          await mkdir(options.pictureDir, { recursive: true });
          const path = resolve(options.pictureDir, picture.filename);
          await writeFile(path, picture.png);
          // the path is the answer; the list the picture shows is in the picture
          write(assistant.engine.say(reply.language, `console.${reply.picture.kind}Saved`, { path }));
          return;
        }
      } catch (error) {
        write(assistant.engine.say(reply.language, 'console.failed', { reason: reason(error) }));
      }
    }
    write(highlight(reply, reply.text));
  };

  const commands: Record<string, (argument: string) => Promise<boolean | undefined>> = {
    '/quit': async () => true,
    '/exit': async () => true,
    '/help': async (argument) => {
      await ask(argument || 'help', { intent: 'help', partners: [] });
      return undefined;
    },
    '/partners': async () => {
      await ask('/partners', { intent: 'list_partners', partners: [] });
      return undefined;
    },
    '/map': async (argument) => {
      const [id] = argument ? assistant.engine.resolvePartners(argument) : [];
      await ask('/map', { intent: id ? 'partner_info' : 'list_partners', partners: id ? [id] : [], picture: 'map' });
      return undefined;
    },
    '/timeline': async () => {
      await ask('/timeline', { intent: 'list_partners', partners: [], picture: 'timeline' });
      return undefined;
    },
    '/partner': async (argument) => {
      const [id, ...others] = assistant.engine.resolvePartners(argument);
      if (!id) write(assistant.engine.say(await language(), 'console.partnerUsage'));
      else if (others.length > 0) await ask(argument);
      else await ask(argument, { intent: 'partner_info', partners: [id] });
      return undefined;
    },
    '/lang': async (argument) => {
      const choice = argument.trim().toLowerCase();
      try {
        if (choice === 'auto') {
          const spoken = await assistant.chooseLanguage(USER, 'auto', process.env.LANG);
          lastLanguage = undefined;
          write(assistant.engine.say(spoken, 'console.languageAuto'));
        } else if (assistant.engine.languages.includes(choice as Language)) {
          const spoken = await assistant.chooseLanguage(USER, choice as Language);
          lastLanguage = spoken;
          write(assistant.engine.say(spoken, 'console.languageSet'));
        } else {
          write(assistant.engine.say(await language(), 'console.languageUsage'));
        }
      } catch (error) {
        write(assistant.engine.say(await language(), 'console.failed', { reason: reason(error) }));
      }
      return undefined;
    },
  };

  prompt();
  for await (const line of lines) {
    atPrompt = false;
    const text = questionText(line);
    if (text.startsWith('/')) {
      const [name = '', ...rest] = text.split(/\s+/);
      const command = commands[name.toLowerCase()];
      if (!command) {
        write(assistant.engine.say(await language(), 'console.unknownCommand', { command: name }));
      } else if (await command(rest.join(' '))) {
        break;
      }
    } else if (text.length > 0) {
      await ask(text);
    }
    if (quitting) break;
    prompt();
  }
  if (atPrompt) output.write('\n'); // Ctrl-D at the prompt
  // over: a stop that comes now (the process ending after the chat) has nothing left to end
  atPrompt = false;
  reading = false;
  lines.close();
  if (outputError) throw outputError;
  if (interactive) write(assistant.engine.say(await language(), 'console.bye'));
}
