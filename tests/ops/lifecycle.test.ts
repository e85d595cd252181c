import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createLifecycle } from '../../src/ops/lifecycle.js';

function harness(deadlineMs = 1000) {
  const events: string[] = [];
  let exited: (code: number) => void = () => undefined;
  const exit = new Promise<number>((resolve) => {
    exited = resolve;
  });
  const life = createLifecycle({
    logger: pino({ level: 'silent' }),
    deadlineMs,
    exit: (code) => {
      events.push(`exit ${code}`);
      exited(code);
    },
    write: (line) => events.push(line),
  });
  const part = (name: string, stop: () => Promise<void> = async () => undefined) =>
    life.started({
      name,
      stop: async () => {
        events.push(`stop ${name}`);
        await stop();
      },
    });
  return { life, events, exit, part };
}

describe('the lifecycle of the process', () => {
  it('stops what started in reverse order, then exits 0 on a signal-like end', async () => {
    const { life, events, exit, part } = harness();
    part('health');
    part('store');
    part('telegram');
    life.ready();
    await life.end(0);
    expect(await exit).toBe(0);
    expect(events).toEqual(['stop telegram', 'stop store', 'stop health', 'exit 0']);
  });

  it('ends a failed start with one Cannot start line, last, and exit 1', async () => {
    const { life, events, exit, part } = harness();
    part('health');
    part('telegram');
    await life.end(1, 'discord: the token was rejected — set DISCORD_TOKEN');
    expect(await exit).toBe(1);
    expect(events).toEqual([
      'stop telegram',
      'stop health',
      'Cannot start: discord: the token was rejected — set DISCORD_TOKEN',
      'exit 1',
    ]);
    expect(life.phase).toBe('stopping');
  });

  it('ends a fatal failure after start with a Fatal line, and never exits 0 when a stop fails', async () => {
    const { life, events, exit, part } = harness();
    part('store', async () => {
      throw new Error('disk gone');
    });
    part('discord');
    life.ready();
    void life.end(1, 'discord: close code 4004, the token was reset — set a new DISCORD_TOKEN');
    // A second end (a signal arriving meanwhile) changes nothing.
    void life.end(0);
    expect(await exit).toBe(1);
    expect(events).toEqual([
      'stop discord',
      'stop store',
      'Fatal: discord: close code 4004, the token was reset — set a new DISCORD_TOKEN',
      'exit 1',
    ]);
  });

  it('exits 1 when a stop hangs past the deadline', async () => {
    const { life, events, exit, part } = harness(100);
    part('telegram', () => new Promise(() => undefined));
    life.ready();
    void life.end(0);
    expect(await exit).toBe(1);
    expect(events).toEqual(['stop telegram', 'exit 1']);
  });
});
