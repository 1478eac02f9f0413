// Gates a CI pipeline can ask for (contract §3: a failed gate exits 1). Pure, so that `decide` and
// `batch` judge a result the same way.
import { APPROACHES, type Approach } from '../answers/fields.js';
import type { GateFailure, Result } from './result.js';
import { recommendedSpot, type GatedSpot } from './summary.js';
import { formatValue } from '../rules/conditions.js';

export interface Gates {
  /** Fail when the recommended spot's likely cost is over this many USD. */
  maxCost?: number;
  /** Fail when the recommended spot's likely time is over this many weeks. */
  maxWeeks?: number;
  /** Fail when the recommendation is this spot or one further right. */
  failOn?: Approach;
}

export type { GateFailure };

/**
 * Where `--fail-on` counts the classical spot (a classical model trained on your own rows, which
 * sits at train-from-scratch by the tabular convention): it is a small model fitted to your own
 * features, costed like a head on features, so it trips `--fail-on feature-extraction` and nothing
 * further right. Its expense is what `--max-cost` and `--max-weeks` judge, as for any spot.
 */
export const CLASSICAL_GATED_AS: Approach = 'feature-extraction';

const CLASSICAL_WORDS = 'a classical model trained on your own rows';

const isFigure = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/** A full result is judged by its recommended spot, so that decide and every batch format judge alike. */
const spotOf = (judged: Result | GatedSpot): GatedSpot => ('recommendation' in judged ? recommendedSpot(judged) : judged);

/**
 * Judges one result (or the summary of one) against the gates asked for. A gate that cannot judge
 * — the recommended spot has no estimate of the figure it compares, or the figure is not a finite
 * number — fails, and says why: a CI gate that passes whatever it could not see would wave
 * anything through.
 */
export function checkGates(judged: Result | GatedSpot, gates: Gates): GateFailure[] {
  const out: GateFailure[] = [];
  const rec = spotOf(judged);
  const counted = rec.classical ? CLASSICAL_GATED_AS : rec.approach;
  const name = rec.classical ? `${rec.approach} (${CLASSICAL_WORDS})` : rec.approach;
  const judge = (gate: 'max-cost' | 'max-weeks', flag: string, limit: number, figure: { likely?: unknown; notEstimated?: readonly string[] } | undefined, what: string, over: (n: number) => string) => {
    const head = `${flag} ${formatValue(limit)}`;
    const likely = figure?.likely;
    const gaps = (figure?.notEstimated ?? []).map((g) => (g === 'training' ? 'training run' : g));
    const closed = `so the gate fails closed; supply what the estimate lacks (see the warnings and assumptions) or drop ${flag}`;
    if (!isFigure(likely)) {
      const found = likely === undefined ? '' : ` (found ${String(likely)})`;
      out.push({ gate, message: `${head}: cannot judge: ${name} has no ${what} estimate${found}, ${closed}`, cannotJudge: true });
    } else if (likely > limit) {
      // Over already without the parts left out: judged.
      out.push({ gate, message: `${head}: ${over(likely)}${gaps.length ? ` (${gaps.join(' and ')} not counted)` : ''}` });
    } else if (gaps.length) {
      out.push({ gate, message: `${head}: cannot judge: ${over(likely)} without its ${gaps.join(' and ')}, which could not be estimated, ${closed}`, cannotJudge: true });
    }
  };
  if (gates.maxCost !== undefined) judge('max-cost', '--max-cost', gates.maxCost, rec.cost, 'cost', (n) => `${name} would likely cost ${formatValue(n)} USD`);
  if (gates.maxWeeks !== undefined) judge('max-weeks', '--max-weeks', gates.maxWeeks, rec.time, 'time', (n) => `${name} would likely take ${formatValue(n)} weeks`);
  if (gates.failOn !== undefined && APPROACHES.indexOf(counted) >= APPROACHES.indexOf(gates.failOn)) {
    const how = rec.classical ? ` (${CLASSICAL_WORDS}, which --fail-on counts as ${CLASSICAL_GATED_AS})` : '';
    out.push({ gate: 'fail-on', message: `--fail-on ${gates.failOn}: the recommendation is ${rec.approach}${how}` });
  }
  return out;
}

/** Why a gate passed that a reader of the spot's name would expect to fail: the classical spot under `--fail-on`. */
export function gateNotes(judged: Result | GatedSpot, gates: Gates): string[] {
  const rec = spotOf(judged);
  if (!rec.classical || gates.failOn === undefined) return [];
  const byName = APPROACHES.indexOf(rec.approach) >= APPROACHES.indexOf(gates.failOn);
  const counts = APPROACHES.indexOf(CLASSICAL_GATED_AS) >= APPROACHES.indexOf(gates.failOn);
  if (!byName || counts) return [];
  return [`--fail-on ${gates.failOn} passed: ${rec.approach} here is ${CLASSICAL_WORDS}, which --fail-on counts as ${CLASSICAL_GATED_AS}; gate its cost and time with --max-cost and --max-weeks`];
}

/** The result as decide prints it: with `failedGates` when any gate was given ([] when all passed). */
export function judged(result: Result, gates: Gates): Result {
  if (gates.maxCost === undefined && gates.maxWeeks === undefined && gates.failOn === undefined) return result;
  return { ...result, failedGates: checkGates(result, gates) };
}
