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
