import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { answerBatch, batchAnswerer } from '../../src/cli/batch.js';
import { realEngine } from '../support/engine.js';

const answerOf = (json: string) => batchAnswerer(realEngine())({ text: json });

describe('the batch answerer (in process)', () => {
  it('names the field of every request the schema refuses, whatever the shape', () => {
    expect(answerOf('{"id":null,"text":"Kirov"}')).toEqual({ error: 'id: Invalid input' });
    expect(answerOf('{"id":1e999,"text":"Kirov"}')).toEqual({ error: 'id: Invalid input' });
    expect(answerOf('{"id":7,"text":"Kirov","session":1e999}')).toEqual({ id: 7, error: 'session: Invalid input' });
    expect(answerOf('{"text":"Kirov","session":true}')).toEqual({ error: 'session: Invalid input' });
    expect(answerOf('{"id":"a","text":"Kirov","locale":5}')).toEqual({ id: 'a', error: 'locale: expected a string' });
    expect(answerOf('{"id":{},"text":["Kirov"]}')).toEqual({ error: 'id: Invalid input (and 1 more)' });
    expect(answerOf('"Kirov"')).toEqual({ error: '(top level): expected an object' });
    expect(answerOf('null')).toEqual({ error: '(top level): expected an object' });
  });

  it('answers a valid request, extra fields ignored, the id echoed as given', () => {
    expect(answerOf('{"id":-1.5,"text":"Kiedy podpisano umowę z Kirowem?","extra":[1]}')).toMatchObject({
      id: -1.5,
      intent: 'signing_date',
      partners: ['kirov'],
    });
  });

  it('gives every question of a message in `intents`, in order, and the first as `intent`', () => {
    expect(answerOf('{"text":"Kiedy podpisano umowę z Dasing i jaki jest jej cel?"}')).toMatchObject({
      intent: 'signing_date',
      intents: ['signing_date', 'cooperation'],
      partners: ['dasing'],
    });
    expect(answerOf('{"text":"How far is Kirov?"}')).toMatchObject({ intent: 'distance', intents: ['distance'] });
  });

  it('keeps each session’s conversation apart, numbers and strings alike', () => {
    const answer = batchAnswerer(realEngine());
    answer({ text: '{"text":"Kiedy podpisano umowę z Dasing?","session":1}' });
    answer({ text: '{"text":"Kiedy podpisano umowę z Kirowem?","session":"2"}' });
    expect(answer({ text: '{"text":"A Sabinov?","session":"1"}' })).toMatchObject({ intent: 'signing_date' });
    expect(answer({ text: '{"text":"A Sabinov?"}' })).not.toMatchObject({ intent: 'signing_date' });
  });

  it('writes the answers of the lines that arrive together at once, in order', async () => {
    const input = new PassThrough();
    const writes: string[] = [];
    const output = new Writable({
      write(chunk, _encoding, done) {
        writes.push(String(chunk));
        done();
      },
    });
    const finished = answerBatch(realEngine(), input, output);
    input.write('{"id":1,"text":"hi"}\n\n{"id":2,"text":"Kirov"}\n{"id":3,');
    input.end('"text":"Dasing"}');
    await finished;
    expect(writes).toHaveLength(2);
    const answers = writes
      .join('')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(answers.map((answer) => answer.id)).toEqual([1, undefined, 2, 3]);
    expect(answers[1].error).toMatch(/^empty line/);
  });
});
