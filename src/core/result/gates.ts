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
  /** The gate could not judge the result (its figure is missing or not a number): failed closed. */
  cannotJudge?: true;
}

const isFigure = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/**
 * Judges one result against the gates asked for. A gate that cannot judge — the recommended spot
 * has no estimate of the figure it compares, or the figure is not a finite number — fails, and
 * says why: a CI gate that passes whatever it could not see would wave anything through.
 */
export function checkGates(result: Result, gates: Gates): GateFailure[] {
  const out: GateFailure[] = [];
  const rec = result.recommendation;
  const spot = result.spectrum.find((s) => s.approach === rec.approach);
  const judge = (gate: 'max-cost' | 'max-weeks', flag: string, limit: number, figure: { likely?: unknown; notEstimated?: readonly string[] } | undefined, what: string, over: (n: number) => string) => {
    const head = `${flag} ${formatValue(limit)}`;
    const likely = figure?.likely;
    const gaps = (figure?.notEstimated ?? []).map((g) => (g === 'training' ? 'training run' : g));
    const closed = `so the gate fails closed; supply what the estimate lacks (see the warnings and assumptions) or drop ${flag}`;
    if (!isFigure(likely)) {
      const found = likely === undefined ? '' : ` (found ${String(likely)})`;
      out.push({ gate, message: `${head}: cannot judge: ${rec.approach} has no ${what} estimate${found}, ${closed}`, cannotJudge: true });
    } else if (likely > limit) {
      // Over already without the parts left out: judged.
      out.push({ gate, message: `${head}: ${over(likely)}${gaps.length ? ` (${gaps.join(' and ')} not counted)` : ''}` });
    } else if (gaps.length) {
      out.push({ gate, message: `${head}: cannot judge: ${over(likely)} without its ${gaps.join(' and ')}, which could not be estimated, ${closed}`, cannotJudge: true });
    }
  };
  if (gates.maxCost !== undefined) judge('max-cost', '--max-cost', gates.maxCost, spot?.cost, 'cost', (n) => `${rec.approach} would likely cost ${formatValue(n)} USD`);
  if (gates.maxWeeks !== undefined) judge('max-weeks', '--max-weeks', gates.maxWeeks, spot?.time, 'time', (n) => `${rec.approach} would likely take ${formatValue(n)} weeks`);
  if (gates.failOn !== undefined && APPROACHES.indexOf(rec.approach) >= APPROACHES.indexOf(gates.failOn)) {
    out.push({ gate: 'fail-on', message: `--fail-on ${gates.failOn}: the recommendation is ${rec.approach}` });
  }
  return out;
}
