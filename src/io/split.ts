// Splitting a stream of text into rows, in time linear in its length and memory bounded by the
// longest row: JSON Lines by line breaks, a JSON array by its top-level elements. A row longer
// than the limit is not kept: it comes out as an `oversized` piece, and the rows after it follow.

/** One piece of the input: a row's text and where it starts, or a row too long to keep. */
export type Piece =
  | { text: string; line: number; col: number }
  | { oversized: number; line: number; col: number }
  | { problem: string; hint?: string; line: number; col: number };

/** Lines, a chunk's worth at a time. Each chunk is searched once: no line is re-scanned. */
export async function* splitLines(input: AsyncIterable<string>, limit: number): AsyncGenerator<Piece[]> {
  let parts: string[] = [];
  let size = 0;
  let skipping = false;
  let line = 1;
  for await (const chunk of input) {
    const out: Piece[] = [];
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      if (skipping) {
        skipping = false;
      } else {
        parts.push(chunk.slice(start, nl));
        size += nl - start;
        if (size > limit) out.push({ oversized: size, line, col: 1 });
        else {
          let text = parts.length === 1 ? parts[0]! : parts.join('');
          if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
          out.push({ text, line, col: 1 });
        }
      }
      parts = [];
      size = 0;
      line++;
      start = nl + 1;
    }
    if (!skipping && start < chunk.length) {
      parts.push(chunk.slice(start));
      size += chunk.length - start;
      if (size > limit) {
        // Reported now, so that an endless line still shows; the rest of it is skipped.
        out.push({ oversized: size, line, col: 1 });
        parts = [];
        skipping = true;
      }
    }
    if (out.length) yield out;
  }
  if (!skipping && size > 0) yield [{ text: parts.join(''), line, col: 1 }];
}

const WS = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/**
 * The elements of a JSON array, each as its own text (parsed by the caller, who can then report a
 * bad element as that row's error and go on). Only the structure is checked here: strings,
 * nesting, the commas between elements. A break in it ends the list with a problem piece.
 */
export async function* splitJsonArray(input: AsyncIterable<string>, limit: number): AsyncGenerator<Piece[]> {
  let state: 'start' | 'value' | 'element' | 'done' = 'start';
  let count = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let line = 1;
  let col = 0;
  let parts: string[] = [];
  let size = 0;
  let from = { line: 1, col: 1 };
  const problem = (message: string, hint?: string): Piece => ({ problem: message, hint, line, col });
  for await (const chunk of input) {
    const out: Piece[] = [];
    let start = state === 'element' ? 0 : -1;
    const keep = (end: number) => {
      if (size > limit) return;
      size += end - start;
      if (size > limit) parts = [];
      else parts.push(chunk.slice(start, end));
    };
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10) {
        line++;
        col = 0;
      } else col++;
      if (state === 'element') {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 92) escaped = true;
          else if (c === 34) inString = false;
          continue;
        }
        if (c === 34) inString = true;
        else if (c === 123 || c === 91) depth++;
        else if ((c === 125 || c === 93) && depth > 0) depth--;
        else if ((c === 44 || c === 93) && depth === 0) {
          keep(i);
          out.push(size > limit ? { oversized: size, ...from } : { text: parts.join(''), ...from });
          parts = [];
          size = 0;
          count++;
          state = c === 44 ? 'value' : 'done';
        }
        continue;
      }
      if (WS(c)) continue;
      if (state === 'start') {
        if (c !== 91) {
          out.push(problem(c === 123 ? 'expected a list of answer objects, found one object' : 'not valid JSON: expected a list of answer objects', 'for one scenario use `ml-advisor decide --answers FILE`; for many, write a list ([{…}, {…}]), or one object per line in a .jsonl file'));
          yield out;
          return;
        }
        state = 'value';
      } else if (state === 'value') {
        if (c === 93 && count === 0) {
          state = 'done';
          continue;
        }
        if (c === 93 || c === 44) {
          out.push(problem(`not valid JSON: ${c === 93 ? 'a comma before the closing ]' : 'two commas in a row'}`, 'remove the extra comma'));
          yield out;
          return;
        }
        state = 'element';
        depth = c === 123 || c === 91 ? 1 : 0;
        inString = c === 34;
        escaped = false;
        from = { line, col };
        start = i;
      } else {
        out.push(problem('not valid JSON: text after the end of the list', 'remove what follows the closing ]'));
        yield out;
        return;
      }
    }
    if (state === 'element') keep(chunk.length);
    if (out.length) yield out;
  }
  if ((state as string) !== 'done') yield [problem((state as string) === 'start' ? 'the file is empty' : 'not valid JSON: the list is not closed (a ] is missing)', 'check the file is complete')];
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/** Where a record of a CSV file cannot end: the quoting of its last field is still open. */
export const CSV_QUOTE_NOT_CLOSED = 'not valid CSV: Quote Not Closed: the parsing is finished with an opening quote';

/**
 * The records of a CSV file (RFC 4180), each as its raw text and the line it starts on, bounded
 * like lines: a record longer than the limit is an `oversized` piece, reported as soon as it is
 * too long (so an endless one still shows), and skipped to its end; the next record follows.
 * A record ends at a line break (LF, CRLF or CR) outside quotes. A field that starts with a
 * quote is quoted until a quote that is not doubled; elsewhere a quote is a character (as
 * csv-parse reads with `relax_quotes`). Line breaks inside quotes are counted, so each record
 * knows its line. Empty lines are no records. A quote still open at the end is a problem piece.
 */
export async function* splitCsvRecords(input: AsyncIterable<string>, limit: number): AsyncGenerator<Piece[]> {
  let parts: string[] = [];
  let size = 0;
  let skipping = false;
  let line = 1;
  let from = 1;
  let quoted = false;
  // In a quoted field, the last character was a quote: the next says whether it was doubled.
  let quoteLast = false;
  // The last character was a CR: a LF now is the same line break.
  let crLast = false;
  // The character before a quote, for whether the quote starts a field (LF: a record's start).
  let before = LF;
  for await (const chunk of input) {
    const out: Piece[] = [];
    const n = chunk.length;
    let start = 0;
    let i = 0;
    if (crLast && n > 0) {
      crLast = false;
      if (chunk.charCodeAt(0) === LF) {
        i = 1;
        // Outside quotes the CR ended the record: the next one starts after the LF.
        if (!quoted) start = 1;
      }
    }
    for (; i < n; i++) {
      const c = chunk.charCodeAt(i);
      // Most characters are none of quote, CR and LF: one comparison passes them (unless a
      // quote in a quoted field waits for the next character to say what it was).
      if (c > QUOTE && !quoteLast) continue;
      if (quoted) {
        if (quoteLast) {
          quoteLast = false;
          if (c === QUOTE) continue;
          // The quote closed the field: this character is read as outside quotes.
          quoted = false;
        } else {
          if (c === QUOTE) quoteLast = true;
          else if (c === LF) line++;
          else if (c === CR) {
            line++;
            if (i + 1 === n) crLast = true;
            else if (chunk.charCodeAt(i + 1) === LF) i++;
          }
          continue;
        }
      }
      if (c === QUOTE) {
        const prev = i > 0 ? chunk.charCodeAt(i - 1) : before;
        if (prev === COMMA || prev === LF || prev === CR) quoted = true;
        continue;
      }
      if (c !== LF && c !== CR) continue;
      // The end of a record.
      if (!skipping) {
        size += i - start;
        if (size > limit) out.push({ oversized: size, line: from, col: 1 });
        else if (size > 0) out.push({ text: parts.length ? parts.join('') + chunk.slice(start, i) : chunk.slice(start, i), line: from, col: 1 });
      }
      skipping = false;
      parts = [];
      size = 0;
      line++;
      if (c === CR) {
        if (i + 1 < n) {
          if (chunk.charCodeAt(i + 1) === LF) i++;
        } else crLast = true;
      }
      from = line;
      start = i + 1;
    }
    if (n > 0) before = chunk.charCodeAt(n - 1);
    if (!skipping && start < n) {
      parts.push(chunk.slice(start));
      size += n - start;
      if (size > limit) {
        out.push({ oversized: size, line: from, col: 1 });
        parts = [];
        skipping = true;
      }
    }
    if (out.length) yield out;
  }
  if (skipping) return;
  if (quoted && !quoteLast) yield [{ problem: CSV_QUOTE_NOT_CLOSED, hint: 'close the quote: a field with commas, quotes or line breaks is written "like ""this"""', line: from, col: 1 }];
  else if (size > 0) yield [{ text: parts.join(''), line: from, col: 1 }];
}

/**
 * The cells of one record from splitCsvRecords, read by the same rules: `""` in a quoted field is
 * one quote; a quoted field followed by more than a comma keeps its quotes and the rest as
 * written (csv-parse's `relax_quotes`).
 */
export function csvCells(text: string): string[] {
  if (text.indexOf('"') < 0) return text.split(',');
  const cells: string[] = [];
  const n = text.length;
  let i = 0;
  for (;;) {
    let end: number;
    if (text.charCodeAt(i) === QUOTE) {
      let value = '';
      let j = i + 1;
      let q = text.indexOf('"', j);
      // A record from splitCsvRecords has no open quote; q < 0 only for other text (read to its end).
      while (q >= 0 && text.charCodeAt(q + 1) === QUOTE) {
        value += text.slice(j, q + 1);
        j = q + 2;
        q = text.indexOf('"', j);
      }
      if (q < 0) {
        cells.push(value + text.slice(j));
        return cells;
      }
      value += text.slice(j, q);
      end = text.indexOf(',', q + 1);
      if (end < 0) end = n;
      cells.push(end === q + 1 ? value : `"${value}"${text.slice(q + 1, end)}`);
    } else {
      end = text.indexOf(',', i);
      if (end < 0) end = n;
      cells.push(text.slice(i, end));
    }
    if (end >= n) return cells;
    i = end + 1;
  }
}
