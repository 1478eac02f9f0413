// Batch output formats. Each writer turns rows into text, one row at a time, so that output
// streams like input: nothing waits for the end except the closing lines (the JSON array's `]`,
// the markdown summary). Writing, buffering and backpressure are in batch-output.ts.
import { APPROACHES } from '../core/answers/fields.js';
import { describeRowError, summarizeRow, type BatchRow, type BatchTally, type RowDetail, type RowSummary } from '../core/pipeline/batch.js';
import { formatNumber } from '../core/text/format.js';
import { gateLabel } from '../core/result/row-gates.js';
import { escapeMarkdown, escapeTerminal, markdownCell, markdownCode } from '../core/text/escape.js';
import { decisionAnnotations, workflowCommand } from './render-github.js';
import { renderJunit, type JunitCase } from './render-junit.js';
import type { RuleSet } from '../core/rules/rule-set.js';
import { htmlWriter } from './render-batch-html.js';
import { JsonRowEncoder, type ByteBuffer } from './json-bytes.js';
import { csvRecord } from './csv-record.js';
import { leanSource, project, type FieldSelection } from '../core/result/fields.js';

import type { BatchOutputFormat } from './formats.js';

export interface BatchWriter {
  /** What the rows must carry: the whole result (JSON Lines, JSON), or only its summary. */
  detail: RowDetail;
  /** Text before the first row (a header). */
  start(): string;
  row(r: BatchRow, at?: RowLocation): string;
  /** The row's bytes written straight into the output buffer, the same bytes as row() (JSON Lines, JSON). */
  encode?(r: BatchRow, into: ByteBuffer): void;
  /** Text after the last row; also written when the batch is interrupted, so documents stay whole. */
  end(tally: BatchTally): string;
}

export interface WriterOptions {
  /** Terminal width, for the table; without one (a pipe, a file) nothing is cut short. */
  width?: number;
  /** The input file (not standard input), for reports that point into it (junit, github). */
  source?: string;
  /** The rules that decided, for annotations at the line of the field a warning is about (github). */
  ruleSet?: RuleSet;
  /** `--fields` (JSON Lines, JSON): each row keeps `row`, these parts of the result, and its failed gates. */
  fields?: FieldSelection;
}

/** Where a row is in the input: its line, and the line of a field in it. */
export interface RowLocation {
  line?: number;
  lineOf?(field: string): number | undefined;
}

/** The member after a decided row's result: its failed gates, or nothing. */
const gatesMember = (r: Exclude<BatchRow, { error: unknown }>): string => (r.failedGates ? `,"failedGates":${JSON.stringify(r.failedGates)}` : '');

/** One row as JSON: `row` first, then the result (or the error), then any failed gates. */
export function rowJson(r: BatchRow): string {
  if ('error' in r) return `{"row":${r.row},"error":${JSON.stringify(r.error)}}`;
  // Splicing the row number in saves copying a large result object for every row.
  const body = JSON.stringify(r.result ?? r.summary);
  return `{"row":${r.row},${body.slice(1, -1)}${gatesMember(r)}}`;
}

/**
 * One row of `--fields`: `row`, the chosen parts of the result in the order asked, then the
 * failed gates; an invalid row is its error, as without `--fields`. A lean selection is read off
 * the summary (the batch then decides through the summary path).
 */
export function projectedRowJson(r: BatchRow, fields: FieldSelection): string {
  if ('error' in r) return rowJson(r);
  const picked = project(r.result ?? leanSource(r.summary), fields.tree) as Record<string, unknown>;
  return JSON.stringify({ row: r.row, ...picked, ...(r.failedGates ? { failedGates: r.failedGates } : {}) });
}

const money = (n: number | undefined) => (n === undefined ? '' : formatNumber(n, 0));
const weeks = (n: number | undefined) => (n === undefined ? '' : formatNumber(n, 1));

export const CSV_COLUMNS = ['row', 'task', 'recommendation', 'position', 'confidence', 'costLikelyUsd', 'weeksLikely', 'warnings', 'failedGates', 'error', 'errorPath', 'errorLine'] as const;

export function csvCells(s: RowSummary): (string | number)[] {
  return [
    s.row,
    s.task ?? '',
    s.recommendation ?? '',
    s.position ?? '',
    s.confidence ?? '',
    s.costLikelyUsd ?? '',
    s.weeksLikely ?? '',
    s.warnings.join(' '),
    // Without the leading dashes, which a spreadsheet would read as a formula (and csvRecord would mark with an apostrophe).
    s.failedGates.map((g) => g.message.replace(/^--/, '')).join('; '),
    s.error ? s.error.message + (s.error.problems ? ` (and ${s.error.problems.length - 1} more)` : '') : '',
    s.error?.path ?? '',
    s.error?.line ?? '',
  ];
}

function csvWriter(): BatchWriter {
  return {
    detail: 'summary',
    start: () => csvRecord(CSV_COLUMNS),
    // A cell such as `=HYPERLINK(…)` from a crafted input is not run by a spreadsheet (csv-record.ts).
    row: (r) => csvRecord(csvCells(summarizeRow(r))),
    end: () => '',
  };
}

/**
 * rowJson's bytes, written into the output buffer with the records rows share encoded once
 * (json-bytes.ts); `before` and `after` are the text around the row (a separator, a newline).
 */
export function encodeRow(encoder: JsonRowEncoder, r: BatchRow, into: ByteBuffer, before: string, after: string): void {
  if ('error' in r) return into.text(before + rowJson(r) + after);
  encoder.row(into, `${before}{"row":${r.row},`, r.result ?? r.summary, gatesMember(r), `}${after}`);
}

/** The JSON of a row, whole or (with `--fields`) projected, and how much of the decision it needs. */
function rowEncoding(fields: FieldSelection | undefined): { detail: RowDetail; json: (r: BatchRow) => string; encode?: (r: BatchRow, into: ByteBuffer, before: string, after: string) => void } {
  if (fields) return { detail: fields.lean ? 'summary' : 'full', json: (r) => projectedRowJson(r, fields) };
  const encoder = new JsonRowEncoder();
  return { detail: 'full', json: rowJson, encode: (r, into, before, after) => encodeRow(encoder, r, into, before, after) };
}

function jsonlWriter(opts: WriterOptions): BatchWriter {
  const { detail, json, encode } = rowEncoding(opts.fields);
  return { detail, start: () => '', row: (r) => json(r) + '\n', ...(encode ? { encode: (r, into) => encode(r, into, '', '\n') } : {}), end: () => '' };
}

function jsonWriter(opts: WriterOptions): BatchWriter {
  const { detail, json, encode } = rowEncoding(opts.fields);
  let first = true;
  const sep = () => {
    const s = first ? '\n' : ',\n';
    first = false;
    return s;
  };
  return {
    detail,
    start: () => '[',
    row: (r) => sep() + json(r),
    ...(encode ? { encode: (r, into) => encode(r, into, sep(), '') } : {}),
    end: () => (first ? ']\n' : '\n]\n'),
  };
}

function fit(text: string, width: number): string {
  if (!Number.isFinite(width)) return text;
  return text.length > width ? text.slice(0, Math.max(0, width - 1)) + '…' : text.padEnd(width);
}

const TABLE = [
  { title: 'ROW', width: 6 },
  { title: 'TASK', width: 25 },
  { title: 'RECOMMENDATION', width: 19 },
  { title: 'CONFIDENCE', width: 11 },
  { title: 'COST (USD)', width: 12, right: true },
  { title: 'WEEKS', width: 7, right: true },
] as const;
const NOTES_AT = TABLE.reduce((n, c) => n + c.width + 1, 0);

function tableWriter(opts: WriterOptions): BatchWriter {
  const notesWidth = opts.width ? Math.max(20, opts.width - NOTES_AT - 1) : Infinity;
  const cell = (text: string, i: number) => {
    const c = TABLE[i]!;
    return 'right' in c ? fit(text, c.width - 1).trimEnd().padStart(c.width - 1) + ' ' : fit(text, c.width);
  };
  const line = (cells: string[], notes: string) => `${cells.map(cell).join(' ')} ${fit(notes, notesWidth)}`.trimEnd() + '\n';
  return {
    detail: 'summary',
    start: () => line(TABLE.map((c) => c.title), 'WARNINGS'),
    row: (r) => {
      const s = summarizeRow(r);
      // The table is for a terminal: text that echoes the input cannot carry a control sequence.
      if (s.error) return `${cell(String(s.row), 0)} ${fit(escapeTerminal(`${s.error.internal ? 'internal error' : 'invalid'}: ${describeRowError(s.error)}`), NOTES_AT - TABLE[0].width - 1 + notesWidth)}`.trimEnd() + '\n';
      const notes = escapeTerminal([...s.failedGates.map((g) => `FAILS ${gateLabel(g)}`), ...s.warnings].join(', '));
      return line([String(s.row), s.task ?? '', s.recommendation ?? '', s.confidence ?? '', money(s.costLikelyUsd), weeks(s.weeksLikely)], notes);
    },
    end: () => '',
  };
}

function markdownWriter(): BatchWriter {
  return {
    detail: 'summary',
    start: () => '# ml-advisor batch\n\n| Row | Task | Recommendation | Confidence | Likely cost (USD) | Likely weeks | Warnings |\n|---:|---|---|---|---:|---:|---|\n',
    row: (r) => {
      const s = summarizeRow(r);
      // Each cell is escaped on its own (core/text/escape.ts); the ** and code spans are the only markup.
      const cells = s.error
        ? [String(s.row), '', s.error.internal ? '**internal error**' : '**invalid**', '', '', '', markdownCell(describeRowError(s.error))]
        : [String(s.row), markdownCell(s.task ?? ''), markdownCell(s.recommendation ?? ''), markdownCell(s.confidence ?? ''), money(s.costLikelyUsd), weeks(s.weeksLikely), [...s.failedGates.map((g) => `**fails ${escapeMarkdown(gateLabel(g))}**`), ...s.warnings.map(markdownCode)].join(', ')];
      return `| ${cells.join(' | ')} |\n`;
    },
    end: (tally) => markdownSummary(tally),
  };
}

export function markdownSummary(tally: BatchTally): string {
  const out = ['', '## Summary', '', '| Recommendation | Rows |', '|---|---:|'];
  for (const a of APPROACHES) out.push(`| ${a} | ${formatNumber(tally.bySpot.get(a) ?? 0)} |`);
  if (tally.invalid) out.push(`| invalid | ${formatNumber(tally.invalid)} |`);
  if (tally.internal) out.push(`| internal error | ${formatNumber(tally.internal)} |`);
  out.push(`| **total** | **${formatNumber(tally.rows)}** |`);
  if (tally.gateFailed) out.push('', `${[...tally.gatesFailed].map(markdownCode).join(', ')} failed on ${formatNumber(tally.gateFailed)} row${tally.gateFailed === 1 ? '' : 's'}.`);
  return out.join('\n') + '\n';
}

/**
 * One compact JSON line a row: the spot, its confidence, the recommended spot's likely and high
 * cost and weeks, the warning ids and failed gates (schema: `ml-advisor schema compact`).
 */
export function compactJson(r: BatchRow): string {
  if ('error' in r) return `{"row":${r.row},"error":${JSON.stringify(r.error)}}`;
  const s = r.summary;
  const out: Record<string, unknown> = { row: r.row, approach: s.approach, position: s.position, confidence: s.confidence };
  if (s.cost) out.cost = { likely: s.cost.likely, high: s.cost.high };
  if (s.time) out.weeks = { likely: s.time.likely, high: s.time.high };
  out.warnings = s.warnings;
  if (r.failedGates) out.failedGates = r.failedGates;
  return JSON.stringify(out);
}

function compactWriter(): BatchWriter {
  return { detail: 'summary', start: () => '', row: (r) => compactJson(r) + '\n', end: () => '' };
}

/** One test case per row (JUnit XML): an invalid row or a failed gate is a failure. Written whole at the end, counts first. */
function junitWriter(opts: WriterOptions): BatchWriter {
  const suite = opts.source ?? 'standard input';
  const cases: JunitCase[] = [];
  return {
    detail: 'summary',
    start: () => '',
    row: (r, at) => {
      const s = summarizeRow(r);
      const c: JunitCase = { name: `row ${s.row}${s.task ? `: ${s.task}` : ''}`, classname: suite, file: opts.source, line: at?.line };
      if (s.error) {
        const problems = s.error.problems ?? [s.error];
        c.failure = { type: 'invalid-row', message: describeRowError(s.error), details: problems.map((p) => describeRowError({ ...p, problems: undefined }) + (p.hint ? ` (${p.hint})` : '')).join('\n') };
      } else if (s.failedGates.length) {
        c.failure = { type: 'gate', message: s.failedGates.map((g) => g.message).join('; '), details: [...s.failedGates.map((g) => g.message), `recommendation: ${s.recommendation}`].join('\n') };
      }
      cases.push(c);
      return '';
    },
    end: () => renderJunit(`ml-advisor batch ${suite}`, cases),
  };
}

/** GitHub workflow commands: an error per invalid row and failed gate, a warning per warning, at the row's line. */
function githubWriter(opts: WriterOptions): BatchWriter {
  return {
    // The annotations point at the rules behind each warning: the full result.
    detail: 'full',
    start: () => '',
    row: (r, at) => {
      const title = `ml-advisor row ${r.row}`;
      if ('error' in r) return workflowCommand({ level: 'error', title: `${title}: invalid`, message: describeRowError(r.error), file: opts.source, line: r.error.line ?? at?.line, col: r.error.column });
      if (!opts.ruleSet) return '';
      const result = r.failedGates ? { ...r.result!, failedGates: r.failedGates } : r.result!;
      const lineOf = (field: string) => at?.lineOf?.(field);
      return decisionAnnotations(result, opts.ruleSet, { file: opts.source, lineOf }, [], title, { summary: false })
        .map((a) => workflowCommand({ ...a, line: a.line ?? at?.line }))
        .join('');
    },
    end: () => '',
  };
}

export function batchWriter(format: BatchOutputFormat, opts: WriterOptions = {}): BatchWriter {
  switch (format) {
    case 'compact':
      return compactWriter();
    case 'junit':
      return junitWriter(opts);
    case 'github':
      return githubWriter(opts);
    case 'jsonl':
      return jsonlWriter(opts);
    case 'json':
      return jsonWriter(opts);
    case 'csv':
      return csvWriter();
    case 'table':
      return tableWriter(opts);
    case 'markdown':
      return markdownWriter();
    case 'html':
      return htmlWriter();
  }
}
