// Gates a CI pipeline can ask for (contract §3: a failed gate exits 1). Pure, so that `decide` and
// `batch` judge a result the same way.
import { APPROACHES, type Approach } from '../answers/fields.js';
import type { GateFailure, Result } from './result.js';
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

/** The spot a gate counts: the recommended one, or feature-extraction for the classical spot. */
function gatedApproach(result: Result): { approach: Approach; classical: boolean } {
  const classical = result.spectrum[result.recommendation.position]?.classical === true;
  return { approach: classical ? CLASSICAL_GATED_AS : result.recommendation.approach, classical };
}

export function checkGates(result: Result, gates: Gates): GateFailure[] {
  const out: GateFailure[] = [];
  const rec = result.recommendation;
  const spot = result.spectrum[rec.position];
  const { approach: counted, classical } = gatedApproach(result);
  const name = classical ? `${rec.approach} (${CLASSICAL_WORDS})` : rec.approach;
  if (gates.maxCost !== undefined && spot?.cost && spot.cost.likely > gates.maxCost) {
    out.push({ gate: 'max-cost', message: `--max-cost ${formatValue(gates.maxCost)}: ${name} would likely cost ${formatValue(spot.cost.likely)} USD` });
  }
  if (gates.maxWeeks !== undefined && spot?.time && spot.time.likely > gates.maxWeeks) {
    out.push({ gate: 'max-weeks', message: `--max-weeks ${formatValue(gates.maxWeeks)}: ${name} would likely take ${formatValue(spot.time.likely)} weeks` });
  }
  if (gates.failOn !== undefined && APPROACHES.indexOf(counted) >= APPROACHES.indexOf(gates.failOn)) {
    const how = classical ? ` (${CLASSICAL_WORDS}, which --fail-on counts as ${CLASSICAL_GATED_AS})` : '';
    out.push({ gate: 'fail-on', message: `--fail-on ${gates.failOn}: the recommendation is ${rec.approach}${how}` });
  }
  return out;
}

/** Why a gate passed that a reader of the spot's name would expect to fail: the classical spot under `--fail-on`. */
export function gateNotes(result: Result, gates: Gates): string[] {
  const { approach: counted, classical } = gatedApproach(result);
  const rec = result.recommendation.approach;
  if (!classical || gates.failOn === undefined) return [];
  const byName = APPROACHES.indexOf(rec) >= APPROACHES.indexOf(gates.failOn);
  const counts = APPROACHES.indexOf(counted) >= APPROACHES.indexOf(gates.failOn);
  if (!byName || counts) return [];
  return [`--fail-on ${gates.failOn} passed: ${rec} here is ${CLASSICAL_WORDS}, which --fail-on counts as ${CLASSICAL_GATED_AS}; gate its cost and time with --max-cost and --max-weeks`];
}

/** The result as decide prints it: with `failedGates` when any gate was given ([] when all passed). */
export function judged(result: Result, gates: Gates): Result {
  if (gates.maxCost === undefined && gates.maxWeeks === undefined && gates.failOn === undefined) return result;
  return { ...result, failedGates: checkGates(result, gates) };
}
