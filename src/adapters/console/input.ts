import { stripVTControlCharacters } from 'node:util';

/**
 * What a typed or piped line asks, with terminal escape sequences (arrow keys pressed in a pipe,
 * colours pasted from elsewhere) and other control characters removed, so they never become a
 * question. An empty result is no question at all.
 */
export function questionText(line: string): string {
  // biome-ignore-start lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const withoutKeys = line.replace(/\u001bO[\u0020-\u007e]/g, ''); // SS3: an arrow key in keypad mode
  return (
    stripVTControlCharacters(withoutKeys)
      .replace(/\u001b[\u0020-\u007e]?/g, '') // Alt+key, or an ESC left alone
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, '') // C0 and C1 controls
      // biome-ignore-end lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/\t/g, ' ')
      .trim()
  );
}
