import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CLEAN } from '../support/run.js';
import { HAS_TMUX, Terminal } from '../support/tmux.js';

const dir = mkdtempSync(join(tmpdir(), 'siedlce-terminal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WELCOME = 'Czat o miastach partnerskich Siedlec';
const QUESTION = 'Kiedy podpisano umowę z Kirowem?';
const ANSWER = 'Umowę o współpracy z Kirowem (Rosja) podpisano 30 czerwca 2008.';
const BYE = 'Do widzenia!';
const ESC = '\u001b';

let terminal: Terminal | undefined;
afterEach(() => terminal?.close());

/** `npm start` in a real terminal, as a person runs it. */
function start(stateDir: string, env: NodeJS.ProcessEnv = {}): Terminal {
  const { NO_COLOR: _, FORCE_COLOR: __, ...inherited } = CLEAN;
  terminal = new Terminal('npm start --silent', { ...inherited, STATE_DIR: stateDir, TERM: 'xterm-256color', ...env });
  return terminal;
}

const count = (screen: string, text: string) => screen.split(text).length - 1;

describe.skipIf(!HAS_TMUX)('npm start in a terminal (tmux)', () => {
  it('edits the line, recalls history, ignores arrow keys on an empty line, and quits on Ctrl-C', async () => {
    const state = mkdtempSync(join(dir, 'state-'));
    const chat = start(state);
    await chat.until((screen) => screen.includes(WELCOME) && chat.lastLine() === '>');

    // a typo fixed with the arrow keys before Enter
    chat.type('Kiedy podpisano umowę z Kirwem?');
    chat.press('Left', 'Left', 'Left', 'Left');
    chat.type('o');
    await chat.until(() => chat.lastLine() === `> ${QUESTION}`);
    chat.press('Enter');
    await chat.until((screen) => screen.includes(ANSWER) && chat.lastLine() === '>');

    // arrow keys on an empty line are not a question: no answer, no switch to another language
    chat.press('Left', 'Right', 'Down', 'Down', 'Enter');
    await chat.until((screen) => count(screen, '\n>') >= 2 && chat.lastLine() === '>');
    const before = chat.screen();
    expect(count(before, ANSWER)).toBe(1);
    expect(before).not.toMatch(/Città|città|\^\[|\[A|\[D/);

    // Up recalls the question; Enter asks it again
    chat.press('Up');
    await chat.until(() => chat.lastLine() === `> ${QUESTION}`);
    chat.press('Enter');
    await chat.until((screen) => count(screen, ANSWER) === 2 && chat.lastLine() === '>');

    // Ctrl-C on a typed line clears it and stays
    chat.type('half a question');
    await chat.until(() => chat.lastLine() === '> half a question');
    chat.press('C-c');
    await chat.until(() => chat.lastLine() === '>');
    expect(chat.screen()).not.toContain(BYE);

    // Ctrl-C on an empty line quits, with the goodbye on a line of its own
    chat.press('C-c');
    const end = await chat.until((screen) => screen.includes('[exit 0]'));
    expect(end.split('\n').slice(-3)).toEqual(['>', BYE, '[exit 0]']);
    expect(readFileSync(join(state, 'console-history'), 'utf8')).toBe(`${QUESTION}\n`);
  });

  it('keeps the history across restarts and quits on Ctrl-D', async () => {
    const state = mkdtempSync(join(dir, 'state-'));
    const first = start(state);
    await first.until(() => first.lastLine() === '>');
    first.type('/lang en');
    first.press('Enter');
    await first.until((screen) => screen.includes('Reply language: English.') && first.lastLine() === '>');
    first.press('C-d');
    await first.until((screen) => screen.includes('[exit 0]'));
    first.close();

    const second = start(state);
    await second.until(() => second.lastLine() === '>');
    second.press('Up');
    await second.until(() => second.lastLine() === '> /lang en');
    second.press('C-u', 'C-d');
    const end = await second.until((screen) => screen.includes('[exit 0]'));
    expect(end.split('\n').slice(-3)).toEqual(['>', 'Goodbye!', '[exit 0]']);
  });

  it('colours partner names and dates in a terminal, and not with NO_COLOR', async () => {
    const coloured = start(mkdtempSync(join(dir, 'state-')));
    await coloured.until(() => coloured.lastLine() === '>');
    coloured.type(QUESTION);
    coloured.press('Enter');
    await coloured.until((screen) => screen.includes(ANSWER));
    const painted =
      coloured
        .screen(true)
        .split('\n')
        .find((line) => line.includes('2008')) ?? '';
    expect(painted).toMatch(new RegExp(`${ESC}\\[[\\d;]*m+Kirowem`));
    expect(painted).toMatch(new RegExp(`${ESC}\\[[\\d;]*m+30 czerwca 2008`));
    coloured.close();

    const plain = start(mkdtempSync(join(dir, 'state-')), { NO_COLOR: '1' });
    await plain.until(() => plain.lastLine() === '>');
    plain.type(QUESTION);
    plain.press('Enter');
    await plain.until((screen) => screen.includes(ANSWER));
    const line =
      plain
        .screen(true)
        .split('\n')
        .find((text) => text.includes('2008')) ?? '';
    expect(line).toBe(ANSWER);
  });

  it('writes no history file when nothing was typed', async () => {
    const state = mkdtempSync(join(dir, 'state-'));
    const chat = start(state);
    await chat.until(() => chat.lastLine() === '>');
    chat.press('C-d');
    await chat.until((screen) => screen.includes('[exit 0]'));
    expect(existsSync(join(state, 'console-history'))).toBe(false);
  });
});
