// Several decisions side by side. Pure, so that `ml-advisor compare` and the library's `compare`
// build their comparisons the same way and only render them differently.
//  - compare(results, labels): the library's comparison — the spot, cost and time each decision
//    lands on, the warnings each raises, and the answers that differ between them.
//  - compareScenarios(scenarios, gates): the command's — "what if we labelled 5,000 instead of
//    500?" in one run; the caller decides each scenario (the same pipeline as `decide`) and this
//    lines them up, finds the answers that differ and judges the gates per column, exactly as
//    `decide` judges one result. parseVary and varyAnswers make the scenarios of `--vary`.
import { FIELDS, FIELD_BY_NAME, FIELD_NAMES, type Approach, type FieldDef } from '../answers/fields.js';
import { coerceFieldText } from '../answers/check.js';
import type { Range } from '../estimate/range.js';
import { checkGates, type GateFailure, type Gates } from '../result/gates.js';
import type { Confidence, Result } from '../result/result.js';
import { closest } from '../text/closest.js';

/** One decision in the comparison. */
export interface ComparedDecision {
  label: string;
  approach: Approach;
  position: number;
  confidence: Confidence;
  /** The recommended spot's one-off cost and calendar time, when the result has estimates. */
  cost?: Range;
  time?: Range;
  /** The warning ids of the decision, in its order. */
  warnings: string[];
}

/** An answer field whose normalized value is not the same in every decision. */
export interface AnswerDifference {
  field: string;
  /** One value per decision, in the order of `decisions`; `null` where the field is absent. */
  values: (string | number | boolean | null)[];
}

export interface Comparison {
  decisions: ComparedDecision[];
  /** Fields in the order of the field table. */
  differences: AnswerDifference[];
  /** Every warning id any decision raised (first-seen order), with whether each decision raised it. */
  warnings: { id: string; raisedBy: boolean[] }[];
  /** Whether every decision recommends the same spot. */
  sameApproach: boolean;
}

const range = (r: Range | undefined): Range | undefined => (r ? { low: r.low, likely: r.likely, high: r.high } : undefined);

export function compare(results: readonly Result[], labels: readonly string[] = results.map((_, i) => String(i + 1))): Comparison {
  if (labels.length !== results.length) throw new RangeError(`compare: ${results.length} results but ${labels.length} labels`);
  const decisions = results.map((r, i): ComparedDecision => {
    const spot = r.spectrum[r.recommendation.position];
    const d: ComparedDecision = {
      label: labels[i]!,
      approach: r.recommendation.approach,
      position: r.recommendation.position,
      confidence: r.recommendation.confidence,
      warnings: r.warnings.map((w) => w.id),
    };
    const cost = range(spot?.cost);
    const time = range(spot?.time);
    if (cost) d.cost = cost;
    if (time) d.time = time;
    return d;
  });

  const differences: AnswerDifference[] = [];
  for (const field of FIELD_NAMES) {
    const values = results.map((r) => {
      const v = (r.answers as Record<string, unknown>)[field];
      return v === undefined ? null : (v as string | number | boolean);
    });
    if (values.some((v) => v !== values[0])) differences.push({ field, values });
  }

  const ids: string[] = [];
  for (const d of decisions) for (const w of d.warnings) if (!ids.includes(w)) ids.push(w);
  const warnings = ids.map((id) => ({ id, raisedBy: decisions.map((d) => d.warnings.includes(id)) }));

  return { decisions, differences, warnings, sameApproach: decisions.every((d) => d.approach === decisions[0]?.approach) };
}

export interface Scenario {
  /** How the column is headed: the file name, or FIELD=VALUE for a --vary. */
  label: string;
  result: Result;
}

export interface ComparedColumn extends Scenario {
  failedGates: GateFailure[];
}

export type AnswerValue = string | number | boolean | undefined;

/** The command's comparison: one column per scenario, with the gates judged on each. */
export interface ScenarioComparison {
  columns: ComparedColumn[];
  /** The answer fields whose values (defaults filled in) differ between columns, in field order. */
  differences: { field: string; values: AnswerValue[] }[];
  /** Some column failed a gate. */
  gateFailed: boolean;
}

export function compareScenarios(scenarios: Scenario[], gates: Gates = {}): ScenarioComparison {
  const columns = scenarios.map((s) => ({ ...s, failedGates: checkGates(s.result, gates) }));
  const differences: ScenarioComparison['differences'] = [];
  for (const f of FIELDS) {
    const values = scenarios.map((s) => (s.result.answers as unknown as Record<string, AnswerValue>)[f.name]);
    if (values.some((v) => v !== values[0])) differences.push({ field: f.name, values });
  }
  return { columns, differences, gateFailed: columns.some((c) => c.failedGates.length > 0) };
}

export interface Variation {
  field: FieldDef;
  /** The values as written, and as the field reads them. */
  texts: string[];
  values: unknown[];
}

export class VaryError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

/**
 * Reads `FIELD=V1,V2,…`. Values are split at commas, or at semicolons when there is one (so that
 * `budgetUsd=10,000;50,000` keeps its thousands separators); each is read as `--set` reads it.
 */
export function parseVary(spec: string): Variation {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new VaryError(`--vary expects FIELD=V1,V2,…, found "${spec}"`, 'e.g. --vary labeledExamples=500,5000');
  const name = spec.slice(0, eq).trim();
  const field = FIELD_BY_NAME.get(name);
  if (!field) {
    const near = closest(name, FIELD_NAMES);
    throw new VaryError(`--vary: unknown field "${name}"`, near ? `did you mean \`${near}\`?` : 'see `ml-advisor schema answers` for the fields');
  }
  const rest = spec.slice(eq + 1);
  const texts = rest.split(rest.includes(';') ? ';' : ',').map((t) => t.trim());
  if (texts.some((t) => t === '')) throw new VaryError(`--vary ${name}: an empty value in "${rest}"`, `e.g. --vary ${name}=${exampleValues(field)}`);
  if (texts.length < 2) {
    throw new VaryError(`--vary ${name} needs at least two values to compare, found "${rest}"`, `e.g. --vary ${name}=${exampleValues(field)}`);
  }
  return { field, texts, values: texts.map((t) => coerceFieldText(field, t)) };
}

function exampleValues(f: FieldDef): string {
  if (f.kind === 'enum') return f.choices!.slice(0, 2).map((c) => c.value).join(',');
  if (f.kind === 'boolean') return 'false,true';
  return f.name === 'labeledExamples' ? '500,5000' : '10k,50k';
}

/**
 * The answer sets a list of variations makes from one base: each combination of their values
 * (the first variation changes slowest), labelled FIELD=VALUE.
 */
export function varyAnswers(base: Record<string, unknown>, variations: Variation[]): { label: string; answers: Record<string, unknown> }[] {
  let out: { label: string[]; answers: Record<string, unknown> }[] = [{ label: [], answers: { ...base } }];
  for (const v of variations) {
    const next: typeof out = [];
    for (const o of out) {
      v.values.forEach((value, i) => next.push({ label: [...o.label, `${v.field.name}=${v.texts[i]}`], answers: { ...o.answers, [v.field.name]: value } }));
    }
    out = next;
  }
  return out.map((o) => ({ label: o.label.join(', '), answers: o.answers }));
}
