// How `ml-advisor batch` reads its input, through the built binary: CSV records bounded like
// JSON Lines lines (an oversized one is that row's error and the rows after it are decided), and
// UTF-16 with a byte-order mark read in every streamed format, from a file and standard input.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDirs, jsonLines } from '../helpers.js';

interface Row {
  row: number;
  recommendation?: { approach: string };
  error?: { message: string; path?: string; line?: number; column?: number; hint?: string };
}

const jsonl = (text: string): Row[] => jsonLines<Row>(text);
const dir = tempDirs('ml-advisor-batch-input-');

const HEADER = 'task,existingModel,labeledExamples,gpu';
const GOOD = 'sentiment-analysis,exact,10,';

describe('batch: CSV records are bounded', () => {
  it('an oversized record in the middle is that row\'s error; the rows after it are decided, on their lines', async () => {
    const f = join(dir(), 'big-record.csv');
    writeFileSync(f, [
      HEADER,
      GOOD,
      `text-classification,close,"${'9'.repeat(1_500_000)}",`,
      'text-classification,close,"2,500",',
      '"translation\r\nacross lines",exact,5,',
      `sentiment-analysis,exact,10,"h""100"`,
      GOOD,
    ].join('\r\n') + '\r\n');
    const r = await runCli(['batch', f, '--format', 'jsonl']);
    expect(r.code).toBe(3);
    const rows = jsonl(r.stdout);
    expect(rows.map((x) => x.row)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows[0]!.recommendation!.approach).toBe('use-as-is');
    expect(rows[1]!.error).toMatchObject({ line: 3, message: 'the row is longer than 1 MB (the limit for one row), so it was not read' });
    expect(rows[2]!.recommendation!.approach).toBe('fine-tune');
    // The quoted CRLF is in the cell (and counted): the next record is on line 7.
    expect(rows[3]!.error).toMatchObject({ path: 'task', line: 5 });
    expect(rows[4]!.error).toMatchObject({ path: 'gpu', line: 7 });
    expect(rows[4]!.error!.message).toContain('unknown GPU "h"100"');
    expect(rows[5]!.recommendation!.approach).toBe('use-as-is');
    expect(r.stderr).toContain('3 invalid (rows 2, 4, 5)');
  });

  it('an unclosed quote near the start of a large file is one row\'s error, read to the end in bounded pieces', async () => {
    const f = join(dir(), 'unclosed.csv');
    writeFileSync(f, `${HEADER}\n${GOOD}\ntext-classification,"close,10,\n${`${GOOD}\n`.repeat(100_000)}`);
    const r = await runCli(['batch', f, '--format', 'jsonl'], { timeoutMs: 60_000 });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(3);
    const rows = jsonl(r.stdout);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.recommendation!.approach).toBe('use-as-is');
    expect(rows[1]!.error).toMatchObject({ line: 3 });
    expect(rows[1]!.error!.message).toContain('longer than 1 MB');
  });

  it('a header row over the limit is the whole input\'s error: the rows cannot be read without it', async () => {
    const r = await runCli(['batch', '-', '--input-format', 'csv'], { input: `task,"${'x'.repeat(1_200_000)}"\n${GOOD}\n` });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(':1:1: the header row is longer than 1 MB (the limit for one row)');
  });

  it('an unclosed quote within the limit is "not valid CSV" at its record\'s line, with the hint', async () => {
    const r = await runCli(['batch', '-', '--input-format', 'csv', '--format', 'jsonl'], { input: `${HEADER}\n${GOOD}\r\n\r\nx,"open\r\nmore\r\n` });
    expect(r.code).toBe(3);
    const rows = jsonl(r.stdout);
    expect(rows[1]!.error).toMatchObject({ line: 4, hint: 'close the quote: a field with commas, quotes or line breaks is written "like ""this"""' });
    expect(rows[1]!.error!.message).toMatch(/^not valid CSV: /);
  });
});

const utf16le = (text: string) => Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => Buffer.concat([Buffer.of(0xfe, 0xff), Buffer.from(text, 'utf16le').swap16()]);

describe('batch: UTF-16 with a byte-order mark is read like UTF-8', () => {
  const examples: [string, string, string][] = [
    ['JSON Lines', 'jsonl', readFileSync(join(ROOT, 'examples', 'portfolio.jsonl'), 'utf8')],
    ['CSV', 'csv', readFileSync(join(ROOT, 'examples', 'portfolio.csv'), 'utf8')],
    ['a JSON array', 'json', `[${readFileSync(join(ROOT, 'examples', 'portfolio.jsonl'), 'utf8').trim().split('\n').join(',\n')}]`],
  ];

  it.each(examples)('%s, as a file and on standard input, in UTF-16LE and UTF-16BE', async (_name, ext, text) => {
    const utf8 = await runCli(['batch', '-', '--input-format', ext, '--format', 'jsonl'], { input: text });
    expect(utf8.code).toBe(0);
    expect(jsonl(utf8.stdout)).toHaveLength(8);
    for (const [enc, bytes] of [['le', utf16le(text)], ['be', utf16be(text)]] as const) {
      const f = join(dir(), `rows-${enc}.${ext}`);
      writeFileSync(f, bytes);
      const [file, stdin] = await Promise.all([
        runCli(['batch', f, '--format', 'jsonl']),
        runCli(['batch', '-', '--input-format', ext, '--format', 'jsonl'], { input: bytes }),
      ]);
      expect(file.stdout).toBe(utf8.stdout);
      expect(file.code).toBe(0);
      expect(stdin.stdout).toBe(utf8.stdout);
      expect(stdin.code).toBe(0);
    }
  });

  it.each(['jsonl', 'csv'])('UTF-16 without a byte-order mark is refused (%s), as a file and on standard input', async (ext) => {
    const bytes = Buffer.from(ext === 'csv' ? `${HEADER}\n${GOOD}\n` : '{"task": "translation", "existingModel": "exact"}\n', 'utf16le');
    const f = join(dir(), `no-bom.${ext}`);
    writeFileSync(f, bytes);
    for (const r of [await runCli(['batch', f]), await runCli(['batch', '-', '--input-format', ext], { input: bytes })]) {
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(':1:1: the file looks like UTF-16 text without a byte-order mark');
      expect(r.stderr).toContain('save it as UTF-8 (or as UTF-16 with a byte-order mark)');
    }
  });
});
