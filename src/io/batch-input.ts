// Reading a batch of answer rows: JSON Lines and CSV as streams (memory stays flat however long
// the file), a JSON array or a YAML list as one document. Every row keeps where it came from,
// so that an invalid row can say its line (and column) and the batch can go on.
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { answersFromCells, type RowProblem } from '../core/pipeline/batch.js';
import { InputError, UsageError, type Problem } from '../errors.js';
import { unreadable } from './rules-files.js';
import { parseJsonSource, parseSource } from './source.js';

export const BATCH_INPUT_FORMATS = ['jsonl', 'json', 'yaml', 'csv'] as const;
export type BatchInputFormat = (typeof BATCH_INPUT_FORMATS)[number];

const BY_EXTENSION: [RegExp, BatchInputFormat][] = [
  [/\.(jsonl|ndjson)$/i, 'jsonl'],
  [/\.json$/i, 'json'],
  [/\.ya?ml$/i, 'yaml'],
  [/\.csv$/i, 'csv'],
];

/** The input format: `--input-format`, else the extension; `-` (standard input) is JSON Lines. */
export function batchInputFormat(file: string, flag?: string): BatchInputFormat {
  if (flag !== undefined) {
    if (!(BATCH_INPUT_FORMATS as readonly string[]).includes(flag)) throw new UsageError(`--input-format must be one of ${BATCH_INPUT_FORMATS.join(', ')}, not "${flag}"`);
    return flag as BatchInputFormat;
  }
  if (file === '-') return 'jsonl';
  const hit = BY_EXTENSION.find(([re]) => re.test(file));
  if (!hit) throw new UsageError(`cannot tell the format of ${file} from its name`, `name it .jsonl, .json, .yaml or .csv, or pass --input-format ${BATCH_INPUT_FORMATS.join('|')}`);
  return hit[1];
}

/** One row as read: its value, or the problems that kept it from being read. */
export interface InputRow {
  /** The 1-based line where the row starts, when known. */
  line?: number;
  value?: unknown;
  problems?: RowProblem[];
  /** Line (and column, where it means something) of a field path inside the row. */
  locate?(path: readonly (string | number)[]): { line: number; col?: number } | undefined;
}

export interface BatchSource {
  /** The name used in messages: the file, or `-`. */
  name: string;
  /** Opens the bytes as a stream (standard input or the file). */
  open(): Readable;
  /** Reads everything as text (for the whole-document formats). */
  readText(): Promise<string>;
  /** Stops reading (after Ctrl-C): a pending read must not keep the process alive. */
  close(): void;
}

/** A file as a batch source; a missing file is a usage error now, not a stream error later. */
export function fileSource(file: string, readText: () => string): BatchSource {
  let fd: number;
  try {
    fd = openSync(file, 'r');
    if (fstatSync(fd).isDirectory()) {
      closeSync(fd);
      throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    }
  } catch (e) {
    throw unreadable(file, e);
  }
  let stream: Readable | undefined;
  return {
    name: file,
    open: () => (stream = createReadStream(file, { fd, highWaterMark: 1 << 16 })),
    readText: async () => {
      closeSync(fd);
      return readText();
    },
    close: () => stream?.destroy(),
  };
}

const toRowProblem = (p: Problem, line?: number): RowProblem => ({
  message: p.message,
  ...(p.path !== undefined ? { path: p.path } : {}),
  ...(line ?? p.line) !== undefined ? { line: line ?? p.line } : {},
  ...(p.col !== undefined ? { column: p.col } : {}),
  ...(p.hint !== undefined ? { hint: p.hint } : {}),
});

/**
 * The rows, in order, in batches: whatever one read of the input yields (a 64 kB chunk of JSON
 * Lines is a few hundred rows). Passing rows through three async generators one at a time cost
 * more than parsing them.
 */
export function readBatch(src: BatchSource, format: BatchInputFormat): AsyncIterable<InputRow[]> {
  switch (format) {
    case 'jsonl':
      return readJsonLines(src);
    case 'csv':
      return readCsv(src);
    default:
      return readDocument(src, format);
  }
}

/** Lines of a stream, a chunk's worth at a time, split by hand: a read error reaches the loop. */
async function* lines(input: Readable): AsyncGenerator<string[]> {
  input.setEncoding('utf8');
  let rest = '';
  for await (const chunk of input as AsyncIterable<string>) {
    const text = rest + chunk;
    const out: string[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      out.push(text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
    if (out.length) yield out;
  }
  if (rest !== '') yield [rest];
}

function jsonLine(text: string, line: number, name: string): InputRow {
  try {
    // The same reader as `decide --answers file.json`: duplicate keys, binary data and bad
    // UTF-8 are reported the same way, with the column on this line.
    const parsed = parseJsonSource(text, name);
    return { line, value: parsed.value, locate: (path) => {
      const p = parsed.locate(path);
      return p && { line, col: p.col };
    } };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { line, problems: e.problems.map((p) => toRowProblem(p, line)) };
  }
}

async function* readJsonLines(src: BatchSource): AsyncGenerator<InputRow[]> {
  let line = 0;
  for await (const texts of lines(src.open())) {
    const rows: InputRow[] = [];
    for (const text of texts) {
      line++;
      if (text.trim() !== '') rows.push(jsonLine(text, line, src.name));
    }
    if (rows.length) yield rows;
  }
}

async function* readDocument(src: BatchSource, format: 'json' | 'yaml'): AsyncGenerator<InputRow[]> {
  const text = await src.readText();
  let doc;
  try {
    doc = await parseSource(text, src.name, format);
  } catch (e) {
    if (e instanceof InputError && format === 'json' && /^\s*\{[^\n]*\}\s*\n\s*\{/.test(text)) {
      const p = e.problems[0]!;
      throw new InputError([{ ...p, hint: 'this looks like JSON Lines (one object per line): name the file .jsonl or pass --input-format jsonl' }]);
    }
    throw e;
  }
  const rows = doc.value;
  if (!Array.isArray(rows)) {
    throw new InputError([{
      file: src.name, line: 1, col: 1,
      message: `expected a list of answer objects, found ${rows === null ? 'nothing' : typeof rows === 'object' ? 'one object' : `a ${typeof rows}`}`,
      hint: 'for one scenario use `ml-advisor decide --answers FILE`; for many, write a list (a JSON array or a YAML list), or one object per line in a .jsonl file',
    }]);
  }
  for (let from = 0; from < rows.length; from += 256) {
    const batch: InputRow[] = [];
    for (let i = from; i < Math.min(from + 256, rows.length); i++) {
      batch.push({ line: doc.locate([i])?.line, value: rows[i], locate: (path) => doc.locate([i, ...path]) });
    }
    yield batch;
  }
}

const BREAK = /\r\n|\r|\n/g;
const countBreaks = (s: string) => s.match(BREAK)?.length ?? 0;
const leadingBreaks = (s: string) => /^(?:\r\n|\r|\n)*/.exec(s)![0].match(BREAK)?.length ?? 0;

/** What a stream has ready, as one batch per read; ends with the stream, throws its error. */
async function* ready<T>(stream: Readable): AsyncGenerator<T[]> {
  for (;;) {
    const batch: T[] = [];
    for (let item = stream.read() as T | null; item !== null; item = stream.read() as T | null) batch.push(item);
    if (batch.length) yield batch;
    if (stream.readableEnded) return;
    if (stream.errored) throw stream.errored;
    await new Promise<void>((resolve, reject) => {
      const settle = (e?: Error) => {
        stream.off('readable', settle).off('end', settle).off('error', settle);
        if (e) reject(e);
        else resolve();
      };
      stream.on('readable', settle).on('end', settle).on('error', settle);
    });
  }
}

type CsvItem = { record: string[]; raw: string } | { skipped?: Error; raw?: string };

async function* readCsv(src: BatchSource): AsyncGenerator<InputRow[]> {
  const { parse } = await import('csv-parse');
  const input = src.open();
  const parser = parse({
    bom: true,
    info: true,
    raw: true,
    skip_empty_lines: true,
    // Column counts and odd quotes inside a field are checked per row below (or left to the
    // field's validation), so one bad row never swallows the rows after it.
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    // A record that cannot be parsed (an unclosed quote) goes down the same stream, in order.
    on_skip: (err: Error | undefined, raw: string | undefined) => {
      parser.push({ skipped: err, raw });
    },
  });
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);

  let header: string[] | undefined;
  // Lines are counted from the raw text: csv-parse's own count drifts on CRLF inside quotes.
  let consumed = 0;
  const toRow = (item: CsvItem): InputRow | undefined => {
    const raw = item.raw ?? '';
    const line = consumed + leadingBreaks(raw) + 1;
    consumed += countBreaks(raw);
    if (!('record' in item)) {
      const why = (item.skipped?.message ?? 'the record cannot be read').replace(/ at line \d+.*$/, '');
      return { line, problems: [{ line, message: `not valid CSV: ${why}`, hint: 'close the quote: a field with commas, quotes or line breaks is written "like ""this"""' }] };
    }
    if (!header) {
      header = item.record.map((h) => h.trim());
      const seen = new Set<string>();
      for (const h of header) {
        if (h === '') throw new InputError([{ file: src.name, line, message: 'the header row has an empty column name', hint: 'the first row names the answer field of each column, e.g. task,existingModel,labeledExamples' }]);
        if (seen.has(h)) throw new InputError([{ file: src.name, line, message: `the header row names "${h}" twice`, hint: 'keep one column per answer field' }]);
        seen.add(h);
      }
      return undefined;
    }
    const cells = item.record;
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== '')) {
      return { line, problems: [{ line, message: `the row has ${cells.length} cells but the header names ${header.length} columns`, hint: 'quote cells that contain commas, or add the missing column to the header' }] };
    }
    // The path names the column; the line is the record's.
    return { line, value: answersFromCells(header, cells), locate: () => ({ line }) };
  };
  for await (const items of ready<CsvItem>(parser)) {
    const rows: InputRow[] = [];
    for (const item of items) {
      const row = toRow(item);
      if (row) rows.push(row);
    }
    if (rows.length) yield rows;
  }
}

/**
 * The rows in a JSON Lines or CSV file, counted before the batch starts so that progress can say
 * "of N" (non-blank lines; for CSV less the header, and a record with a quoted line break counts
 * twice, so it is an upper bound there). Reads 1 MB at a time; undefined for anything else.
 */
export function countRows(file: string, format: BatchInputFormat): number | undefined {
  if (format !== 'jsonl' && format !== 'csv') return undefined;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const buf = Buffer.alloc(1 << 20);
    let lines = 0;
    let blank = true;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n <= 0) break;
      for (let i = 0; i < n; i++) {
        const b = buf[i]!;
        if (b === 10) {
          if (!blank) lines++;
          blank = true;
        } else if (b !== 13 && b !== 32 && b !== 9) blank = false;
      }
    }
    if (!blank) lines++;
    return format === 'csv' ? Math.max(0, lines - 1) : lines;
  } finally {
    closeSync(fd);
  }
}
