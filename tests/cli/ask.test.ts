import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../support/run.js';

const dir = mkdtempSync(join(tmpdir(), 'siedlce-console-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = (...requests: object[]) => `${requests.map((request) => JSON.stringify(request)).join('\n')}\n`;

describe('npm run --silent ask -- --json (the batch interface)', () => {
  it('answers one JSON line per request, nothing else on stdout, sharing context per session', async () => {
    const { code, stdout } = await run(
      'npm',
      ['run', '--silent', 'ask', '--', '--json'],
      lines(
        { text: 'Kiedy podpisano umowę z Dasing?', session: 'a' },
        { text: 'When was the agreement with Kirov signed?', session: 'b' },
        { text: 'A z Kirowem?', session: 'a' },
        { text: 'Kirov', locale: 'it-IT' },
      ),
    );
    expect(code).toBe(0);
    const replies = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(replies).toHaveLength(4);
    for (const reply of replies)
      expect(Object.keys(reply).sort()).toEqual(['intent', 'intents', 'language', 'partners', 'text']);
    expect(replies[0]).toMatchObject({ language: 'pl', intent: 'signing_date', partners: ['dasing'] });
    expect(replies[0].text).toContain('26 lipca 1998');
    expect(replies[1]).toMatchObject({ language: 'en', intent: 'signing_date', partners: ['kirov'] });
    expect(replies[2]).toMatchObject({ language: 'pl', intent: 'signing_date', partners: ['kirov'] });
    expect(replies[2].text).toContain('30 czerwca 2008');
    expect(replies[3]).toMatchObject({ language: 'it', intent: 'partner_info', partners: ['kirov'] });
  });

  it('answers a bad line with an error line and goes on', async () => {
    const { code, stdout } = await run(
      'npm',
      ['run', '--silent', 'ask', '--', '--json'],
      `not json\n${lines({ text: 'hi' })}`,
    );
    expect(code).toBe(0);
    const replies = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(replies[0].error).toMatch(/^not JSON: /);
    expect(replies[1]).toMatchObject({ intent: 'greeting', language: 'en' });
  });

  it('writes exactly one line per input line, blank, broken and too long ones included, echoing ids', async () => {
    const input = [
      JSON.stringify({ id: 1, text: 'Kiedy podpisano umowę z Dasing?', session: 's' }),
      '',
      '   ',
      JSON.stringify({ id: 'b', text: 42 }),
      JSON.stringify({ id: 3 }),
      '[1,2]',
      JSON.stringify({ id: 4, text: 'x'.repeat(70_000) }),
      `${JSON.stringify({ id: 5, text: 'A z Kirowem?', session: 's' })}\r`,
      JSON.stringify({ text: 'no id, no newline at the end' }),
    ];
    const { code, stdout, stderr } = await run('npm', ['run', '--silent', 'ask', '--', '--json'], input.join('\n'));
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const replies = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(replies).toHaveLength(input.length);
    expect(replies[0]).toMatchObject({ id: 1, intent: 'signing_date', partners: ['dasing'] });
    expect(replies[1].error).toMatch(/^empty line/);
    expect(replies[2].error).toMatch(/^empty line/);
    expect(replies[3]).toEqual({ id: 'b', error: 'text: expected a string' });
    expect(replies[4]).toEqual({ id: 3, error: 'text: expected a string' });
    expect(replies[5]).toEqual({ error: '(top level): expected an object' });
    expect(replies[6].error).toMatch(/^line too long: 700\d\d bytes, at most 65536 are read$/);
    expect(replies[7]).toMatchObject({ id: 5, intent: 'signing_date', partners: ['kirov'] });
    expect(replies[8]).not.toHaveProperty('id');
    expect(replies[8]).toHaveProperty('intent');
  });

  it('ends quietly when its reader goes away (| head -1)', async () => {
    const file = join(dir, 'requests.jsonl');
    writeFileSync(file, `${JSON.stringify({ text: 'Kirov' })}\n`.repeat(20_000));
    const { code, stdout, stderr } = await run(
      'sh',
      ['-c', `node_modules/.bin/tsx src/cli/ask.ts --json < ${file} | head -1`],
      '',
    );
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toBe('');
  });

  it('answers one question in plain text', async () => {
    const { code, stdout } = await run('npm', ['run', '--silent', 'ask', '--', 'How far is Kirov from Siedlce?'], '');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Kirov is about 1,8\d\d km from Siedlce/);
  });
});

describe('npm start without a token (the terminal chat)', () => {
  it('answers a piped question and exits 0', async () => {
    const stateDir = mkdtempSync(join(dir, 'state-'));
    const { code, stdout } = await run('npm', ['start'], 'Kiedy podpisano umowę z Kirowem?\n/quit\n', {
      STATE_DIR: stateDir,
    });
    expect(code).toBe(0);
    expect(stdout).toContain('30 czerwca 2008');
  });

  it('knows its slash commands', async () => {
    const stateDir = mkdtempSync(join(dir, 'state-'));
    const { code, stdout } = await run(
      'npx',
      ['tsx', 'src/main.ts'],
      '/partners\n/partner berdyczow\n/lang en\n/partner Rejon Wileński\n/nope\n/help\n',
      {
        STATE_DIR: stateDir,
      },
    );
    expect(code).toBe(0);
    expect(stdout).toContain('Miasta partnerskie Siedlec (według daty podpisania umowy):');
    expect(stdout).toContain('Berdyczów (Ukraina) jest partnerem Siedlec od 14 października 2005');
    expect(stdout).toContain('Reply language: English.');
    expect(stdout).toContain('Vilnius District Municipality (Lithuania)');
    expect(stdout).toContain("I don't know the command /nope.");
    expect(stdout).toContain('/partners — list of partners');
  });

  it('stops start-up with one clear line when the data file is broken', async () => {
    const { code, stdout, stderr } = await run('npx', ['tsx', 'src/main.ts'], '', {
      DATA_FILE: '/nonexistent/partners.json',
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^Cannot start: DATA_FILE="\/nonexistent\/partners.json" does not exist — set DATA_FILE/);
  });

  it('stops start-up with one clear line when a setting is wrong', async () => {
    const { code, stderr } = await run('npx', ['tsx', 'src/main.ts'], '', { RATE_LIMIT_COUNT: 'many' });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'Cannot start: RATE_LIMIT_COUNT="many" must be a whole number of at least 1 — set RATE_LIMIT_COUNT in the environment or .env, or leave it empty for the default',
    );
  });
});
