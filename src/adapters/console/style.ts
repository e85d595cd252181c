import type { Writable } from 'node:stream';
import { styleText } from 'node:util';
import type { Reply } from '../../engine/index.js';

/** A little colour in a terminal: partner names in bold cyan, dates in yellow. */
export type Highlight = (reply: Reply, text: string) => string;

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Colours the names and dates a reply is about, found in its card and list. Plain text when the
 * output is not a terminal or NO_COLOR / NODE_DISABLE_COLORS / FORCE_COLOR=0 is set (styleText
 * checks the stream and the environment).
 */
export function highlighter(output: Writable): Highlight {
  const paint = (format: Parameters<typeof styleText>[0], text: string) =>
    styleText(format, text, { stream: output, validateStream: true });
  if (paint('bold', 'x') === 'x') return (_reply, text) => text;
  return (reply, text) => {
    const cards = [reply.card, ...(reply.cards ?? [])].filter((card) => card !== undefined);
    const items = reply.list?.items ?? [];
    const names = [...cards.map((card) => card.name), ...items.map((item) => item.name)];
    const dates = [...cards.map((card) => card.signedText), ...items.map((item) => item.signedText)];
    const words = [...new Set([...names, ...dates])].filter((word) => word.trim() !== '');
    if (words.length === 0) return text;
    // Longest first, so "Vilnius District" wins over "Vilnius"; a name keeps its case ending
    // ("Kirowem") inside the colour.
    const pattern = words
      .sort((a, b) => b.length - a.length)
      .map((word) => `${literal(word)}${names.includes(word) ? '\\p{L}*' : ''}`)
      .join('|');
    const dateSet = new Set(dates);
    return text.replace(new RegExp(pattern, 'gu'), (match) =>
      dateSet.has(match) ? paint('yellow', match) : paint(['bold', 'cyan'], match),
    );
  };
}
