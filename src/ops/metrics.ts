import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { AnswerObserver, UnansweredLog } from '../service/assistant.js';
import type { Platform } from '../store/state.js';

export interface Metrics extends AnswerObserver {
  readonly registry: Registry;
  /** Something went wrong outside a question (an adapter, the store, a reload). */
  error(source: string): void;
  /** Counts what goes into the log, then records it. */
  countUnanswered(log: UnansweredLog): UnansweredLog;
  /** Data reloads, by outcome. */
  reloaded(ok: boolean): void;
}

export interface MetricsOptions {
  /** Also collect Node's process metrics (memory, event loop lag…). */
  processMetrics?: boolean;
}

/** Prometheus metrics on a registry of their own (several in one process do not clash). */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const answers = new Counter({
    name: 'bot_answers_total',
    help: 'Questions answered, by intent, reply language and platform.',
    labelNames: ['intent', 'language', 'platform'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'bot_answer_duration_seconds',
    help: 'Time to answer a question, state reads and writes included.',
    labelNames: ['platform'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'bot_errors_total',
    help: 'Failures, by where they happened.',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  const unanswered = new Counter({
    name: 'bot_unanswered_total',
    help: 'Questions logged as unanswered (unknown, not a partner, or below the confidence threshold).',
    labelNames: ['language', 'platform'] as const,
    registers: [registry],
  });
  const limited = new Counter({
    name: 'bot_rate_limited_total',
    help: 'Questions refused or ignored by the rate limiter.',
    labelNames: ['platform'] as const,
    registers: [registry],
  });
  const stateFailures = new Counter({
    name: 'bot_state_failures_total',
    help: 'Store operations that failed around an answer that was still given (read, save, log, rate-limit).',
    labelNames: ['operation'] as const,
    registers: [registry],
  });
  const reloads = new Counter({
    name: 'bot_data_reloads_total',
    help: 'Reloads of data/ and locales/, by outcome (ok, rejected).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  return {
    registry,
    answered(platform, reply, seconds) {
      answers.inc({ intent: reply.intent, language: reply.language, platform });
      latency.observe({ platform }, seconds);
    },
    failed(platform: Platform) {
      errors.inc({ source: platform });
    },
    degraded(operation) {
      stateFailures.inc({ operation });
    },
    limited(platform) {
      limited.inc({ platform });
    },
    error(source) {
      errors.inc({ source });
    },
    reloaded(ok) {
      reloads.inc({ outcome: ok ? 'ok' : 'rejected' });
    },
    countUnanswered(log) {
      return {
        async record(entry) {
          unanswered.inc({ language: entry.language, platform: entry.platform });
          await log.record(entry);
        },
      };
    },
  };
}
