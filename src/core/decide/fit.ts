// Fitting the budget and the timeline: which spots the rules allow for this problem, which of
// them fit, and the spot to recommend once cost and time are known. The planner and the
// what-would-change probes both land on a spot through fitToLimits, so they cannot disagree.
import { APPROACHES, type Answers, type Approach } from '../answers/fields.js';
import type { SpectrumEstimate, SpotDetail } from '../estimate/spectrum.js';
import type { Warning } from '../result/result.js';
import { formatValue } from '../rules/conditions.js';
import type { Choice } from './choose.js';
import { positionOf } from './spots.js';

export const usd = (n: number) => `${formatValue(Math.round(n))} USD`;
export const weeks = (n: number) => `${formatValue(n)} weeks`;

/** The answer fields ruledOut reads besides the rules' choice. */
export const RULED_OUT_READS: ReadonlySet<string> = new Set(['existingModel', 'offTheShelfResult']);

/** Why the rules rule a spot out for this problem, or undefined when they allow it. */
export function ruledOut(a: Approach, choice: Choice, answers: Answers): string | undefined {
  const position = positionOf(a);
  if (position > choice.cap) return `Ruled out by ${choice.capRule!.id}: ${choice.capRule!.because}`;
  if (position < choice.floor) return `Ruled out by ${choice.floorRule!.id}: ${choice.floorRule!.because}`;
  if (a === 'use-as-is' && answers.existingModel === 'none') return 'There is no public model to use: nothing close to this task exists.';
  if (a === 'use-as-is' && answers.offTheShelfResult === 'below-target') return 'The best off-the-shelf model was measured on your data and fell short of the target.';
  return undefined;
}

export const detailOf = (est: SpectrumEstimate, a: Approach): SpotDetail | undefined => est.spots.find((s) => s.approach === a);

/** What keeps a spot's likely cost and time outside the budget and timeline, if anything. */
export function overLimits(detail: SpotDetail | undefined, answers: Answers): string[] {
  if (!detail) return [];
  const out: string[] = [];
  const { cost, time } = detail.estimate;
  if (answers.budgetUsd !== undefined && cost.likely > answers.budgetUsd) out.push(`likely cost ${usd(cost.likely)} is over the budget of ${usd(answers.budgetUsd)} by ${usd(cost.likely - answers.budgetUsd)}`);
  if (answers.timelineWeeks !== undefined && time.likely > answers.timelineWeeks) out.push(`likely ${weeks(time.likely)} is over the timeline of ${weeks(answers.timelineWeeks)} by ${weeks(Math.round((time.likely - answers.timelineWeeks) * 10) / 10)}`);
  return out;
}

/** Whether a spot's likely cost and time are within the budget and timeline (no estimate: nothing to judge). */
export function withinLimits(detail: SpotDetail | undefined, answers: Answers): boolean {
  if (!detail) return true;
  const { cost, time } = detail.estimate;
  return !(answers.budgetUsd !== undefined && cost.likely > answers.budgetUsd) && !(answers.timelineWeeks !== undefined && time.likely > answers.timelineWeeks);
}

/**
 * The spot to recommend: the rules' choice when it fits the budget and timeline, else the nearest
 * spot the rules allow that fits (the cheaper side first), else the rules' choice, marked as not fitting.
 */
export function fitToLimits(choice: Choice, answers: Answers, spotOf: (a: Approach) => SpotDetail | undefined): Approach {
  if (answers.budgetUsd === undefined && answers.timelineWeeks === undefined) return choice.approach;
  const fits = (a: Approach) => withinLimits(spotOf(a), answers);
  if (fits(choice.approach)) return choice.approach;
  const p = positionOf(choice.approach);
  for (let d = 1; d < APPROACHES.length; d++) {
    for (const q of [p - d, p + d]) {
      const a = APPROACHES[q];
      if (a && !ruledOut(a, choice, answers) && fits(a)) return a;
    }
  }
  return choice.approach;
}

/** over-budget and over-timeline: what the rules' choice would cost or take, and what fits instead. */
export function limitWarnings(choice: Choice, approach: Approach, answers: Answers, est: SpectrumEstimate): Warning[] {
  const out: Warning[] = [];
  const chosen = choice.approach;
  const fitting = (check: (d: SpotDetail) => boolean) => est.spots.filter((s) => check(s)).map((s) => s.approach);
  const alternative = (fit: Approach[]) => {
    const served = fit.filter((a) => !ruledOut(a, choice, answers));
    if (approach !== chosen) return `Recommending ${approach} instead, which fits.`;
    if (served.length) return `${served.join(', ')} would fit.`;
    if (fit.length) return `Only ${fit.join(', ')} would fit, and the rules rule ${fit.length > 1 ? 'them' : 'it'} out for this problem.`;
    return 'No spot on the spectrum fits; raise the limit or narrow the problem.';
  };
  const c = detailOf(est, chosen);
  if (c && answers.budgetUsd !== undefined && c.estimate.cost.likely > answers.budgetUsd) {
    out.push({ id: 'over-budget', message: `${chosen} would likely cost ${usd(c.estimate.cost.likely)}, ${usd(c.estimate.cost.likely - answers.budgetUsd)} over the budget of ${usd(answers.budgetUsd)}. ${alternative(fitting((d) => d.estimate.cost.likely <= answers.budgetUsd!))}` });
  }
  if (c && answers.timelineWeeks !== undefined && c.estimate.time.likely > answers.timelineWeeks) {
    out.push({ id: 'over-timeline', message: `${chosen} would likely take ${weeks(c.estimate.time.likely)}, ${weeks(Math.round((c.estimate.time.likely - answers.timelineWeeks) * 10) / 10)} over the timeline of ${weeks(answers.timelineWeeks)}. ${alternative(fitting((d) => d.estimate.time.likely <= answers.timelineWeeks!))}` });
  }
  return out;
}
