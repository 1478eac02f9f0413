// Reading a batch of answer rows: JSON Lines and CSV as streams (memory stays flat however long
// the file), a JSON array or a YAML list as one document. Every row keeps where it came from,
// so that an invalid row can say its line (and column) and the batch can go on.
import { open, type FileHandle } from 'node:fs/promises';
import { closeSync, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { answersFromCells, type RowProblem } from '../core/pipeline/batch.js';
import { InputError, UsageError, type Problem } from '../errors.js';
import { unreadable } from './rules-files.js';
import { parseJsonSource, parseSource } from './source.js';
import { MAX_ROW_CHARS, mb } from './limits.js';
import { csvCells, splitCsvRecords, splitJsonArray, splitLines, type Piece } from './split.js';
import { decodeStream, openFifo } from './read-text.js';

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

/**
 * A file as a batch source; a missing file is a usage error now, not a stream error later. Opened
 * asynchronously: a FIFO nobody writes to yet must not block the process (Ctrl-C stays live).
 */
export async function fileSource(file: string, readText: () => Promise<string>, readStream: (s: Readable) => Promise<string>): Promise<BatchSource> {
  const fifo = await openFifo(file);
  if (fifo) return { name: file, open: () => fifo, readText: () => readStream(fifo), close: () => fifo.destroy() };
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (e) {
    throw unreadable(file, e);
  }
  const st = await fh.stat();
  if (st.isDirectory() || st.isCharacterDevice() || st.isBlockDevice()) {
    await fh.close();
    if (st.isDirectory()) throw unreadable(file, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
    throw new UsageError(`${file}: is a device, not a file`, 'name a file of rows, or - to read them from standard input');
  }
  let stream: Readable | undefined;
  return {
    name: file,
    open: () => (stream = fh.createReadStream({ highWaterMark: 1 << 16 })),
    readText: async () => {
      await fh.close();
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
    case 'json':
      return readJsonArray(src);
    default:
      return readDocument(src);
  }
}

const OVERSIZED_HINT = `a row is one set of answers, a few hundred bytes; check that the file is the one you meant (README, "Limits")`;

/** A piece of a JSON Lines file or JSON array as a row: parsed, too long, or a problem in the list. */
function pieceRow(p: Piece, name: string): InputRow {
  if ('oversized' in p) return { line: p.line, problems: [{ line: p.line, column: p.col, message: `the row is longer than ${mb(MAX_ROW_CHARS)} (the limit for one row), so it was not read`, hint: OVERSIZED_HINT }] };
  if ('problem' in p) return { line: p.line, problems: [{ line: p.line, column: p.col, message: p.problem, ...(p.hint ? { hint: p.hint } : {}) }] };
  if (p.line === 1 && p.col === 1) return jsonLine(p.text, p.line, name);
  // An element of a JSON array: positions inside it are shifted to where it starts in the file.
  const row = jsonLine(p.text, 1, name);
  const shift = (at: { line: number; col?: number }) => ({ line: p.line + at.line - 1, col: at.line === 1 && at.col !== undefined ? at.col + p.col - 1 : at.col });
  return {
    line: p.line,
    ...(row.value !== undefined ? { value: row.value } : {}),
    ...(row.problems ? { problems: row.problems.map((q) => ({ ...q, line: p.line + (q.line ?? 1) - 1, ...(q.column !== undefined && (q.line ?? 1) === 1 ? { column: q.column + p.col - 1 } : {}) })) } : {}),
    ...(row.locate ? { locate: (path) => { const at = row.locate!(path); return at && shift(at); } } : {}),
  };
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

/**
 * The text of a source, a chunk at a time (a read error reaches the loop), in the encoding its
 * first bytes say: UTF-8, or UTF-16 with a byte-order mark.
 */
const textOf = (src: BatchSource): AsyncGenerator<string> => decodeStream(src.open() as AsyncIterable<Buffer>, src.name);

async function* readJsonLines(src: BatchSource): AsyncGenerator<InputRow[]> {
  for await (const pieces of splitLines(textOf(src), MAX_ROW_CHARS)) {
    const rows: InputRow[] = [];
    for (const p of pieces) if (!('text' in p) || p.text.trim() !== '') rows.push(pieceRow(p, src.name));
    if (rows.length) yield rows;
  }
}

/** A JSON array, element by element: streamed like JSON Lines, so memory stays flat. */
async function* readJsonArray(src: BatchSource): AsyncGenerator<InputRow[]> {
  let first = true;
  for await (const pieces of splitJsonArray(textOf(src), MAX_ROW_CHARS)) {
    // A document that is no list at all is the whole input's problem, not a row's.
    const head = pieces[0];
    if (first && head && 'problem' in head) throw new InputError([{ file: src.name, line: head.line, col: head.col, message: head.problem, ...(head.hint ? { hint: head.hint } : {}) }]);
    first = false;
    yield pieces.map((p) => pieceRow(p, src.name));
  }
}

async function* readDocument(src: BatchSource): AsyncGenerator<InputRow[]> {
  const text = await src.readText();
  const doc = await parseSource(text, src.name, 'yaml', 'batch');
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

/**
 * CSV, record by record: split here (bounded like a JSON Lines line, so an oversized or endless
 * record is that row's error and the rows after it are read), then cut into cells. csv-parse's
 * own `max_record_size` stops the parse at the first long record, losing the rows after it.
 */
async function* readCsv(src: BatchSource): AsyncGenerator<InputRow[]> {
  let header: string[] | undefined;
  const toRow = (p: Piece): InputRow | undefined => {
    if ('oversized' in p) {
      if (!header) throw new InputError([{ file: src.name, line: p.line, message: `the header row is longer than ${mb(MAX_ROW_CHARS)} (the limit for one row)`, hint: OVERSIZED_HINT }]);
      return pieceRow(p, src.name);
    }
    const { line } = p;
    if ('problem' in p) return { line, problems: [{ line, message: p.problem, ...(p.hint ? { hint: p.hint } : {}) }] };
    const cells = csvCells(p.text);
    if (!header) {
      header = cells.map((h) => h.trim());
      const seen = new Set<string>();
      for (const h of header) {
        if (h === '') throw new InputError([{ file: src.name, line, message: 'the header row has an empty column name', hint: 'the first row names the answer field of each column, e.g. task,existingModel,labeledExamples' }]);
        if (seen.has(h)) throw new InputError([{ file: src.name, line, message: `the header row names "${h}" twice`, hint: 'keep one column per answer field' }]);
        seen.add(h);
      }
      return undefined;
    }
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== '')) {
      return { line, problems: [{ line, message: `the row has ${cells.length} cells but the header names ${header.length} columns`, hint: 'quote cells that contain commas, or add the missing column to the header' }] };
    }
    // The path names the column; the line is the record's.
    return { line, value: answersFromCells(header, cells), locate: () => ({ line }) };
  };
  for await (const pieces of splitCsvRecords(textOf(src), MAX_ROW_CHARS)) {
    const rows: InputRow[] = [];
    for (const p of pieces) {
      const row = toRow(p);
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
        } else if (b !== 13 && b !== 32 && b !== 9 && b !== 0) blank = false; // NUL: UTF-16's other half
      }
    }
    if (!blank) lines++;
    return format === 'csv' ? Math.max(0, lines - 1) : lines;
  } finally {
    closeSync(fd);
  }
}
