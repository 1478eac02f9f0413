// Text that came from a file (a rules layer, an answers file, a batch row) is data, never markup
// and never terminal commands. One check for the door (what a decoded file may contain) and one
// escaper per place text is shown — terminal, Markdown, HTML — so that every renderer uses the
// same rules instead of each remembering its own.

/**
 * Characters that a decoded string from a file may not contain: the C0 controls but tab and line
 * feed (ESC starts terminal sequences, CR overwrites a line, BEL rings), DEL and the C1 controls
 * (U+009B is a one-character CSI on some terminals), and the bidirectional embeddings, overrides
 * and isolates that make displayed text read differently from what it is ("Trojan source").
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- as above, every occurrence
const CONTROL_ALL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** The index of the first control character in `text`, or -1. */
export function controlIndex(text: string): number {
  return text.search(CONTROL);
}

/** "U+001B (escape)": how a control character is named in a message. */
export function describeControl(ch: string): string {
  const code = ch.codePointAt(0)!;
  const names: Record<number, string> = { 0x1b: 'escape', 0x07: 'bell', 0x0d: 'carriage return', 0x08: 'backspace', 0x00: 'null', 0x9b: 'CSI', 0x7f: 'delete', 0x202e: 'right-to-left override' };
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return `U+${hex}${names[code] ? ` (${names[code]})` : ''}`;
}

export interface ControlFound {
  /** Path of the string (or of the key) inside the value. */
  path: (string | number)[];
  /** Whether the character is in a key rather than in a value. */
  inKey: boolean;
  character: string;
}

/**
 * The first string (value or key) in a decoded document that holds a control character: an
 * object's keys before its values (the last key first), then each value in order. Depth-first;
 * documents are bounded in depth by the reader. The path is built only for a string that holds
 * one: a batch checks every row, and almost every row holds none.
 */
export function findControlText(value: unknown): ControlFound | undefined {
  if (typeof value === 'string') {
    const at = controlIndex(value);
    return at >= 0 ? { path: [], inKey: false, character: value[at]! } : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findControlText(value[i]);
      if (found) {
        found.path.unshift(i);
        return found;
      }
    }
    return undefined;
  }
  const keys = Object.keys(value);
  for (let i = keys.length - 1; i >= 0; i--) {
    const k = keys[i]!;
    const at = controlIndex(k);
    if (at >= 0) return { path: [k], inKey: true, character: k[at]! };
  }
  for (const k of keys) {
    const found = findControlText((value as Record<string, unknown>)[k]);
    if (found) {
      found.path.unshift(k);
      return found;
    }
  }
  return undefined;
}

/**
 * The problem to report for a document with a control character in a string or key, or undefined.
 * Shaped as an input issue (path, message, hint) without importing its type from a higher floor.
 */
export function controlTextIssue(value: unknown): { path: (string | number)[]; at?: 'key'; message: string; hint: string } | undefined {
  const found = findControlText(value);
  if (!found) return undefined;
  return {
    path: found.path,
    ...(found.inKey ? { at: 'key' as const } : {}),
    message: `${found.inKey ? 'a key' : 'the text'} contains the control character ${describeControl(found.character)}`,
    hint: 'remove it: text from files is shown on terminals and in documents, where control characters could rewrite the screen or hide what is written',
  };
}

/** Control characters as visible escapes (`\u001b`); line feeds and tabs are kept. */
export function escapeTerminal(text: string): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(CONTROL_ALL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Control characters removed, line breaks and tabs turned into spaces: one line of plain text. */
export function plainLine(text: string): string {
  return text.replace(CONTROL_ALL, '').replace(/[\t\r\n]+/g, ' ');
}

// Characters that start inline Markdown (CommonMark and GitHub's extensions): emphasis, code,
// links and images (`[`), raw HTML and autolinks (`<`), strikethrough, table cells. Parentheses,
// `!` and `#` are markup only next to these or at the start of a line, so they stay readable.
const MARKDOWN_INLINE = /[\\`*_[\]<>|~]/g;
// What can open a block at the start of a list item's text: a heading, a quote, a nested list, a
// setext underline, an ordered item.
const MARKDOWN_BLOCK_START = /^(?:[#>+=-]|\d{1,9}(?=[.)]))/;

/**
 * Text safe as inline Markdown: on one line (no heading, list or fence can start below it), with
 * every character that could begin markup escaped, so `<script>`, `![x](url)` and `**` show as
 * typed, and a leading `#`, `>`, `-` or `1.` cannot open a block inside a bullet.
 */
export function escapeMarkdown(text: string): string {
  const inline = plainLine(text)
    .trim()
    .replace(MARKDOWN_INLINE, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
  return inline.replace(MARKDOWN_BLOCK_START, (m) => (/\d/.test(m) ? `${m}\\` : `\\${m}`));
}

/** Text safe in a Markdown table cell: inline-escaped, so `|` cannot end the cell either. */
export function markdownCell(text: string): string {
  return escapeMarkdown(text);
}

/**
 * A Markdown code span around `text` (an id, a field name): the fence is longer than any run of
 * backticks inside, and `|` is escaped, which GitHub honours even in code spans inside tables.
 */
export function markdownCode(text: string): string {
  const line = plainLine(text).replace(/\|/g, '\\|');
  let longest = 0;
  for (const m of line.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe as HTML text or inside a quoted attribute value; control characters are dropped. */
export function escapeHtml(text: string): string {
  return text.replace(CONTROL_ALL, '').replace(/[&<>"']/g, (c) => HTML[c]!);
}
