import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILD_INFO = join(ROOT, 'dist', '.tsbuildinfo');

/** The newest modification time of the files under a folder. */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

const modified = (path: string) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
};

/**
 * Before any test: dist/ is built from the current src/ (the tests run the bot as `npm start` does,
 * compiled), and the temporary folder is one of this run's own, removed at the end, so no test run
 * leaves anything in the system's temporary folder. What a test forgot to remove is named.
 */
export default function setup(): () => void {
  const built = modified(BUILD_INFO);
  const sources = Math.max(
    newest(join(ROOT, 'src')),
    modified(join(ROOT, 'tsconfig.json')),
    modified(join(ROOT, 'tsconfig.build.json')),
  );
  if (sources > built) {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    // tsc leaves its build info alone when nothing needed emitting; the check above reads its time
    const now = new Date();
    utimesSync(BUILD_INFO, now, now);
  }

  const system = tmpdir();
  const own = mkdtempSync(join(system, 'siedlce-test-run-'));
  process.env.TMPDIR = own;
  return () => {
    // caches the tools keep in the temporary folder: npm's (Node's compile cache) and tsx's
    const left = readdirSync(own).filter((entry) => entry !== 'node-compile-cache' && !entry.startsWith('tsx-'));
    if (left.length > 0) console.warn(`tests left these in the temporary folder (removed now): ${left.join(', ')}`);
    rmSync(own, { recursive: true, force: true });
    process.env.TMPDIR = system;
  };
}
