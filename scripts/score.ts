/**
 * Scores labelled question sets and prints every miss, for working on understanding:
 *   npx tsx scripts/score.ts tests/engine/holdout6-set.jsonl [more.jsonl…] [--quiet]
 */
import { pathToFileURL } from 'node:url';
import { evaluate, formatEvaluation, readLabelledSet } from '../tests/engine/evaluate.js';
import { realEngine } from '../tests/support/engine.js';

const quiet = process.argv.includes('--quiet');
const files = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
const engine = realEngine();
for (const file of files) {
  const evaluation = evaluate(engine, readLabelledSet(pathToFileURL(file)));
  console.log(`== ${file}`);
  console.log(
    formatEvaluation(evaluation)
      .split('\n')
      .filter((line) => !line.startsWith('  ✗'))
      .join('\n'),
  );
  if (quiet) continue;
  for (const miss of evaluation.misses) {
    const { question, got } = miss;
    console.log(
      `✗ [${question.kind ?? '-'}${question.session ? ` ${question.session}` : ''}] ${JSON.stringify(question.text)}\n` +
        `    want ${question.intents?.join('+') ?? question.intent} ${JSON.stringify(question.partners ?? [])}${question.ordered ? ' ordered' : ''} (${question.language})\n` +
        `    got  ${got.intents.join('+')} ${JSON.stringify(got.partners)} (${got.language}) — ${miss.why.join(', ')}\n` +
        `    text ${JSON.stringify(got.text.slice(0, 160))}`,
    );
  }
}
