// `ml-advisor batch FILE|-`: many decisions, one output row per input row, in input order.
// Invalid rows get an error row and the batch goes on (exit 3); gates fail with exit 1;
// Ctrl-C stops after the row in hand with every written row whole (exit 130).
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Readable } from 'node:stream';
import { BatchTally, decideRow, rowError, type BatchRow, type RowDetail, type RowProblem } from '../core/pipeline/batch.js';
import { gatesFor, type RowGate } from '../core/result/row-gates.js';
import { parseGates } from './decide.js';
import type { InputIssue } from '../core/answers/check.js';
import type { Approach } from '../core/answers/fields.js';
import { formatNumber } from '../core/text/format.js';
import type { RuleSet } from '../core/rules/rule-set.js';
import { EXIT, OutputError, UsageError, internalErrorText, pathToString, signalExit } from '../errors.js';
import { applySets } from '../io/answers-file.js';
import { batchInputFormat, countRows, fileSource, readBatch, type BatchSource, type InputRow } from '../io/batch-input.js';
import { AtomicFile, Progress, Sink } from '../io/batch-output.js';
import { batchWriter, type RowLocation } from '../io/render-batch.js';
import { BATCH_OUTPUT_FORMATS, type BatchOutputFormat } from '../io/formats.js';
import type { OptionsOf } from '../cli-options.js';
import { parseFields, type FieldSelection, type SchemaNode } from '../core/result/fields.js';
import { layerFiles, loadRuleSet, readText } from '../io/rules-files.js';
import { checkOutputTarget } from '../io/output.js';
import { MAX_YAML_BATCH_BYTES } from '../io/limits.js';
import { readTextStream } from '../io/read-text.js';
import type { IO } from '../io/io.js';
import { resolveFormat } from './decide.js';

/** The flags of `batch`, typed from the flags table. */
export type BatchOptions = OptionsOf<'batch'>;

const OUTPUT_BY_EXTENSION: [RegExp, BatchOutputFormat][] = [
  [/\.(jsonl|ndjson)$/i, 'jsonl'],
  [/\.json$/i, 'json'],
  [/\.csv$/i, 'csv'],
  [/\.(md|markdown)$/i, 'markdown'],
  [/\.xml$/i, 'junit'],
  [/\.html?$/i, 'html'],
];

/** `--format`, else the `--output` file's extension, else table on a terminal and JSON Lines otherwise. */
export function batchOutputFormat(opts: BatchOptions, stdoutIsTTY: boolean): BatchOutputFormat {
  const fromFile = opts.output ? OUTPUT_BY_EXTENSION.find(([re]) => re.test(opts.output!))?.[1] : undefined;
  // --fields asks for JSON: on a terminal too it means JSON Lines, not the table.
  const fallback = fromFile ?? (opts.output || !stdoutIsTTY || opts.fields ? 'jsonl' : 'table');
  return resolveFormat({ format: opts.format ?? (opts.json ? undefined : fallback), json: opts.json }, BATCH_OUTPUT_FORMATS) as BatchOutputFormat;
}

const FIELDS_FORMATS: readonly BatchOutputFormat[] = ['jsonl', 'json'];

/** `--fields`, checked against the result schema before any row is read. */
async function fieldSelection(opts: BatchOptions, format: BatchOutputFormat): Promise<FieldSelection | undefined> {
  if (opts.fields === undefined) return undefined;
  if (!FIELDS_FORMATS.includes(format)) throw new UsageError(`--fields projects JSON rows, but the format is ${format}`, 'use --format jsonl or --format json with --fields, or drop --fields');
  // The schema (and zod with it) is loaded only when --fields is given.
  const { resultJsonSchema } = await import('../core/result/schema.js');
  const parsed = parseFields(opts.fields, resultJsonSchema() as SchemaNode);
  if (!parsed.ok) throw new UsageError(parsed.message, parsed.hint);
  return parsed.selection;
}

/** The gates each row must pass: --fail-on, --max-cost and --max-weeks, read as decide reads them. */
export function rowGates(opts: BatchOptions): RowGate[] {
  const gates = parseGates(opts);
  return Object.keys(gates).length ? [gatesFor(gates)] : [];
}

function stdinSource(io: IO): BatchSource {
  return {
    name: '<stdin>',
    open: () => io.stdin as Readable,
    readText: () => io.readStdin({ what: 'a YAML batch', limit: MAX_YAML_BATCH_BYTES }),
    close: () => (io.stdin as Readable).destroy?.(),
  };
}

/**
 * Stops the loop on Ctrl-C even while a read is pending (a slow producer on a pipe). The abort
 * promise is made afresh for each read and dropped after it: racing every read against one
 * long-lived promise would keep every batch of rows alive through its reaction list.
 */
async function* untilAborted<T>(items: AsyncIterable<T>, signal: AbortSignal | undefined, stop: () => void): AsyncGenerator<T> {
  if (!signal) return yield* items;
  const it = items[Symbol.asyncIterator]();
  while (!signal.aborted) {
    let onAbort!: () => void;
    const aborted = new Promise<IteratorResult<T>>((resolve) => {
      onAbort = () => resolve({ done: true, value: undefined });
      signal.addEventListener('abort', onAbort, { once: true });
    });
    const next = await Promise.race([aborted, it.next()]);
    signal.removeEventListener('abort', onAbort);
    if (next.done) break;
    yield next.value;
  }
  if (signal.aborted) stop();
}

function locatedProblems(issues: InputIssue[], input: InputRow, setFields: ReadonlySet<string>): RowProblem[] {
  return issues.map((i) => {
    const field = String(i.path[0] ?? '');
    if (setFields.has(field)) return { path: `--set ${field}`, message: i.message, hint: i.hint };
    const at = input.locate?.(i.path) ?? (input.line !== undefined ? { line: input.line } : undefined);
    return { message: i.message, path: i.path.length ? pathToString(i.path) : undefined, line: at?.line, column: at?.col, hint: i.hint };
  });
}

/** The row's line, and the line of a field the row has (for reports that point into the file). */
function locationOf(input: InputRow): RowLocation {
  const value = input.value as Record<string, unknown> | undefined;
  return {
    line: input.line,
    lineOf: (field) => (value && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, field) ? input.locate?.([field])?.line : undefined),
  };
}

function evaluate(row: number, input: InputRow, overrides: Record<string, unknown>, setFields: ReadonlySet<string>, rs: RuleSet, gates: RowGate[], detail: RowDetail): BatchRow {
  if (input.problems) return { row, error: rowError(input.problems) };
  const d = decideRow(input.value, overrides, rs, gates, { detail });
  if (!d.ok) return { row, error: rowError(locatedProblems(d.issues, input, setFields)) };
  // Optional members set one by one, as decideRow does (a spread into a literal is V8's slow path).
  const decided: Extract<BatchRow, { summary: unknown }> = { row, summary: d.summary };
  if (d.result) decided.result = d.result;
  if (d.failedGates) decided.failedGates = d.failedGates;
  return decided;
}

/**
 * One row, whatever happens while deciding it: a bug met in one row becomes that row's error line
 * (and its one line on standard error, with the stack under --debug), and the batch goes on.
 */
function evaluateIsolated(row: number, input: InputRow, overrides: Record<string, unknown>, setFields: ReadonlySet<string>, rs: RuleSet, gates: RowGate[], detail: RowDetail, report: (e: unknown) => void): BatchRow {
  try {
    return evaluate(row, input, overrides, setFields, rs, gates, detail);
  } catch (e) {
    report(e);
    const msg = e instanceof Error ? e.message : String(e);
    return { row, error: { message: `internal error: ${msg.split('\n')[0]} (a bug in ml-advisor, not in this row)`, internal: true, ...(input.line !== undefined ? { line: input.line } : {}) } };
  }
}

/** `debug` is the global --debug: an internal error in a row prints its stack. */
export async function runBatch(file: string, opts: BatchOptions, io: IO, debug = false): Promise<number> {
  const inputFormat = batchInputFormat(file, opts.inputFormat);
  const format = batchOutputFormat(opts, io.stdout.isTTY === true && !opts.output);
  const fields = await fieldSelection(opts, format);
  const gates = rowGates(opts);
  const sets = opts.set ?? [];
  const overrides = applySets({}, sets);
  const setFields = new Set(Object.keys(overrides));
  if (file === '-' && io.stdinIsTTY) {
    throw new UsageError('batch - reads rows from standard input, but standard input is a terminal', 'pipe the rows in (cat rows.jsonl | ml-advisor batch -) or name a file');
  }
  // Before any work: an --output that is a folder, a link, a device, one of the inputs, or in a
  // place where no file can be created is refused now, not after every row has been decided.
  if (opts.output !== undefined) {
    const inputs = [...(file === '-' ? [] : [file]), ...layerFiles(io.cwd, io.env, opts.rules ?? []).map((l) => l.file)];
    checkOutputTarget(opts.output, { cwd: io.cwd, inputs });
  }
  const source = file === '-' ? stdinSource(io) : await fileSource(file, () => readText(file, 'a YAML batch', MAX_YAML_BATCH_BYTES), (s) => readTextStream(s, { name: file, what: 'a YAML batch', limit: MAX_YAML_BATCH_BYTES }));
  const ruleSet = await loadRuleSet({ layers: opts.rules, cwd: io.cwd, env: io.env });

  // From here on Ctrl-C stops the batch cleanly instead of exiting at once.
  const signal = io.takeOverInterrupt?.();
  const out = opts.output ? await AtomicFile.create(opts.output) : undefined;
  const sink = new Sink(out ? out.output : io.stdout);
  // A table is cut to the terminal's width only when it goes to the terminal.
  const writer = batchWriter(format, { width: out ? undefined : io.stdout.columns, source: file === '-' ? undefined : file, ruleSet, fields });
  const tally = new BatchTally();
  const progress = !opts.quiet && io.stderr.isTTY === true ? new Progress(io.stderr) : undefined;
  const reportInternal = (row: number) => (e: unknown) => {
    progress?.clear();
    io.stderr.write(internalErrorText(e, { debug, where: ` in row ${row}` }));
  };
  // "of N" where the size is known: a file counted first (only when progress is shown), or a
  // list read at once (below).
  if (progress && file !== '-') progress.total = countRows(file, inputFormat);

  try {
    await sink.write(writer.start());
    let row = 0;
    rows: for await (const inputs of untilAborted(readBatch(source, inputFormat), signal, () => source.close())) {
      if (progress && progress.total === undefined && (inputFormat === 'json' || inputFormat === 'yaml')) progress.total = inputs.length;
      for (const input of inputs) {
        if (signal?.aborted) break rows;
        row++;
        const r = evaluateIsolated(row, input, overrides, setFields, ruleSet, gates, writer.detail, reportInternal(row));
        tally.add(r);
        // Awaited only when the output pushes back: an await per row costs a turn of the queue.
        const full = writer.encode ? sink.encode((into) => writer.encode!(r, into)) : sink.write(writer.row(r, locationOf(input)));
        if (full) await full;
        if ((row & 255) === 0) {
          progress?.update(tally.rows, tally.invalid);
          // Let Ctrl-C in even when no read is pending (a JSON or YAML list is read at once).
          await nextTurn();
        }
      }
      // Everything read so far is decided: let it out now, so that rows from a slow producer
      // (a pipe, `tail -f`) show up as they come rather than 64 kB at a time.
      const full = sink.flush();
      if (full) await full;
    }
    await sink.write(writer.end(tally));
    await sink.flush();
    await sink.settle();
  } catch (e) {
    progress?.clear();
    await out?.discard();
    if (e instanceof OutputError && out) throw new OutputError(`${e.message}; ${opts.output} was left as it was`);
    throw e;
  }
  progress?.clear();

  const interrupted = signal?.aborted === true;
  let where: string | undefined;
  if (out) {
    try {
      where = interrupted ? await out.keepPartial() : await out.commit();
    } catch (e) {
      await out.discard();
      if (e instanceof OutputError) throw new OutputError(`${e.message}; ${opts.output} was left as it was`);
      throw e;
    }
  }
  if (!opts.quiet) {
    // On a terminal the summary wraps at spaces, never inside a word (wrap-ansi, loaded only then).
    const lines = tally.summary(opts.failOn as Approach | undefined).map((l) => `batch: ${l}`);
    const wrapAt = io.stderr.isTTY === true && io.stderr.columns ? io.stderr.columns : undefined;
    const wrapLine = wrapAt ? (await import('../io/render-text.js')).wrap : undefined;
    for (const line of lines) io.stderr.write(`${wrapLine ? wrapLine(line, '', wrapAt, 7) : line}\n`);
    if (where && !interrupted) io.stderr.write(`batch: wrote ${where}\n`);
  }
  if (interrupted) {
    const earlier = where && where !== `${opts.output}.partial` ? ` (the ${opts.output}.partial already there was kept)` : '';
    io.stderr.write(`Interrupted after ${formatNumber(tally.rows)} row${tally.rows === 1 ? '' : 's'}${where ? `: they are in ${where}${earlier}, and ${opts.output} was left as it was` : ''}.\n`);
    return signalExit(signal?.reason);
  }
  // A bug met in a row wins over everything: the rows it hit have no verdict at all. Invalid rows
  // win over a failed gate: the gate saw only the valid rows, so its verdict is incomplete until
  // the input is fixed (README, "Exit codes").
  if (tally.internal) return EXIT.internal;
  if (tally.invalid) return EXIT.input;
  if (tally.gateFailed) return EXIT.gate;
  return EXIT.ok;
}
