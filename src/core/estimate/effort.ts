// People: the engineering weeks of a spot and what they cost, from the catalog's weeks per spot,
// the team size and the loaded pay of an engineer-week.
import { APPROACHES, type Answers, type Approach } from '../answers/fields.js';
import type { EstimatesCatalog, FamilyDefaults, Spread } from '../catalog/catalog.js';
import { formatNumber } from '../text/format.js';
import { catalogText, fmtRange, YOURS, type Assumptions } from './assumptions.js';
import { one, rangeOf, scale, times, ZERO, type Range } from './range.js';

/** Who works on it and what an engineer-week costs. */
export interface EffortRates {
  team: number;
  weekly: Range;
}

export function effortRates(answers: Answers, est: EstimatesCatalog): EffortRates {
  return {
    team: answers.teamSize ?? est.teamSize?.value ?? 1,
    weekly: answers.engineerWeeklyUsd !== undefined ? one(answers.engineerWeeklyUsd) : est.engineerWeeklyUsd ? rangeOf(est.engineerWeeklyUsd) : ZERO,
  };
}

/** Calendar weeks of the team's work on one spot, and their cost. */
export function engineeringFor(a: Approach, est: EstimatesCatalog, fam: FamilyDefaults, rates: EffortRates): { weeks: Range; cost: Range } {
  const key = a === 'train-from-scratch' && fam.classicalScratch && est.engineeringWeeks['classical-scratch'] ? 'classical-scratch' : a;
  const spread = est.engineeringWeeks[key];
  const weeks = spread ? rangeOf(spread) : ZERO;
  return { weeks, cost: scale(times(weeks, rates.weekly), rates.team) };
}

export function addEffortAssumptions(A: Assumptions, answers: Answers, est: EstimatesCatalog, { team, weekly }: EffortRates): void {
  const engAll = APPROACHES.map((a) => est.engineeringWeeks[a]).filter((s): s is Spread => Boolean(s));
  if (engAll.length) A.add('Engineering weeks per spot', catalogText(est, 'engineering', () => APPROACHES.map((a) => (est.engineeringWeeks[a] ? `${a} ${fmtRange(rangeOf(est.engineeringWeeks[a]!), 'weeks', 1)}` : '')).filter(Boolean).join('; ')), 'judgement anchored on published deployment times (see rules/estimates.yaml)', engAll[0]!.asOf);
  if (answers.teamSize !== undefined) A.add('Team size', String(team), YOURS.source, YOURS.asOf);
  else if (est.teamSize) A.add('Team size', String(team), est.teamSize.source, est.teamSize.asOf);
  if (answers.engineerWeeklyUsd !== undefined) A.add('Engineer-week, loaded', `${formatNumber(answers.engineerWeeklyUsd)} USD`, YOURS.source, YOURS.asOf);
  else if (est.engineerWeeklyUsd) {
    // Pay is a yearly statistic published with a lag (BLS), not a market price that moves month to
    // month like GPU-hours: it is dated in the assumptions but does not raise stale-price, which
    // would otherwise fire on every run.
    A.add('Engineer-week, loaded', catalogText(est, 'weekly', () => fmtRange(weekly, 'USD', 0)), est.engineerWeeklyUsd.source, est.engineerWeeklyUsd.asOf);
  }
}
