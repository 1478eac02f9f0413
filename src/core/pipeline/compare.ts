// Several decisions side by side: the spot, cost and time each lands on, the warnings each raises,
// and the answers that differ between them. Pure, so that `ml-advisor compare` and the library's
// `compare` build the same comparison and only render it differently.
import { FIELD_NAMES, type Approach } from '../answers/fields.js';
import type { Range } from '../estimate/range.js';
import type { Confidence, Result } from '../result/result.js';

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
