import type { APIApplicationCommandOption, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { SLASH_COMMANDS, type SlashCommand } from '../../src/adapters/discord/commands/index.js';
import type { DiscordDeps } from '../../src/adapters/discord/context.js';
import type { Engine } from '../../src/engine/index.js';
import { realEngine } from '../support/engine.js';

class Stop extends Error {}

/** Options a handler reads, found by running it on an interaction that records them and stops at anything else. */
async function optionsRead(command: SlashCommand, engine: Engine): Promise<{ subcommand?: string; names: string[] }> {
  const read: { subcommand?: string; names: string[] } = { names: [] };
  const options = {
    getString: (name: string, required?: boolean) => {
      read.names.push(name);
      return required ? 'kirov' : null;
    },
    getSubcommand: () => {
      const [first] = (command.definition(engine).options ?? []).filter((option) => option.type === 1);
      read.subcommand = first?.name ?? '?';
      return read.subcommand;
    },
    getFocused: () => '',
  };
  const stop = (): never => {
    throw new Stop();
  };
  const interaction = new Proxy({}, { get: (_target, key) => (key === 'options' ? options : stop()) });
  const deps = new Proxy({}, { get: (_target, key) => (key === 'assistant' ? { engine } : stop()) });
  await command.execute(interaction as never, deps as DiscordDeps).catch((error: unknown) => {
    if (!(error instanceof Stop)) throw error;
  });
  return read;
}

const optionNames = (options: readonly APIApplicationCommandOption[] | undefined) =>
  (options ?? []).map((option) => option.name);

/** The engine, with every command and option name in locales/ renamed (as a translator might). */
function renamedEngine(engine: Engine): Engine {
  return new Proxy(engine, {
    get(target, key, receiver) {
      if (key !== 'say') return Reflect.get(target, key, receiver);
      return (language: string, path: string, values?: Record<string, unknown>) =>
        /^discord\.commands\..*\.name$/.test(path) ? `renamed-${language}` : target.say(language, path, values);
    },
  });
}

describe.each([
  ['locales/ as they are', realEngine()],
  ['every name renamed in locales/', renamedEngine(realEngine())],
])('with %s', (_what, engine) => {
  it.each(SLASH_COMMANDS.map((command) => [command.name, command] as const))(
    '/%s reads only options its registered definition has',
    async (_name, command) => {
      const definition = command.definition(engine) as RESTPostAPIChatInputApplicationCommandsJSONBody;
      const read = await optionsRead(command, engine);
      const sub = read.subcommand ? definition.options?.find((option) => option.name === read.subcommand) : undefined;
      if (read.subcommand) expect(sub, `subcommand ${read.subcommand}`).toBeDefined();
      const available = optionNames(sub && 'options' in sub ? sub.options : definition.options);
      for (const name of read.names) expect(available, `/${command.name} reads "${name}"`).toContain(name);
      // Every option the definition offers is read by the handler (none is dead).
      expect([...read.names].sort()).toEqual([...available].sort());
    },
  );

  it('base names do not follow locales/: only the localizations do', () => {
    for (const command of SLASH_COMMANDS) {
      const definition = command.definition(engine);
      expect(definition.name).toBe(command.name);
    }
  });
});
