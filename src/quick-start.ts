import { engineFromChecked } from './assemble.js';
import type { Config, ConfigShortcut } from './config.js';
import {
  checkInputsOf,
  checkKey,
  DEFAULT_RECORD_FILE,
  readRecord,
  recordedCheck,
  writeRecord,
} from './domain/checked.js';
import type { Engine } from './engine/engine.js';
import { settingsOf } from './settings.js';

// The start of the one-shot `npm run ask`, which answers one question and ends: zod and the schemas
// (about half its time) are loaded only when the files differ from the record of their last check
// (src/domain/checked.ts) or a setting needs checking. The bots start through src/bootstrap.ts and
// check everything, as does every reload of the files.

/** What loadConfig gives when every setting given is one taken as written; undefined when one needs checking. */
export function configFromShortcut(env: NodeJS.ProcessEnv, shortcut: ConfigShortcut): Config | undefined {
  const settings = settingsOf(env, shortcut.names);
  if (!Object.keys(settings).every((name) => shortcut.freeText.includes(name))) return undefined;
  return { ...shortcut.defaults, ...settings };
}

/** The engine, built as engineFromConfig(loadConfig(env)) builds it, with the same one-line errors. */
export async function quickEngine(
  env: NodeJS.ProcessEnv = process.env,
  recordFile = DEFAULT_RECORD_FILE,
): Promise<Engine> {
  const record = readRecord(recordFile);
  const config = (record && configFromShortcut(env, record.config)) ?? (await import('./config.js')).loadConfig(env);
  const key = checkKey(checkInputsOf(config));
  const recorded = recordedCheck(record, key);
  if (recorded) return engineFromChecked(recorded, config);
  const [{ checkFiles }, { configShortcut }] = await Promise.all([
    import('./domain/check-files.js'),
    import('./config.js'),
  ]);
  const checked = checkFiles(config);
  if (key !== undefined) writeRecord(checked, key, configShortcut(), recordFile);
  return engineFromChecked(checked, config);
}
