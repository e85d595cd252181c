import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pngSize } from '../../src/pictures/index.js';
import { run } from '../support/run.js';

describe('pictures in the terminal chat', () => {
  it('writes the map a person asks for to a PNG file and prints its path', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'siedlce-pictures-'));
    const { code, stdout } = await run('npm', ['start'], 'show me a map\nKirov na mapie\n/timeline\n/quit\n', {
      STATE_DIR: stateDir,
    });
    expect(code).toBe(0);
    const saved = [...stdout.matchAll(/(?:saved to|zapisana w pliku): (\S+\.png)/g)].map((match) => match[1] ?? '');
    expect(saved).toEqual([
      join(stateDir, 'pictures', 'map-en.png'),
      join(stateDir, 'pictures', 'map-pl-kirov.png'),
      join(stateDir, 'pictures', 'timeline-pl.png'),
    ]);
    for (const file of saved) {
      const png = readFileSync(file);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(pngSize(png)?.width).toBe(1200);
    }
  });
});
