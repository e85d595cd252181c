import { engineFromConfig } from '../../bootstrap.js';
import { runMain } from '../../cli/run-main.js';
import { loadConfig } from '../../config.js';
import { loadDotEnv } from '../../ops/env.js';
import { registerCommands } from './registration.js';

/** `npm run register`: sends the slash commands (names and descriptions in pl, it, en-US, en-GB) to Discord. */
runMain(async () => {
  loadDotEnv();
  const config = loadConfig();
  const result = await registerCommands(config, engineFromConfig(config));
  process.stdout.write(`Registered ${result.count} commands (${result.scope}).\n`);
});
