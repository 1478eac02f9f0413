import { describe, expect, it } from 'vitest';
import { splitJsonArray, splitLines, type Piece } from '../../src/io/split.js';

async function* chunks(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}
async function all(gen: AsyncIterable<Piece[]>): Promise<Piece[]> {
  const out: Piece[] = [];
  for await (const b of gen) out.push(...b);
  return out;
}

describe('splitting rows out of a stream', () => {
  it.each([1, 3, 7, 1000])('JSON array elements keep their text and start, in chunks of %i', async (n) => {
    const text = '[\n  {"a": "x,]}"},\n  {"b": [1, {"c": 2}]} ,3\n, "s\\"]"]\n';
    const got = await all(splitJsonArray(chunks(text, n), 1000));
    expect(got.map((p) => ('text' in p ? JSON.parse(p.text) : p))).toEqual([{ a: 'x,]}' }, { b: [1, { c: 2 }] }, 3, 's"]']);
    expect(got.map((p) => [p.line, p.col])).toEqual([[2, 3], [3, 3], [3, 25], [4, 3]]);
  });

  it('an element over the limit is one oversized piece and the next one follows', async () => {
    const got = await all(splitJsonArray(chunks(`[${JSON.stringify('x'.repeat(500))}, 1]`, 64), 100));
    expect(got).toEqual([{ oversized: expect.any(Number), line: 1, col: 2 }, { text: '1', line: 1, col: 506 }]);
    expect((got[0] as { oversized: number }).oversized).toBeGreaterThan(100);
  });

  it.each([
    ['[1,]', 'a comma before the closing ]'],
    ['[1', 'the list is not closed'],
    ['[1] x', 'text after the end of the list'],
    ['{"a": 1}', 'found one object'],
    ['', 'the file is empty'],
  ])('%j: the structure problem ends the list', async (text, message) => {
    const got = await all(splitJsonArray(chunks(text, 2), 100));
    expect(got.some((p) => 'problem' in p && p.problem.includes(message))).toBe(true);
  });

  it('[] has no rows', async () => {
    expect(await all(splitJsonArray(chunks(' [ ] ', 1), 100))).toEqual([]);
  });

  it('lines: CRLF, a last line without a break, and an oversized line skipped whole', async () => {
    const text = `a\r\n${'y'.repeat(300)}\nb\nc`;
    const got = await all(splitLines(chunks(text, 16), 100));
    expect(got).toEqual([{ text: 'a', line: 1, col: 1 }, { oversized: expect.any(Number), line: 2, col: 1 }, { text: 'b', line: 3, col: 1 }, { text: 'c', line: 4, col: 1 }]);
  });

  it('a long line is read in time linear in its length', async () => {
    const big = 'z'.repeat(8 * 1024 * 1024);
    const t = Date.now();
    const got = await all(splitLines(chunks(`${big}\n{}\n`, 1 << 16), 16 * 1024 * 1024));
    expect(got.map((p) => ('text' in p ? p.text.length : -1))).toEqual([big.length, 2]);
    expect(Date.now() - t).toBeLessThan(2000);
  });
});
