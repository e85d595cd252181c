import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Reads `.env` from the working folder when there is one (settings already in the environment
 * win), so `npm start` and `npm run report` see the same settings as `.env.example` describes.
 */
export function loadDotEnv(file = resolve('.env')): boolean {
  if (!existsSync(file)) return false;
  process.loadEnvFile(file);
  return true;
}
