// Batch output formats. Each writer turns rows into text, one row at a time, so that output
// streams like input: nothing waits for the end except the closing lines (the JSON array's `]`,
// the markdown summary). Writing, buffering and backpressure are in batch-output.ts.
import { stringify } from 'csv-stringify/sync';
import { APPROACHES } from '../core/answers/fields.js';
import { describeRowError, summarizeRow, type BatchRow, type BatchTally, type RowSummary } from '../core/pipeline/batch.js';
import { formatNumber } from '../core/text/format.js';
import { gateLabel } from '../core/result/row-gates.js';
import { escapeCell } from './render-markdown.js';
import { htmlWriter } from './render-batch-html.js';

import type { BatchOutputFormat } from './formats.js';

export interface BatchWriter {
  /** Text before the first row (a header). */
  start(): string;
  row(r: BatchRow): string;
  /** Text after the last row; also written when the batch is interrupted, so documents stay whole. */
  end(tally: BatchTally): string;
}

export interface WriterOptions {
  /** Terminal width, for the table; without one (a pipe, a file) nothing is cut short. */
  width?: number;
}

/** One row as JSON: `row` first, then the result (or the error), then any failed gates. */
export function rowJson(r: BatchRow): string {
  if ('error' in r) return `{"row":${r.row},"error":${JSON.stringify(r.error)}}`;
  // Splicing the row number in saves copying a large result object for every row.
  const body = JSON.stringify(r.result);
  const gates = r.failedGates.length ? `,"failedGates":${JSON.stringify(r.failedGates)}` : '';
  return `{"row":${r.row},${body.slice(1, -1)}${gates}}`;
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
    // Without the leading dashes, which a spreadsheet would read as a formula (and escape_formulas would quote).
    s.failedGates.map((g) => g.message.replace(/^--/, '')).join('; '),
    s.error ? s.error.message + (s.error.problems ? ` (and ${s.error.problems.length - 1} more)` : '') : '',
    s.error?.path ?? '',
    s.error?.line ?? '',
  ];
}

// escape_formulas: a cell such as `=HYPERLINK(…)` from a crafted input is not run by a spreadsheet.
const csvLine = (cells: readonly (string | number)[]) => stringify([cells], { escape_formulas: true });

function csvWriter(): BatchWriter {
  return {
    start: () => csvLine(CSV_COLUMNS),
    row: (r) => csvLine(csvCells(summarizeRow(r))),
    end: () => '',
  };
}

function jsonlWriter(): BatchWriter {
  return { start: () => '', row: (r) => rowJson(r) + '\n', end: () => '' };
}

function jsonWriter(): BatchWriter {
  let first = true;
  return {
    start: () => '[',
    row: (r) => {
      const sep = first ? '\n' : ',\n';
      first = false;
      return sep + rowJson(r);
    },
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
    start: () => line(TABLE.map((c) => c.title), 'WARNINGS'),
    row: (r) => {
      const s = summarizeRow(r);
      if (s.error) return `${cell(String(s.row), 0)} ${fit(`invalid: ${describeRowError(s.error)}`, NOTES_AT - TABLE[0].width - 1 + notesWidth)}`.trimEnd() + '\n';
      const notes = [...s.failedGates.map((g) => `FAILS ${gateLabel(g)}`), ...s.warnings].join(', ');
      return line([String(s.row), s.task ?? '', s.recommendation ?? '', s.confidence ?? '', money(s.costLikelyUsd), weeks(s.weeksLikely)], notes);
    },
    end: () => '',
  };
}

function markdownWriter(): BatchWriter {
  return {
    start: () => '# ml-advisor batch\n\n| Row | Task | Recommendation | Confidence | Likely cost (USD) | Likely weeks | Warnings |\n|---:|---|---|---|---:|---:|---|\n',
    row: (r) => {
      const s = summarizeRow(r);
      const cells = s.error
        ? [String(s.row), '', '**invalid**', '', '', '', describeRowError(s.error)]
        : [String(s.row), s.task ?? '', s.recommendation ?? '', s.confidence ?? '', money(s.costLikelyUsd), weeks(s.weeksLikely), [...s.failedGates.map((g) => `**fails ${gateLabel(g)}**`), ...s.warnings.map((w) => `\`${w}\``)].join(', ')];
      return `| ${cells.map(escapeCell).join(' | ')} |\n`;
    },
    end: (tally) => markdownSummary(tally),
  };
}

export function markdownSummary(tally: BatchTally): string {
  const out = ['', '## Summary', '', '| Recommendation | Rows |', '|---|---:|'];
  for (const a of APPROACHES) out.push(`| ${a} | ${formatNumber(tally.bySpot.get(a) ?? 0)} |`);
  if (tally.invalid) out.push(`| invalid | ${formatNumber(tally.invalid)} |`);
  out.push(`| **total** | **${formatNumber(tally.rows)}** |`);
  if (tally.gateFailed) out.push('', `${[...tally.gatesFailed].map((g) => `\`${g}\``).join(', ')} failed on ${formatNumber(tally.gateFailed)} row${tally.gateFailed === 1 ? '' : 's'}.`);
  return out.join('\n') + '\n';
}

export function batchWriter(format: BatchOutputFormat, opts: WriterOptions = {}): BatchWriter {
  switch (format) {
    case 'jsonl':
      return jsonlWriter();
    case 'json':
      return jsonWriter();
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
