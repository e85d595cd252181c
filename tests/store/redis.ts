import { randomUUID } from 'node:crypto';

/** The test Redis started by .ci/run (redis-server on 127.0.0.1:6390); unset: the Redis tests are skipped. */
export const REDIS_TEST_URL = process.env.REDIS_TEST_URL;

/** A key prefix of its own, so test files sharing the Redis never see each other's keys. */
export const uniquePrefix = (name: string) => `test-${name}-${randomUUID().slice(0, 8)}`;
