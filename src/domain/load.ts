import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { type Dataset, datasetSchema, type Languages } from './schema.js';

export const DEFAULT_DATA_FILE = fileURLToPath(new URL('../../data/partners.json', import.meta.url));

/** A data or locale file that cannot be used; its message is one line naming the field and the fix. */
export class DataFileError extends Error {
  override name = 'DataFileError';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
  return `${path}: ${issue.message}`;
}

export function parseDataset(raw: unknown, languages: Languages, file = 'data'): Dataset {
  const result = datasetSchema(languages).safeParse(raw);
  if (!result.success) {
    const [first] = result.error.issues;
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : '';
    throw new DataFileError(
      `${file} is invalid at ${first ? describeIssue(first) : 'unknown'}${more} — fix that field and start again`,
    );
  }
  return result.data;
}

export function loadDataset(languages: Languages, file = DEFAULT_DATA_FILE): Dataset {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DataFileError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)} — check DATA_FILE`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new DataFileError(`${file} is not valid JSON: ${(error as Error).message} — fix the syntax and start again`);
  }
  return parseDataset(raw, languages, file);
}
