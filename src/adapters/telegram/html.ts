/** Telegram's limit on one message's text, counted after entity parsing (UTF-16 code units). */
export const MESSAGE_LIMIT = 4096;
/** Telegram's limit on a photo's caption, counted the same way. */
export const CAPTION_LIMIT = 1024;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes a piece of data or user text for Telegram's HTML parse mode. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ESCAPES[char] ?? char);
}

export const bold = (text: string) => `<b>${escapeHtml(text)}</b>`;
export const italic = (text: string) => `<i>${escapeHtml(text)}</i>`;

/** One tag, one entity or one plain character of an HTML string. */
const TOKEN = /<\/?([a-z-]+)[^>]*>|&(?:[a-z]+|#\d+|#x[0-9a-f]+);|[\s\S]/giu;

interface Token {
  text: string;
  /** Visible length: 0 for a tag, 1 for an entity, the code units of a character. */
  width: number;
  tag?: { name: string; closing: boolean };
}

function tokenize(html: string): Token[] {
  const tokens: Token[] = [];
  for (const match of html.matchAll(TOKEN)) {
    const text = match[0];
    if (match[1])
      tokens.push({ text, width: 0, tag: { name: match[1].toLowerCase(), closing: text.startsWith('</') } });
    else tokens.push({ text, width: text.startsWith('&') && text.length > 1 ? 1 : text.length });
  }
  return tokens;
}

/** The length Telegram counts against the limit: tags removed, entities one character each. */
export function visibleLength(html: string): number {
  return tokenize(html).reduce((sum, token) => sum + token.width, 0);
}

/**
 * Splits a long line of HTML into pieces of at most `limit` visible characters, at a space when
 * there is one in the second half of a piece; tags open at a cut are closed and reopened, and no
 * tag or entity is ever cut.
 */
function splitLine(line: string, limit: number): string[] {
  const pieces: string[] = [];
  const open: Token[] = [];
  let current: Token[] = [];
  let width = 0;
  const flush = (upTo: number) => {
    const taken = current.slice(0, upTo);
    const rest = current.slice(upTo);
    // Tags still open at the cut: from the tokens before it.
    const stack: Token[] = [...open];
    for (const token of taken) {
      if (!token.tag) continue;
      if (token.tag.closing) stack.pop();
      else stack.push(token);
    }
    const closing = [...stack].reverse().map((token) => `</${token.tag?.name}>`);
    const text = `${open.map((token) => token.text).join('')}${taken.map((token) => token.text).join('')}${closing.join('')}`;
    if (visibleLength(text) > 0) pieces.push(text);
    open.splice(0, open.length, ...stack);
    current = rest;
    width = rest.reduce((sum, token) => sum + token.width, 0);
  };
  for (const token of tokenize(line)) {
    current.push(token);
    width += token.width;
    if (width > limit) {
      // Cut after the last space in the second half of the piece, else just before this token
      // (which overflowed, so whatever precedes it fits).
      let cut = current.length - 1;
      let after = current[cut]?.width ?? 0;
      for (let index = current.length - 2; index > 0; index--) {
        if (current[index]?.text === ' ') {
          cut = index + 1;
          break;
        }
        after += current[index]?.width ?? 0;
        if (after > limit / 2) break;
      }
      flush(cut);
    }
  }
  if (current.length > 0) flush(current.length);
  return pieces;
}

/**
 * Cuts an HTML message into messages Telegram accepts: whole paragraphs when they fit, else whole
 * lines, else a line cut at spaces; every piece is balanced HTML of at most `limit` visible
 * characters.
 */
export function splitMessage(html: string, limit = MESSAGE_LIMIT): string[] {
  if (visibleLength(html) <= limit) return [html];
  const lines = html.split('\n').flatMap((line) => (visibleLength(line) > limit ? splitLine(line, limit) : [line]));
  const messages: string[] = [];
  let current = '';
  for (const line of lines) {
    const joined = current === '' ? line : `${current}\n${line}`;
    if (visibleLength(joined) <= limit) {
      current = joined;
      continue;
    }
    // Prefer to cut at the last blank line (a paragraph) when it keeps at least half the message.
    const paragraph = current.lastIndexOf('\n\n');
    if (paragraph > 0 && visibleLength(current.slice(0, paragraph)) > limit / 2) {
      messages.push(current.slice(0, paragraph));
      current = `${current.slice(paragraph + 2)}\n${line}`;
      if (visibleLength(current) > limit) {
        messages.push(current.slice(0, current.length - line.length - 1));
        current = line;
      }
    } else {
      if (current.trim() !== '') messages.push(current);
      current = line;
    }
  }
  if (current.trim() !== '') messages.push(current);
  return messages.map((message) => message.replace(/^\n+|\n+$/g, '')).filter((message) => message !== '');
}
