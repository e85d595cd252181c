import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runConsole } from '../../src/adapters/console/console.js';
import { questionText } from '../../src/adapters/console/input.js';
import { type Assistant, createAssistant } from '../../src/service/assistant.js';
import type { StateStore } from '../../src/store/state.js';
import { chatInProcess } from '../support/chat.js';
import { realEngine } from '../support/engine.js';
import { memoryState } from '../support/memory-state.js';

const dir = mkdtempSync(join(tmpdir(), 'siedlce-console-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const chat = (input: string, state?: StateStore) =>
  chatInProcess(input, { pictureDir: join(dir, 'pictures'), ...(state ? { state } : {}) });

describe('the terminal chat, piped', () => {
  it('answers every one of twenty piped questions, in order', async () => {
    const partners = ['Kirov', 'Dasing', 'Sabinov', 'Pescantina', 'Berdychiv'];
    const questions = Array.from({ length: 20 }, (_, i) => `When was the agreement with ${partners[i % 5]} signed?`);
    const out = await chat(`${questions.join('\n')}\n`);
    const answers = out.trimEnd().split('\n');
    expect(answers).toHaveLength(20);
    answers.forEach((answer, i) => {
      expect(answer).toContain(`agreement with ${partners[i % 5]}`);
    });
  });

  it('prints neither prompt nor greeting, and no colour, into a pipe', async () => {
    const out = await chat('Kiedy podpisano umowę z Kirowem?\n');
    expect(out).toBe('Umowę o współpracy z Kirowem (Rosja) podpisano 30 czerwca 2008.\n');
  });

  it('never takes escape sequences for a question', async () => {
    // arrow keys pressed in a pipe, a colour code pasted with the text, a lone ESC, a bell
    const out = await chat(
      '\u001b[A\u001b[D\nWhen was the agreement with \u001b[1mDasing\u001b[0m signed?\n\u001b\u0007\n',
    );
    const answers = out.trimEnd().split('\n');
    expect(answers).toHaveLength(1);
    expect(answers[0]).toContain('Dasing');
    expect(questionText('\u001b[A\u001b[B\u001b[C\u001b[D\u001bOA')).toBe('');
  });

  it('answers every question while the state store fails', async () => {
    const store = memoryState();
    const failing: StateStore = {
      ...store,
      getConversation: async () => {
        throw new Error('SQLITE_IOERR: disk I/O error\n    at Statement.run (sqlite.js:1:1)');
      },
      setConversation: async () => {
        throw new Error('SQLITE_READONLY: attempt to write a readonly database');
      },
    };
    const out = await chat(
      'When was the agreement with Kirov signed?\nWhen was the agreement with Dasing signed?\n',
      failing,
    );
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('Kirov');
    expect(lines[1]).toContain('Dasing');
  });

  it('reports a question that failed in one line, in its language, and answers the next one', async () => {
    const assistant = createAssistant({ engine: realEngine(), state: memoryState() });
    let failures = 1;
    const flaky: Assistant = {
      ...assistant,
      engine: assistant.engine,
      ask: async (question) => {
        if (failures-- > 0) throw new Error('SQLITE_IOERR: disk I/O error\n    at Statement.run (sqlite.js:1:1)');
        return assistant.ask(question);
      },
    };
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    let out = '';
    stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    stdin.end('When was the agreement with Kirov signed?\nKiedy podpisano umowę z Dasing?\n');
    await runConsole({ assistant: flaky, input: stdin, output: stdout, pictureDir: dir });
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('I could not answer that (SQLITE_IOERR: disk I/O error). Ask again, or type /quit.');
    expect(lines[1]).toContain('Dasing');
  });

  it('answers a map request with the path of the picture, not the partner list first', async () => {
    const out = await chat('show me a map\n');
    const path = join(dir, 'pictures', 'map-en.png');
    expect(out).toBe(`Map saved to: ${path}\n`);
    expect(readFileSync(path).subarray(1, 4).toString()).toBe('PNG');
  });

  it('keeps no history file when the input is not a terminal', async () => {
    const assistant = createAssistant({ engine: realEngine(), state: memoryState() });
    const stdin = new PassThrough();
    stdin.end('hello\n');
    const historyPath = join(dir, 'history-piped');
    await runConsole({ assistant, input: stdin, output: new PassThrough(), pictureDir: dir, historyPath });
    expect(existsSync(historyPath)).toBe(false);
  });

  it('ends quietly when the reader of its answers goes away (npm start | head -1)', async () => {
    let written = 0;
    const closedPipe = new Writable({
      write(_chunk, _encoding, callback) {
        written++;
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const stdin = new PassThrough();
    stdin.end('When was the agreement with Kirov signed?\n'.repeat(500));
    const assistant = createAssistant({ engine: realEngine(), state: memoryState() });
    await expect(runConsole({ assistant, input: stdin, output: closedPipe, pictureDir: dir })).resolves.toBeUndefined();
    expect(written).toBe(1);
  });

  it('on a stop (SIGTERM) answers every line already read, reads no more, and ends', async () => {
    const assistant = createAssistant({ engine: realEngine(), state: memoryState() });
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stop = new AbortController();
    let out = '';
    stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      stop.abort(); // at the first answer, while the rest wait
    });
    stdin.write('When was the agreement with Kirov signed?\n'.repeat(30));
    const done = runConsole({ assistant, input: stdin, output: stdout, pictureDir: dir, signal: stop.signal });
    await done;
    stdin.write('When was the agreement with Dasing signed?\n'); // after the stop: not read
    expect(out.trimEnd().split('\n')).toEqual(Array(30).fill(expect.stringContaining('Kirov')));
  });
});
