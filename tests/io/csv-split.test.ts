// The CSV record splitter and cell reader, pinned to csv-parse (the reader they replace, with the
// options batch used: relax_quotes, relax_column_count, skip_empty_lines, skip_records_with_error)
// on every small text, cut into chunks anywhere; and bounded like JSON Lines lines.
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_QUOTE_NOT_CLOSED, csvCells, splitCsvRecords, type Piece } from '../../src/io/split.js';

async function* chunks(text: string, sizes: readonly number[]): AsyncGenerator<string> {
  let at = 0;
  for (let k = 0; at < text.length; k++) {
    const size = sizes[k % sizes.length]!;
    yield text.slice(at, at + size);
    at += size;
  }
}
async function all(gen: AsyncIterable<Piece[]>): Promise<Piece[]> {
  const out: Piece[] = [];
  for await (const b of gen) out.push(...b);
  return out;
}

/** What csv-parse makes of the text: the records' cells, and whether a quote was left open. */
function oracle(text: string): { records: string[][]; unclosed: boolean } {
  let unclosed = false;
  const records = parse(text, {
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: Error | undefined) => {
      if (err && /Quote Not Closed/.test(err.message)) unclosed = true;
    },
  }) as string[][];
  return { records, unclosed };
}

/** The line each record starts on, counted from the text itself (the records are in order). */
function startLines(text: string, pieces: Piece[]): number[] {
  let cursor = 0;
  return pieces.map((p) => {
    if (!('text' in p)) return p.line;
    const at = text.indexOf(p.text, cursor);
    cursor = at + p.text.length;
    return 1 + (text.slice(0, at).match(/\r\n|\r|\n/g)?.length ?? 0);
  });
}

describe('CSV records', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('read as csv-parse reads them, with each record on its first line (%s, any chunking)', async (_name, nl) => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', nl, ' '), maxLength: 40 });
    const sizes = fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 4 });
    await fc.assert(fc.asyncProperty(text, sizes, async (t, s) => {
      const want = oracle(t);
      const got = await all(splitCsvRecords(chunks(t, s), 1000));
      const records = got.filter((p): p is Extract<Piece, { text: string }> => 'text' in p).map((p) => csvCells(p.text));
      expect(records).toEqual(want.records);
      expect(got.some((p) => 'problem' in p && p.problem === CSV_QUOTE_NOT_CLOSED)).toBe(want.unclosed);
      expect(got.map((p) => p.line)).toEqual(startLines(t, got));
    }), { numRuns: 2000 });
  });

  it('quoted commas, doubled quotes and line breaks (LF and CRLF) stay in their cell; lines count them', async () => {
    const text = 'a,b\r\n"x,1","say ""hi"""\r\n"two\r\nlines","and\nmore"\r\n\r\nlast,"q"\r\n';
    for (const size of [1, 2, 3, 5, 64]) {
      const got = await all(splitCsvRecords(chunks(text, [size]), 1000));
      expect(got.map((p) => [p.line, 'text' in p ? csvCells(p.text) : p])).toEqual([
        [1, ['a', 'b']],
        [2, ['x,1', 'say "hi"']],
        [3, ['two\r\nlines', 'and\nmore']],
        [7, ['last', 'q']],
      ]);
    }
  });

  it('a record over the limit is one oversized piece at its start line, and the records after it follow', async () => {
    const text = `h\nfirst\n"${'y'.repeat(150)}\n${'z'.repeat(150)}"\nnext\n${'w'.repeat(300)}\nlast`;
    const got = await all(splitCsvRecords(chunks(text, [16]), 100));
    expect(got).toEqual([
      { text: 'h', line: 1, col: 1 },
      { text: 'first', line: 2, col: 1 },
      { oversized: expect.any(Number), line: 3, col: 1 },
      { text: 'next', line: 5, col: 1 },
      { oversized: expect.any(Number), line: 6, col: 1 },
      { text: 'last', line: 7, col: 1 },
    ]);
  });

  it('a quote that never closes: the rest of the input is one oversized piece', async () => {
    const text = `h\n"${'x,\n'.repeat(1000)}`;
    const got = await all(splitCsvRecords(chunks(text, [64]), 100));
    expect(got).toEqual([{ text: 'h', line: 1, col: 1 }, { oversized: expect.any(Number), line: 2, col: 1 }]);
  });

  it('a quote still open at the end, within the limit, is a problem at the record\'s line', async () => {
    const got = await all(splitCsvRecords(chunks('h\nok\nbad,"open\nstill\n', [3]), 100));
    expect(got).toEqual([
      { text: 'h', line: 1, col: 1 },
      { text: 'ok', line: 2, col: 1 },
      { problem: CSV_QUOTE_NOT_CLOSED, hint: expect.stringContaining('close the quote'), line: 3, col: 1 },
    ]);
  });

  it.each([
    ['a,,b', ['a', '', 'b']],
    ['a,', ['a', '']],
    ['"a",', ['a', '']],
    ['""', ['']],
    ['"a""b"c,d', ['"a"b"c', 'd']],
    ['ab"c,"d"', ['ab"c', 'd']],
    [' "a",b', [' "a"', 'b']],
  ])('cells of %j', (text, cells) => {
    expect(csvCells(text)).toEqual(cells);
  });
});
