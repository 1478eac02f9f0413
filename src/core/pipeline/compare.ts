// Several decisions side by side: "what if we labelled 5,000 instead of 500?" in one run. Pure:
// the caller decides each scenario (the same pipeline as `decide`) and this lines them up, finds
// the answers that differ and judges the gates per column, exactly as `decide` judges one result.
import { FIELDS, FIELD_BY_NAME, FIELD_NAMES, type FieldDef } from '../answers/fields.js';
import { coerceFieldText } from '../answers/check.js';
import { closest } from '../text/closest.js';
import { checkGates, type GateFailure, type Gates } from '../result/gates.js';
import type { Result } from '../result/result.js';

export interface Scenario {
  /** How the column is headed: the file name, or FIELD=VALUE for a --vary. */
  label: string;
  result: Result;
}

export interface ComparedColumn extends Scenario {
  failedGates: GateFailure[];
}

export type AnswerValue = string | number | boolean | undefined;

export interface Comparison {
  columns: ComparedColumn[];
  /** The answer fields whose values (defaults filled in) differ between columns, in field order. */
  differences: { field: string; values: AnswerValue[] }[];
  /** Some column failed a gate. */
  gateFailed: boolean;
}

export function compareScenarios(scenarios: Scenario[], gates: Gates = {}): Comparison {
  const columns = scenarios.map((s) => ({ ...s, failedGates: checkGates(s.result, gates) }));
  const differences: Comparison['differences'] = [];
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
