import { describe, expect, it } from 'vitest';
import { NODE, run } from '../support/run.js';

/** Writes "LOADED zod" on stderr when a process loads any of zod's modules. */
const ZOD_TRACE = `data:text/javascript,${encodeURIComponent(`
import { registerHooks } from 'node:module';
let said = false;
registerHooks({
  load(url, context, next) {
    if (!said && /node_modules\\/zod\\//.test(url)) {
      said = true;
      process.stderr.write('LOADED zod\\n');
    }
    return next(url, context);
  },
});`)}`;

// No setting that needs checking (the tests' default HEALTH_HOST is one), so only the files decide.
const ONE_QUESTION = { HEALTH_HOST: '' };

describe('one question through npm run ask', () => {
  it('loads no zod when data/ and locales/ are as last checked', async () => {
    // The first run writes the record when the build has not (the tests build with tsc alone).
    const args = ['--import', ZOD_TRACE, 'dist/cli/ask.js', 'Kiedy podpisano umowę z Dasing?'];
    await run(NODE, args, '', ONE_QUESTION);
    const { code, stdout, stderr } = await run(NODE, args, '', ONE_QUESTION);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('26 lipca 1998');
    expect(stderr).not.toContain('LOADED zod');
  });

  it('checks the settings with zod when one needs checking', async () => {
    const { code, stderr } = await run(NODE, ['--import', ZOD_TRACE, 'dist/cli/ask.js', 'Kirov?'], '', {
      CONFIDENCE_THRESHOLD: '2',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('LOADED zod');
    expect(stderr).toMatch(/^Cannot start: CONFIDENCE_THRESHOLD="2" must be a number from 0 to 1/m);
  });
});
