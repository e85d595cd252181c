/**
 * Control characters (C0, DEL, C1) and the bidirectional overrides: what can retitle a terminal,
 * clear it, fake colours or reorder a line. Tab and newline are controls too: a report line is one line.
 */
const UNSAFE = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** Text from users made safe to write to an operator's terminal: each control shown as `\u001B`. */
export function printable(text: string): string {
  return text.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
