// The library entry point (contract §6). Importing it has no side effects: nothing here, nor in
// what it imports, reads argv, the environment or the working directory, or prints, until a
// function is called. Every decision goes through the same pipeline as the CLI — resolve the
// answers (pipeline/resolve.ts), decide, apply the gates — so `decide` returns the very object
// `decide --json` prints.
import type { AnswersInput } from './core/answers/fields.js';
import { decideRow, rowError, type RowError, type RowProblem } from './core/pipeline/batch.js';
import { resolveAnswers } from './core/pipeline/resolve.js';
import { decide as decideResolved } from './core/decide/decide.js';
import { judged, type Gates } from './core/result/gates.js';
import { gatesFor } from './core/result/row-gates.js';
import type { Result } from './core/result/result.js';
import type { RuleSet } from './core/rules/rule-set.js';
import type { InputIssue } from './core/answers/check.js';
import { InputError, UsageError, pathToString, type Problem } from './errors.js';
import { builtInRuleSet, loadRuleSet } from './io/rules-files.js';

export { APPROACHES, FIELDS } from './core/answers/fields.js';
export type { Answers, AnswersInput, Approach, FieldDef } from './core/answers/fields.js';
export type { Result, Spot, Warning, Rationale, SuggestedModel, WhatWouldChange, Assumption, Range, GateFailure } from './core/result/result.js';
export type { Gates } from './core/result/gates.js';
export type { RowError, RowProblem } from './core/pipeline/batch.js';
export { compare, type Comparison, type ComparedDecision, type AnswerDifference } from './core/pipeline/compare.js';
export type { RuleSet } from './core/rules/rule-set.js';
export { InputError, UsageError, type Problem } from './errors.js';

export interface DecideOptions {
  /** The rule set to decide with (from `loadRules`); the built-in set when absent. */
  rules?: RuleSet;
  /** Answer fields laid over the answers, like `--set FIELD=VALUE`. */
  set?: Partial<AnswersInput>;
  /** Gates as `--max-cost`, `--max-weeks` and `--fail-on` apply them; with any, the result has `failedGates`. */
  gates?: Gates;
  /** The month prices are judged against (YYYY-MM), like `--as-of`. */
  asOf?: string;
  /** Add the full rule trace (`trace`), like `--explain`. */
  explain?: boolean;
}

const problemOf = (i: InputIssue): Problem => ({ ...(i.path.length ? { path: pathToString(i.path) } : {}), message: i.message, ...(i.hint ? { hint: i.hint } : {}) });

/**
 * One decision: the result object `decide --json` prints. Invalid answers throw `InputError`
 * (answers read from a file are checked at run time like any others: pass them as parsed).
 */
export function decide(answers: AnswersInput, options: DecideOptions = {}): Result {
  const rs = options.rules ?? builtInRuleSet();
  const resolved = resolveAnswers(answers, rs, options.set ?? {});
  if (!resolved.ok) throw new InputError(resolved.issues.map(problemOf));
  const result = decideResolved(resolved.answers, rs, { given: resolved.given, explain: options.explain, evaluatedOn: options.asOf });
  return options.gates ? judged(result, options.gates) : result;
}

/** A row of `decideMany`: `{ row, ...result }` for valid answers, `{ row, error }` for invalid ones — the objects `batch --format jsonl` prints. */
export type DecidedRow = ({ row: number } & Result) | { row: number; error: RowError };

function rowOf(row: number, answers: unknown, rs: RuleSet, options: DecideOptions): DecidedRow {
  const d = decideRow(answers, options.set ?? {}, rs, options.gates ? [gatesFor(options.gates)] : [], { explain: options.explain, evaluatedOn: options.asOf });
  if (!d.ok) return { row, error: rowError(d.issues.map((i): RowProblem => problemOf(i))) };
  // The full detail is asked for (the default), so the result is there.
  const result = options.gates ? { ...d.result!, failedGates: d.failedGates } : d.result!;
  return { row, ...result };
}

/** Many decisions, lazily and in order: one row out per answers object in, numbered from 1 as `batch` numbers them. */
export function decideMany(rows: Iterable<unknown>, options?: DecideOptions): Generator<DecidedRow, void, undefined>;
export function decideMany(rows: AsyncIterable<unknown>, options?: DecideOptions): AsyncGenerator<DecidedRow, void, undefined>;
export function decideMany(rows: Iterable<unknown> | AsyncIterable<unknown>, options: DecideOptions = {}): Generator<DecidedRow, void, undefined> | AsyncGenerator<DecidedRow, void, undefined> {
  const rs = options.rules ?? builtInRuleSet();
  if (Symbol.asyncIterator in rows) {
    return (async function* () {
      let n = 0;
      for await (const answers of rows) yield rowOf(++n, answers, rs, options);
    })();
  }
  return (function* () {
    let n = 0;
    for (const answers of rows) yield rowOf(++n, answers, rs, options);
  })();
}

export interface LoadRulesOptions {
  /** Rule files layered on the built-in set, in order (like `--rules FILE`). */
  files?: string[];
  /** The folder relative file names are read from; the process's working directory when absent. */
  cwd?: string;
}

/** The built-in rule set with `files` layered on it. Problems throw `InputError`, each at file:line:col. */
export function loadRules(options: LoadRulesOptions = {}): Promise<RuleSet> {
  return loadRuleSet({ layers: options.files ?? [], cwd: options.cwd, noProjectFile: true });
}

/** `loadRules` without throwing on invalid files: every problem, located, and the set when there are none. */
export async function validateRules(options: LoadRulesOptions = {}): Promise<{ valid: boolean; problems: Problem[]; ruleSet?: RuleSet }> {
  try {
    return { valid: true, problems: [], ruleSet: await loadRules(options) };
  } catch (e) {
    if (e instanceof InputError) return { valid: false, problems: e.problems };
    // A file that cannot be read is a problem of the layers too, not a reason to throw.
    if (e instanceof UsageError) return { valid: false, problems: [{ message: e.message, ...(e.hint ? { hint: e.hint } : {}) }] };
    throw e;
  }
}
