import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REQUIRED_NODE_MAJOR } from '../../src/cli/node-version.js';
import { alive, descendants, ROOT, Running, run } from '../support/run.js';

const dir = mkdtempSync(join(tmpdir(), 'siedlce-chat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm start, the terminal chat as a process', () => {
  it('answers twenty piped questions, all twenty, with the default rate limit in place', async () => {
    const partners = ['Kirov', 'Dasing', 'Sabinov', 'Pescantina', 'Berdychiv'];
    const questions = Array.from({ length: 20 }, (_, i) => `When was the agreement with ${partners[i % 5]} signed?`);
    const { code, stdout, stderr } = await run('npm', ['start', '--silent'], `${questions.join('\n')}\n`, {
      STATE_DIR: mkdtempSync(join(dir, 'state-')),
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const answers = stdout.trimEnd().split('\n');
    expect(answers).toHaveLength(20);
    answers.forEach((answer, i) => {
      expect(answer).toContain(`agreement with ${partners[i % 5]}`);
    });
  });

  it('leaves no process behind when npm start gets SIGTERM', async () => {
    const chat = new Running('npm', ['start', '--silent'], { STATE_DIR: mkdtempSync(join(dir, 'state-')) });
    chat.write('Kiedy podpisano umowę z Kirowem?\n');
    await chat.until((self) => self.stdout.includes('30 czerwca 2008'));
    const npm = chat.pid ?? 0;
    const below = descendants(npm);
    expect(below.length).toBeGreaterThan(0); // the bot itself
    chat.kill('SIGTERM');
    const code = await chat.exited;
    // the exit of npm is not enough: every process it started must be gone too
    const deadline = Date.now() + 5000;
    while (below.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(below.filter(alive)).toEqual([]);
    expect(code).toBe(0);
  });
});

/** A Node older than the one required, when the machine has one (these machines have Node 20 as /usr/bin/node). */
const OLD_NODE = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => {
  const version = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout ?? '';
  return /^v\d+/.test(version) && Number(version.slice(1).split('.')[0]) < REQUIRED_NODE_MAJOR;
});

describe('the Node version', () => {
  it('is the same in engines, .nvmrc and the start-up check', () => {
    const engines = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node;
    expect(engines).toBe(`>=${REQUIRED_NODE_MAJOR}`);
    expect(readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim()).toBe(String(REQUIRED_NODE_MAJOR));
  });

  it.skipIf(!OLD_NODE)('stops npm start on an older Node with one line naming the version to install', async () => {
    const { code, stdout, stderr } = await run('npm', ['start', '--silent'], '', {
      PATH: `${dirname(OLD_NODE ?? '')}:${process.env.PATH}`,
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Cannot start: this bot needs Node\.js \d+ or newer, and this is Node\.js \d+\.\d+\.\d+; install/,
    );
    expect(lines[0]).toContain(`Node.js ${REQUIRED_NODE_MAJOR} or newer`);
  });
});
