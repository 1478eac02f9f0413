// Many decisions: one row of answers in, one row out. Pure — reading, positions and writing are
// in src/io; the loop is in src/commands/batch.ts.
import { coerceFieldText, type InputIssue } from '../answers/check.js';
import { checkRowGates, gateLabel, type GateFailure, type RowGate } from '../result/row-gates.js';
import { CLASSICAL_GATED_AS } from '../result/gates.js';
import { decide, decideSummary, type DecideOptions } from '../decide/decide.js';
import { summaryOf, type DecisionSummary } from '../result/summary.js';
import { resolveAnswers } from './resolve.js';
import { APPROACHES, FIELD_BY_NAME, type Approach } from '../answers/fields.js';
import { formatNumber } from '../text/format.js';
import { ownRecord } from '../text/own.js';
import type { Result } from '../result/result.js';
import type { RuleSet } from '../rules/rule-set.js';

/** One problem of an invalid row, located in the input file. */
export interface RowProblem {
  message: string;
  /** Field path inside the row, e.g. `labeledExamples`; `--set task` for an override. */
  path?: string;
  line?: number;
  column?: number;
  hint?: string;
}

/** The error of an invalid row: its first problem, and all of them when there are several. */
export interface RowError extends RowProblem {
  problems?: RowProblem[];
  /** A bug in ml-advisor met while deciding this row, not a problem of the row (exit 4). */
  internal?: boolean;
}

/**
 * One row decided: its summary always (what flat formats and gates read), and the full result
 * when the output shows it (JSON Lines, JSON).
 */
export type BatchRow =
  /** `failedGates` is there when gates were given: the ones this row failed, [] when it passed. */
  | { row: number; summary: DecisionSummary; result?: Result; failedGates?: GateFailure[] }
  | { row: number; error: RowError };

/** How much of a decision a batch output shows: the whole result, or its summary. */
export type RowDetail = 'full' | 'summary';

export function rowError(problems: RowProblem[]): RowError {
  const first = problems[0] ?? { message: 'invalid row' };
  return problems.length > 1 ? { ...first, problems } : { ...first };
}

/**
 * A CSV record as raw answers: known columns are coerced by the field's type, an empty cell is
 * "not given", and an unknown column is passed through so that validation names it (with a
 * suggestion) like any other unknown field.
 */
export function answersFromCells(header: readonly string[], cells: readonly string[]): Record<string, unknown> {
  // No prototype: a `__proto__` column is then an unknown field like any other, not a setter.
  const out = ownRecord<unknown>();
  for (let i = 0; i < header.length; i++) {
    const name = header[i]!;
    const cell = cells[i];
    if (cell === undefined || cell.trim() === '') continue;
    const f = FIELD_BY_NAME.get(name);
    out[name] = f ? coerceFieldText(f, cell) : cell;
  }
  return out;
}

export type RowDecision = { ok: true; summary: DecisionSummary; result?: Result; failedGates?: GateFailure[] } | { ok: false; issues: InputIssue[] };

/**
 * Validates one row (with `--set` overrides laid over it), decides, and applies the gates. With
 * `detail: 'summary'`, only what a flat output shows is computed (decideSummary), not the explanations.
 */
export function decideRow(raw: unknown, overrides: Readonly<Record<string, unknown>>, rs: RuleSet, gates: readonly RowGate[], opts: Omit<DecideOptions, 'given'> & { detail?: RowDetail } = {}): RowDecision {
  const resolved = resolveAnswers(raw, rs, overrides);
  if (!resolved.ok) return resolved;
  const { detail = 'full', ...decideOpts } = opts;
  const result = detail === 'full' ? decide(resolved.answers, rs, { ...decideOpts, given: resolved.given }) : undefined;
  const summary = result ? summaryOf(result) : decideSummary(resolved.answers, rs, { ...decideOpts, given: resolved.given });
  // Optional members set one by one: spread into a literal, they took V8's slow path on every row.
  const decided: Extract<RowDecision, { ok: true }> = { ok: true, summary };
  if (result) decided.result = result;
  if (gates.length) decided.failedGates = checkRowGates(summary, gates);
  return decided;
}

/** The columns a flat rendering (CSV, table, markdown) shows for one row. */
export interface RowSummary {
  row: number;
  task?: string;
  recommendation?: Approach;
  position?: number;
  confidence?: string;
  /** `spectrum[recommended].cost.likely`, when the estimates are present. */
  costLikelyUsd?: number;
  /** `spectrum[recommended].time.likely`, when the estimates are present. */
  weeksLikely?: number;
  warnings: string[];
  /** The gates this row failed: their full messages. */
  failedGates: GateFailure[];
  error?: RowError;
}

export function summarizeRow(r: BatchRow): RowSummary {
  if ('error' in r) return { row: r.row, warnings: [], failedGates: [], error: r.error };
  const s = r.summary;
  return {
    row: r.row,
    task: s.task,
    recommendation: s.approach,
    position: s.position,
    confidence: s.confidence,
    costLikelyUsd: s.cost?.likely,
    weeksLikely: s.time?.likely,
    warnings: s.warnings,
    failedGates: r.failedGates ?? [],
  };
}

/** "labeledExamples (line 4, column 3): expected …" */
export function describeRowError(e: RowError): string {
  const where = [e.path, e.line !== undefined ? `line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ''}` : undefined].filter(Boolean);
  const more = e.problems && e.problems.length > 1 ? ` (and ${e.problems.length - 1} more)` : '';
  return `${where.length ? `${where.join(' at ')}: ` : ''}${e.message}${more}`;
}

const SHOWN_ROWS = 10;

/** Counts for the summary: rows, rows per spot, invalid rows, rows that failed a gate. */
export class BatchTally {
  rows = 0;
  readonly bySpot = new Map<Approach, number>(APPROACHES.map((a) => [a, 0]));
  invalid = 0;
  readonly invalidRows: number[] = [];
  /** Rows where deciding met a bug (not counted as invalid: the row may be fine). */
  internal = 0;
  readonly internalRows: number[] = [];
  gateFailed = 0;
  readonly gateFailedRows: number[] = [];
  readonly gatesFailed = new Set<string>();
  /** Rows whose recommendation is the classical spot (a classical model on your own rows). */
  classical = 0;
  readonly classicalRows: number[] = [];

  add(r: BatchRow): void {
    this.rows++;
    if ('error' in r) {
      if (r.error.internal) {
        this.internal++;
        if (this.internalRows.length < SHOWN_ROWS) this.internalRows.push(r.row);
        return;
      }
      this.invalid++;
      if (this.invalidRows.length < SHOWN_ROWS) this.invalidRows.push(r.row);
      return;
    }
    const a = r.summary.approach;
    this.bySpot.set(a, (this.bySpot.get(a) ?? 0) + 1);
    if (r.summary.classical) {
      this.classical++;
      if (this.classicalRows.length < SHOWN_ROWS) this.classicalRows.push(r.row);
    }
    if (r.failedGates?.length) {
      this.gateFailed++;
      if (this.gateFailedRows.length < SHOWN_ROWS) this.gateFailedRows.push(r.row);
      for (const g of r.failedGates) this.gatesFailed.add(gateLabel(g));
    }
  }

  /** The lines of the summary written to standard error at the end; `failOn` adds how it counted the classical rows. */
  summary(failOn?: Approach): string[] {
    const rows = (n: number, shown: number[]) => `row${n === 1 ? '' : 's'} ${shown.join(', ')}${n > shown.length ? ', …' : ''}`;
    const spots = [...this.bySpot].filter(([, n]) => n > 0).map(([a, n]) => `${formatNumber(n)} ${a}`);
    const lines = [`${formatNumber(this.rows)} row${this.rows === 1 ? '' : 's'}${spots.length ? `: ${spots.join(', ')}` : ''}`];
    if (this.internal) lines.push(`${formatNumber(this.internal)} internal error${this.internal === 1 ? '' : 's'} (${rows(this.internal, this.internalRows)}): a bug in ml-advisor; the other rows were decided`);
    if (this.invalid) lines.push(`${formatNumber(this.invalid)} invalid (${rows(this.invalid, this.invalidRows)}): see their "error" in the output`);
    if (failOn !== undefined && this.classical) {
      const n = this.classical;
      lines.push(`${rows(n, this.classicalRows)}: ${n === 1 ? 'a classical model' : 'classical models'} trained on your own rows (train-from-scratch by convention), which --fail-on counts as ${CLASSICAL_GATED_AS}`);
    }
    if (this.gateFailed) lines.push(`${[...this.gatesFailed].join(', ')} failed on ${formatNumber(this.gateFailed)} row${this.gateFailed === 1 ? '' : 's'} (${rows(this.gateFailed, this.gateFailedRows)})`);
    return lines;
  }
}
