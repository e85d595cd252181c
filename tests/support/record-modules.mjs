// Preloaded through NODE_OPTIONS="--import …" by tests/cli/modules.test.ts: when a process exits,
// writes the script it ran and every module it loaded (resolved URLs, one a line) to a file of its
// own in the folder RECORD_MODULES names. npm itself is a Node process and gets a file too.
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { join } from 'node:path';

const loaded = new Set();
registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    loaded.add(resolved.url);
    return resolved;
  },
});
process.on('exit', () => {
  const record = { script: process.argv[1] ?? '', modules: [...loaded] };
  writeFileSync(join(process.env.RECORD_MODULES ?? '.', `${process.pid}.json`), JSON.stringify(record));
});
