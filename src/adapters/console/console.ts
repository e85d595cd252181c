import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Language } from '../../domain/schema.js';
import type { Command, Reply } from '../../engine/index.js';
import type { Assistant } from '../../service/assistant.js';
import type { UserRef } from '../../store/state.js';

export interface ConsoleOptions {
  assistant: Assistant;
  input: Readable;
  output: Writable;
  /** Show a prompt and the welcome line: true for a person at a terminal, false for piped input. */
  interactive: boolean;
  /** Where maps and timelines are written as PNG files (their path is printed). */
  pictureDir: string;
}

const USER: UserRef = { platform: 'console', id: 'local' };
const SESSION = 'console:local';

/**
 * The terminal chat: questions in, answers out, a few slash commands. The same assistant as on the
 * chat platforms, so a language chosen with /lang is stored and survives a restart.
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { assistant, output } = options;
  const write = (text: string) => output.write(`${text}\n`);
  const lines = createInterface({ input: options.input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  const prompt = () => {
    if (options.interactive) output.write('> ');
  };
  // The language of the last answer, else the stored choice or the terminal's locale.
  let lastLanguage: Language | undefined;
  const language = async () => lastLanguage ?? (await assistant.languageFor(USER, process.env.LANG));

  const ask = async (text: string, command?: Command) => {
    const outcome = await assistant.ask({ user: USER, session: SESSION, text, command });
    if (outcome.kind === 'limited') {
      if (outcome.text) write(outcome.text);
      return;
    }
    lastLanguage = outcome.reply.language;
    write(outcome.reply.text);
    const picture = await assistant.picture(outcome.reply);
    if (picture && outcome.reply.picture) {
      await mkdir(options.pictureDir, { recursive: true });
      const path = resolve(options.pictureDir, picture.filename);
      await writeFile(path, picture.png);
      write(assistant.engine.say(outcome.reply.language, `console.${outcome.reply.picture.kind}Saved`, { path }));
    }
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
      return undefined;
    },
  };

  if (options.interactive) write(assistant.engine.say(await language(), 'console.welcome'));
  prompt();
  for await (const line of lines) {
    const text = line.trim();
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
    prompt();
  }
  lines.close();
  if (options.interactive) write(assistant.engine.say(await language(), 'console.bye'));
}
