import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { loadDotEnv } from '../ops/env.js';
import { openStore } from '../store/state.js';
import { groupUnanswered, UNANSWERED_RETENTION_DAYS, type UnansweredGroup } from '../store/unanswered.js';
import { printable } from './printable.js';
import { exitQuietlyOnEpipe, runMain } from './run-main.js';

const USAGE = `npm run report -- [--limit N] [--days N] [--json]
  The most frequent unanswered questions, grouped by normalised text (case, accents and
  punctuation ignored), from the state store of STATE_DIR or REDIS_URL.
  --limit N   show the N most frequent groups (default 20)
  --days N    only questions of the last N days (default: all kept, ${UNANSWERED_RETENTION_DAYS} days)
  --json      one JSON object a group on stdout`;

const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key, count]) => `${key} ${count}`)
    .join(', ');

function table(groups: UnansweredGroup[], total: number, shown: number): string {
  if (total === 0) return 'No unanswered questions logged.\n';
  const width = String(groups[0]?.count ?? 0).length;
  const lines = [`${total} unanswered question(s) in ${shown} group(s); the most frequent first:`, ''];
  for (const group of groups) {
    lines.push(`${String(group.count).padStart(width)}  ${printable(group.example)}`);
    lines.push(
      printable(
        `${' '.repeat(width)}  [${counts(group.languages)} · ${counts(group.platforms)} · ${counts(group.intents)} · last ${group.lastAt.slice(0, 16).replace('T', ' ')}]`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

runMain(async () => {
  exitQuietlyOnEpipe();
  const { values } = parseArgs({
    options: {
      limit: { type: 'string', default: '20' },
      days: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const limit = Number(values.limit);
  const days = values.days === undefined ? undefined : Number(values.days);
  if (!Number.isInteger(limit) || limit <= 0 || (days !== undefined && !(days > 0))) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  loadDotEnv();
  const config = loadConfig();
  const store = openStore({ stateDir: config.STATE_DIR, redisUrl: config.REDIS_URL });
  try {
    const since = days === undefined ? '' : new Date(Date.now() - days * 24 * 3600 * 1000).toISOString();
    const entries = (await store.unanswered.entries()).filter((entry) => entry.at >= since);
    const groups = groupUnanswered(entries);
    const shown = groups.slice(0, limit);
    if (values.json) {
      // JSON escapes C0 controls but not C1 or bidi ones, which some terminals act on.
      for (const group of shown) process.stdout.write(`${printable(JSON.stringify(group))}\n`);
    } else {
      process.stdout.write(table(shown, entries.length, groups.length));
    }
  } finally {
    await store.close();
  }
});
