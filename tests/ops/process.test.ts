import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@keyv/redis';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/state.js';
import { REDIS_TEST_URL } from '../store/redis.js';
import { realEngine } from '../support/engine.js';
import { ROOT, Running, runScript, TSX } from '../support/run.js';

const dir = mkdtempSync(join(tmpdir(), 'main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MAIN = 'src/main.ts';
const CONSOLE_USER = { platform: 'console', id: 'local' } as const;

const engine = realEngine();
const inItalian = (text: string) => engine.answer({ text, language: 'it' }).text;

describe('the real process, terminal chat', () => {
  it('answers in the language chosen with /lang before a restart', async () => {
    const state = mkdtempSync(join(dir, 'restart-'));
    const first = await runScript(MAIN, { STATE_DIR: state }, '/lang it\n');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`${engine.say('it', 'console.languageSet')}\n`);

    const question = 'How many partner cities does Siedlce have?';
    const second = await runScript(MAIN, { STATE_DIR: state }, `${question}\n`);
    expect(second.code).toBe(0);
    expect(second.stdout.split('\n')[0]).toBe(inItalian(question).split('\n')[0]);
    expect(inItalian(question)).not.toBe(engine.answer({ text: question }).text);
  });

  it('stops on SIGTERM mid-conversation with exit 0, every question read answered and its state stored', async () => {
    const state = mkdtempSync(join(dir, 'sigterm-'));
    const chat = new Running(TSX, [MAIN], { STATE_DIR: state, LOG_LEVEL: 'info' });
    chat.write('/lang en\n');
    await chat.until((self) => self.stdout.includes(engine.say('en', 'console.languageSet')));
    // One write the process reads at once: when the first answer shows, all of them have been
    // read, and the signal comes while the rest are still being answered.
    const questions = Array.from({ length: 60 }, (_, index) =>
      index % 2 === 0 ? 'Kiedy podpisano umowę z Dasing?' : 'A z Kirowem?',
    );
    chat.write(`${questions.join('\n')}\n`);
    await chat.until((self) => self.stdout.includes('1998'));
    chat.kill('SIGTERM');
    expect(await chat.exited).toBe(0);
    expect(chat.stderr).toContain('"msg":"stopping"');
    expect(chat.stderr).toContain('"msg":"stopped"');
    const answers = chat.stdout.trimEnd().split('\n').slice(1);
    expect(answers).toHaveLength(questions.length);
    expect(answers.at(-1)).toContain('2008');

    const store = openStore({ stateDir: state });
    try {
      expect(await store.getLanguage(CONSOLE_USER)).toBe('en');
      const conversation = await store.getConversation('console:local');
      expect(conversation?.partners).toEqual(['kirov']);
    } finally {
      await store.close();
    }
  });

  it('answers every piped question: the person at the terminal is not rate-limited', async () => {
    const questions = `${'Kiedy podpisano umowę z Dasing?\n'.repeat(20)}`;
    const { code, stdout } = await runScript(
      MAIN,
      { STATE_DIR: mkdtempSync(join(dir, 'piped-')), RATE_LIMIT_COUNT: '3' },
      questions,
    );
    expect(code).toBe(0);
    expect(stdout.match(/26 lipca 1998/g)).toHaveLength(20);
  });

  it('keeps the old data and logs one line when data/ is broken while running', async () => {
    const dataFile = join(dir, 'data-edit', 'partners.json');
    cpSync(join(ROOT, 'data', 'partners.json'), dataFile);
    const original = readFileSync(dataFile, 'utf8');
    const chat = new Running(TSX, [MAIN], {
      STATE_DIR: join(dir, 'data-edit'),
      DATA_FILE: dataFile,
      LOG_LEVEL: 'info',
    });
    const question = 'When was the agreement with Dasing signed?\n';
    const answers = () => chat.stdout.split('\n').filter((line) => line.includes('Dasing'));
    chat.write(question);
    await chat.until(() => answers().length === 1);

    writeFileSync(dataFile, original.replace('"partners":', '"partnerz":'));
    await chat.until((self) => self.stderr.includes('rejected'));
    chat.write(question);
    await chat.until(() => answers().length === 2);
    writeFileSync(dataFile, original.replace('"signed": "1998-07-26"', '"signed": "1999-07-26"'));
    await chat.until((self) => self.stderr.includes('"msg":"data reloaded"'));
    chat.end(question);
    expect(await chat.exited).toBe(0);

    const [before, during, after] = answers();
    expect(before).toContain('1998');
    expect(during).toBe(before);
    expect(after).toContain('1999');
    const rejected = chat.stderr.split('\n').filter((line) => line.includes('rejected'));
    expect(rejected).toHaveLength(1);
    expect(JSON.parse(rejected[0] ?? '{}')).toMatchObject({
      level: 50,
      msg: 'data change rejected, still using the previous data',
    });
    expect(rejected[0]).toContain('partners');
  });

  it('serves /healthz and /metrics on HEALTH_PORT', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const chat = new Running(TSX, [MAIN], {
      STATE_DIR: join(dir, 'health'),
      HEALTH_PORT: String(port),
      LOG_LEVEL: 'info',
    });
    chat.write('When was the agreement with Dasing signed?\nIs Paris a partner?\n');
    await chat.until((self) => self.stdout.split('\n').length >= 3 && self.stderr.includes('health and metrics'));
    try {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({
        ok: true,
        phase: 'ready',
        store: { status: 'ready' },
        adapters: { console: { status: 'ready' } },
      });
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toContain('bot_answers_total{intent="signing_date",language="en",platform="console"} 1');
      expect(metrics).toContain('bot_answers_total{intent="not_a_partner",language="en",platform="console"} 1');
      expect(metrics).toContain('bot_unanswered_total{language="en",platform="console"} 1');
      expect(metrics).toContain('bot_answer_duration_seconds_count{platform="console"} 2');
      expect(metrics).toContain('process_resident_memory_bytes');
    } finally {
      chat.kill('SIGINT');
    }
    expect(await chat.exited).toBe(0);
  });
});

describe.skipIf(!REDIS_TEST_URL)('two real processes sharing Redis', () => {
  it('see each other’s language choice and conversation', async () => {
    const url = new URL(REDIS_TEST_URL ?? 'redis://127.0.0.1:6390');
    url.pathname = '/7';
    const redis = createClient({ url: url.toString() });
    await redis.connect();
    await redis.flushDb();
    await redis.quit();
    const env = { REDIS_URL: url.toString(), STATE_DIR: join(dir, 'unused') };

    const first = new Running(TSX, [MAIN], env);
    const second = new Running(TSX, [MAIN], env);
    first.write('/lang it\nWhen was the agreement with Dasing signed?\n');
    await first.until((self) => self.stdout.includes('Dasing'));
    // The second process continues the first one's conversation, in the language chosen there.
    second.end('And with Kirov?\n');
    first.end();
    expect(await second.exited).toBe(0);
    expect(await first.exited).toBe(0);
    const followUp = engine.answer({
      text: 'And with Kirov?',
      language: 'it',
      conversation: { intent: 'signing_date', partners: ['dasing'], language: 'it' },
    });
    expect(followUp.intent).toBe('signing_date');
    expect(second.stdout.split('\n')[0]).toBe(followUp.text);
  });
});
