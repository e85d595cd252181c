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
}

const USER: UserRef = { platform: 'console', id: 'local' };
const SESSION = 'console:local';

/** Plain text for a terminal: the reply's text, then its suggestions as things to type. */
export function renderForConsole(reply: Reply): string {
  const lines = [reply.text];
  const buttons = reply.suggestions?.filter((suggestion) => suggestion.command.intent !== 'partner_info') ?? [];
  if (buttons.length > 0 && reply.intent !== 'unknown' && reply.intent !== 'greeting' && reply.intent !== 'help') {
    lines.push(`→ ${buttons.map((suggestion) => suggestion.label).join(' · ')}`);
  }
  return lines.join('\n');
}

/**
 * The terminal chat: questions in, answers out, a few slash commands. The same assistant as on the
 * chat platforms, so a language chosen with /lang is stored and survives a restart.
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { assistant, output } = options;
  const engine = assistant.engine;
  const write = (text: string) => output.write(`${text}\n`);
  const lines = createInterface({ input: options.input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  const prompt = () => {
    if (options.interactive) output.write('> ');
  };
  const language = () => assistant.languageFor(USER, process.env.LANG);

  const ask = async (text: string, command?: Command) => {
    const outcome = await assistant.ask({ user: USER, session: SESSION, text, command });
    if (outcome.kind === 'reply') write(renderForConsole(outcome.reply));
    else if (outcome.text) write(outcome.text);
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
    '/partner': async (argument) => {
      const [id, ...others] = engine.resolvePartners(argument);
      if (!id) write(engine.say(await language(), 'console.partnerUsage'));
      else if (others.length > 0) await ask(argument);
      else await ask(argument, { intent: 'partner_info', partners: [id] });
      return undefined;
    },
    '/lang': async (argument) => {
      const choice = argument.trim().toLowerCase();
      if (choice === 'auto') {
        const spoken = await assistant.chooseLanguage(USER, 'auto', process.env.LANG);
        write(engine.say(spoken, 'console.languageAuto'));
      } else if (engine.languages.includes(choice as Language)) {
        const spoken = await assistant.chooseLanguage(USER, choice as Language);
        write(engine.say(spoken, 'console.languageSet'));
      } else {
        write(engine.say(await language(), 'console.languageUsage'));
      }
      return undefined;
    },
  };

  if (options.interactive) write(engine.say(await language(), 'console.welcome'));
  prompt();
  for await (const line of lines) {
    const text = line.trim();
    if (text.startsWith('/')) {
      const [name = '', ...rest] = text.split(/\s+/);
      const command = commands[name.toLowerCase()];
      if (!command) {
        write(engine.say(await language(), 'console.unknownCommand', { command: name }));
      } else if (await command(rest.join(' '))) {
        break;
      }
    } else if (text.length > 0) {
      await ask(text);
    }
    prompt();
  }
  lines.close();
  if (options.interactive) write(engine.say(await language(), 'console.bye'));
}
