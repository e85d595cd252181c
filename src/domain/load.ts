import { DataFileError, DEFAULT_DATA_FILE, parseJsonText, readDataText } from './files.js';
import { describeError } from './issues.js';
import { type Dataset, datasetSchema, type Languages } from './schema.js';

export { DataFileError, DEFAULT_DATA_FILE, MAX_FILE_BYTES, parseJsonText, readDataText } from './files.js';

export function parseDataset(raw: unknown, languages: Languages, file = 'data'): Dataset {
  const result = datasetSchema(languages).safeParse(raw);
  if (!result.success) {
    throw new DataFileError(`${file} is invalid at ${describeError(result.error)} — fix that field and start again`);
  }
  return result.data;
}

export function loadDataset(languages: Languages, file = DEFAULT_DATA_FILE): Dataset {
  return parseDataset(parseJsonText(readDataText(file, 'DATA_FILE'), file), languages, file);
}
