// A decision in brief: the spot, its confidence, the recommended spot's cost and time, and the
// warning ids — what a flat row (compact, CSV, a table) and the gates look at. decideSummary
// computes it without the explanations; summaryOf reads it off a full result (a property test
// holds the two equal).
import type { Approach, Task } from '../answers/fields.js';
import type { Confidence, Result, SpotEstimate } from './result.js';

export interface DecisionSummary {
  task: Task;
  approach: Approach;
  position: number;
  confidence: Confidence;
  /** The recommended spot's estimates, when there are any. */
  cost?: SpotEstimate['cost'];
  time?: SpotEstimate['time'];
  /** The recommended spot is a classical model trained on your own rows. */
  classical?: true;
  warnings: string[];
}

/** What a gate judges: the recommended spot, its estimates, and whether it is the classical one. */
export type GatedSpot = Pick<DecisionSummary, 'approach' | 'cost' | 'time' | 'classical'>;

/** The recommended spot and its estimates: what the gates judge. */
export function recommendedSpot(r: Pick<Result, 'recommendation' | 'spectrum'>): GatedSpot {
  const spot = r.spectrum.find((s) => s.approach === r.recommendation.approach);
  return { approach: r.recommendation.approach, ...(spot?.cost ? { cost: spot.cost, time: spot.time } : {}), ...(spot?.classical ? { classical: true as const } : {}) };
}

export function summaryOf(r: Result): DecisionSummary {
  const { approach, ...estimates } = recommendedSpot(r);
  return { task: r.answers.task, approach, position: r.recommendation.position, confidence: r.recommendation.confidence, ...estimates, warnings: r.warnings.map((w) => w.id) };
}
