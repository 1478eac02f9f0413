// Gates a CI pipeline can ask for (contract §3: a failed gate exits 1). Pure, so that `decide` and
// `batch` judge a result the same way.
import { APPROACHES, type Approach } from '../answers/fields.js';
import type { Result } from './result.js';
import { formatValue } from '../rules/conditions.js';

export interface Gates {
  /** Fail when the recommended spot's likely cost is over this many USD. */
  maxCost?: number;
  /** Fail when the recommended spot's likely time is over this many weeks. */
  maxWeeks?: number;
  /** Fail when the recommendation is this spot or one further right. */
  failOn?: Approach;
}

export interface GateFailure {
  gate: 'max-cost' | 'max-weeks' | 'fail-on';
  message: string;
}

export function checkGates(result: Result, gates: Gates): GateFailure[] {
  const out: GateFailure[] = [];
  const rec = result.recommendation;
  const spot = result.spectrum.find((s) => s.approach === rec.approach);
  if (gates.maxCost !== undefined && spot?.cost && spot.cost.likely > gates.maxCost) {
    out.push({ gate: 'max-cost', message: `--max-cost ${formatValue(gates.maxCost)}: ${rec.approach} would likely cost ${formatValue(spot.cost.likely)} USD` });
  }
  if (gates.maxWeeks !== undefined && spot?.time && spot.time.likely > gates.maxWeeks) {
    out.push({ gate: 'max-weeks', message: `--max-weeks ${formatValue(gates.maxWeeks)}: ${rec.approach} would likely take ${formatValue(spot.time.likely)} weeks` });
  }
  if (gates.failOn !== undefined && APPROACHES.indexOf(rec.approach) >= APPROACHES.indexOf(gates.failOn)) {
    out.push({ gate: 'fail-on', message: `--fail-on ${gates.failOn}: the recommendation is ${rec.approach}` });
  }
  return out;
}
