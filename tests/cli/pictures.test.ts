import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pngSize } from '../../src/pictures/index.js';
import { chatInProcess } from '../support/chat.js';

const dir = mkdtempSync(join(tmpdir(), 'siedlce-pictures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pictures in the terminal chat', () => {
  it('writes the map a person asks for to a PNG file and prints only its path', async () => {
    const pictureDir = join(dir, 'pictures');
    const stdout = await chatInProcess('show me a map\nKirov na mapie\n/timeline\n/quit\n', { pictureDir });

    const saved = [
      join(pictureDir, 'map-en.png'),
      join(pictureDir, 'map-pl-kirov.png'),
      join(pictureDir, 'timeline-pl.png'),
    ];
    expect(stdout).toBe(
      `Map saved to: ${saved[0]}\nMapa zapisana w pliku: ${saved[1]}\nOś czasu zapisana w pliku: ${saved[2]}\n`,
    );
    for (const file of saved) {
      const png = readFileSync(file);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(pngSize(png)?.width).toBe(1200);
    }
  });
});
