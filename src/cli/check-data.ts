import { configShortcut, loadConfig } from '../config.js';
import { checkFiles } from '../domain/check-files.js';
import { checkInputsOf, checkKey, writeRecord } from '../domain/checked.js';
import { loadDotEnv } from '../ops/env.js';
import { cannotStartLine } from './run-main.js';

// `node dist/cli/check-data.js`: checks data/ and locales/ as a start does and records the result,
// so that the next one-shot `npm run ask` starts without zod. `npm run build` runs it with
// --build, where a problem is said but does not fail the build: the start says it again.

const duringBuild = process.argv.includes('--build');
try {
  loadDotEnv();
  const config = loadConfig();
  const key = checkKey(checkInputsOf(config));
  const checked = checkFiles(config);
  if (key !== undefined) writeRecord(checked, key, configShortcut());
  if (!duringBuild) process.stdout.write('data and locales are valid\n');
} catch (error) {
  process.stderr.write(`${duringBuild ? 'data not recorded — ' : ''}${cannotStartLine(error)}\n`);
  if (!duringBuild) process.exitCode = 1;
}
