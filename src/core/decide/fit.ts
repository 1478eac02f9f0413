// Fitting the budget and the timeline, and weighing the total cost of running it: which spots the
// rules allow for this problem, which of them can do the task and fit, and the spot to recommend
// once cost and time are known. The planner and the what-would-change probes both land on a spot
// through fitSpot, so they cannot disagree.
//
// The estimates move the rules' spot only when they say so clearly, since many of their figures
// are judgement: for the budget or timeline when the spot's likely figure is more than a quarter
// over the limit or even its optimistic figure (P10) is over, and to a spot that is cheaper to
// build and run when its likely total is more than a quarter below the rules' spot's (or below
// its P10). And only to a spot that still solves the problem.
import { APPROACHES, type Answers, type Approach } from '../answers/fields.js';
import type { SpectrumEstimate, SpotDetail } from '../estimate/spectrum.js';
import type { Warning } from '../result/result.js';
import { formatValue } from '../rules/conditions.js';
import { holdsDefine } from '../rules/classes.js';
import type { RuleSet } from '../rules/rule-set.js';
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
 * Whether a spot can do the task at all, whatever the budget: use-as-is only when a public model
 * does the exact task and has not fallen short on your data; feature extraction only where a
 * frozen model plus a head gives the task's output (not for generated output, the rules'
 * `generative` define). Adapting a model to your data always can.
 */
export function canServe(a: Approach, answers: Answers, rs: RuleSet): boolean {
  if (a === 'use-as-is') return answers.existingModel === 'exact' && answers.offTheShelfResult !== 'below-target';
  if (a === 'feature-extraction') return !holdsDefine(rs, 'generative', answers);
  return true;
}

/** Over the budget or the timeline at its likely figures. */
export function overLikely(d: SpotDetail, answers: Answers): { budget: boolean; timeline: boolean } {
  return {
    budget: answers.budgetUsd !== undefined && d.estimate.cost.likely > answers.budgetUsd,
    timeline: answers.timelineWeeks !== undefined && d.estimate.time.likely > answers.timelineWeeks,
  };
}

/**
 * A likely figure this far over a limit is more than the judgement in it can explain (effort is
 * judgement with a P10 about half its likely figure): judgement, stated in the README.
 */
export const CLEAR_OVERRUN = 1.25;

/** Clearly over: the likely figure more than a quarter over, or even the optimistic one (P10) over. The only overrun that may move the answer. */
export function clearlyOver(d: SpotDetail, answers: Answers): boolean {
  const over = (r: { low: number; likely: number }, limit: number | undefined) => limit !== undefined && (r.low > limit || r.likely > limit * CLEAR_OVERRUN);
  return over(d.estimate.cost, answers.budgetUsd) || over(d.estimate.time, answers.timelineWeeks);
}

const fitsLikely = (d: SpotDetail | undefined, answers: Answers): boolean => {
  if (!d) return false;
  const o = overLikely(d, answers);
  return !o.budget && !o.timeline;
};

export type MovedBy = 'budget-and-timeline' | 'total';

export interface Fit {
  approach: Approach;
  /** What moved the answer off the rules' spot, if anything. */
  movedBy?: MovedBy;
}

/** The answer fields fitSpot reads besides the limits and the estimates. */
export const FIT_READS: ReadonlySet<string> = new Set(['existingModel', 'offTheShelfResult', 'task', 'modality', 'requestsPerMonth']);

/**
 * The spot to recommend: the rules' choice, unless it is clearly over the budget or timeline and
 * a spot the rules allow can do the task and fits (the nearest, the cheaper side first); or, with
 * running costs known, a spot further right is clearly cheaper to build and run over the horizon.
 */
export function fitSpot(choice: Choice, answers: Answers, spotOf: (a: Approach) => SpotDetail | undefined, rs: RuleSet): Fit {
  const chosen = choice.approach;
  const limited = answers.budgetUsd !== undefined || answers.timelineWeeks !== undefined;
  if (!limited && answers.requestsPerMonth === undefined) return { approach: chosen };
  const c = spotOf(chosen);
  if (!c) return { approach: chosen };
  const ok = (a: Approach) => !ruledOut(a, choice, answers) && canServe(a, answers, rs) && fitsLikely(spotOf(a), answers);
  if (limited && clearlyOver(c, answers)) {
    const p = positionOf(chosen);
    for (let d = 1; d < APPROACHES.length; d++) {
      for (const q of [p - d, p + d]) {
        const a = APPROACHES[q];
        if (a && ok(a)) return { approach: a, movedBy: 'budget-and-timeline' };
      }
    }
    return { approach: chosen };
  }
  // More adaptation costs more to build and less to serve: at volume it can win on the total.
  if (answers.requestsPerMonth !== undefined && c.estimate.total) {
    let best: { a: Approach; total: number } | undefined;
    for (const a of APPROACHES.slice(positionOf(chosen) + 1)) {
      const t = spotOf(a)?.estimate.total?.likely;
      if (t === undefined || !ok(a)) continue;
      // Clearly cheaper, as for the limits: more than a quarter below, or below even its P10.
      const clearly = t * CLEAR_OVERRUN < c.estimate.total.likely || t < c.estimate.total.low;
      if (clearly && (!best || t < best.total)) best = { a, total: t };
    }
    if (best) return { approach: best.a, movedBy: 'total' };
  }
  return { approach: chosen };
}

/**
 * fitSpot's spot alone, shared by the planner and the what-would-change probes: the rules' choice
 * unless it is clearly over a limit and a spot that can do the task fits, or (with running costs)
 * a spot further right is clearly cheaper over the horizon. `spotOf` prices one spot on demand.
 */
export const fitToLimits = (choice: Choice, answers: Answers, spotOf: (a: Approach) => SpotDetail | undefined, rs: RuleSet): Approach => fitSpot(choice, answers, spotOf, rs).approach;

/**
 * What would make an over-limit spot fit: a bigger budget or more weeks always; fewer people
 * (cost) or more people and labellers (time) where the spot's team allows, from the estimate's
 * own parts; a smaller model where compute weighs, priced again by `reestimate`.
 */
export function fixesFor(a: Approach, d: SpotDetail, answers: Answers, reestimate: (changed: Partial<Answers>) => SpotDetail | undefined, limit: 'budget' | 'timeline'): string[] {
  const o = overLikely(d, answers);
  const over = { budget: o.budget && limit === 'budget', timeline: o.timeline && limit === 'timeline' };
  const out: string[] = [];
  const fits = (x: SpotDetail | undefined) => fitsLikely(x, answers);
  if (over.budget) out.push(`a budget of ${usd(d.estimate.cost.likely)} (budgetUsd)`);
  if (over.timeline) out.push(`${weeks(Math.round(d.estimate.time.likely * 10) / 10)} (timelineWeeks)`);
  // People and labellers change the figures in ways the estimate's own parts tell directly: the
  // cost of people is their weeks, the calendar the longer of the work and the labels-then-run.
  const { team, useful } = d.effort;
  const e = d.effort;
  const fitsBudget = (cost: number) => answers.budgetUsd === undefined || cost <= answers.budgetUsd;
  const fitsWeeks = (w: number) => answers.timelineWeeks === undefined || Math.round(w * 10) / 10 <= answers.timelineWeeks;
  const afterLabels = d.labelWeeks.likely + d.trainWeeks.likely;
  if (over.budget && team > useful) {
    // Beyond the useful team, people add cost and no speed.
    const cost = d.estimate.cost.likely - e.cost.likely * (1 - useful / team);
    if (fitsBudget(cost) && fitsWeeks(Math.max(e.calendarWeeks.likely, afterLabels))) out.push(`fewer people (teamSize ${useful})`);
  }
  if (over.timeline) {
    for (let t = team + 1; t <= useful; t++) {
      const weeksWith = Math.max((e.calendarWeeks.likely * Math.min(team, useful)) / t, afterLabels);
      // Up to the useful team, the same person-weeks cost the same, sooner.
      if (fitsWeeks(weeksWith) && fitsBudget(d.estimate.cost.likely)) {
        out.push(`more people (teamSize ${t})`);
        break;
      }
    }
  }
  if (over.timeline && afterLabels > e.calendarWeeks.likely && d.labelWeeks.likely > 0) {
    const now = answers.labelers ?? d.labelers;
    for (const n of [2, 4, 8, 16, 32].map((k) => now * k)) {
      if (fitsWeeks(Math.max(e.calendarWeeks.likely, (d.labelWeeks.likely * now) / n + d.trainWeeks.likely))) {
        out.push(`more people labelling (labelers ${n})`);
        break;
      }
    }
  }
  if (a !== 'use-as-is' && d.params > 0 && d.estimate.cost.breakdown.compute > 0.2 * d.estimate.cost.likely) {
    for (const k of [2, 4, 8, 16]) {
      const p = Number((d.params / k).toPrecision(2));
      if (fits(reestimate({ modelParams: p }))) {
        out.push(`a smaller model (modelParams ${formatValue(p)})`);
        break;
      }
    }
  }
  return out;
}

/**
 * over-budget and over-timeline: what the rules' spot would cost or take, where the answer went,
 * or why it stayed and what would make it fit.
 */
export function limitWarnings(choice: Choice, fit: Fit, answers: Answers, est: SpectrumEstimate, rs: RuleSet, reestimate: (a: Approach) => (changed: Partial<Answers>) => SpotDetail | undefined): Warning[] {
  const out: Warning[] = [];
  const chosen = choice.approach;
  const c = detailOf(est, chosen);
  if (!c) return out;
  const serving = (check: (d: SpotDetail) => boolean) => est.spots.filter((s) => s.approach !== chosen && check(s) && !ruledOut(s.approach, choice, answers) && canServe(s.approach, answers, rs)).map((s) => s.approach);
  const after = (fitting: Approach[], limit: 'budget' | 'timeline') => {
    if (fit.movedBy === 'budget-and-timeline') return `Recommending ${fit.approach} instead, the nearest spot that still solves the problem and fits.`;
    const kept = !clearlyOver(c, answers) ? 'Kept: less than a quarter over, with optimistic figures that fit, is within what these partly judgement figures can tell. ' : fitting.length ? '' : "No spot that solves the problem fits, so the rules' spot stays, marked as not fitting. ";
    const others = fitting.length ? `${fitting.join(', ')} would fit and can do the task. ` : '';
    const fixes = fixesFor(chosen, c, answers, reestimate(chosen), limit);
    return `${kept}${others}It would fit with ${fixes.join(', or ')}.`;
  };
  if (answers.budgetUsd !== undefined && c.estimate.cost.likely > answers.budgetUsd) {
    out.push({ id: 'over-budget', message: `${chosen} would likely cost ${usd(c.estimate.cost.likely)}, ${usd(c.estimate.cost.likely - answers.budgetUsd)} over the budget of ${usd(answers.budgetUsd)}. ${after(serving((d) => d.estimate.cost.likely <= answers.budgetUsd!), 'budget')}` });
  }
  if (answers.timelineWeeks !== undefined && c.estimate.time.likely > answers.timelineWeeks) {
    out.push({ id: 'over-timeline', message: `${chosen} would likely take ${weeks(c.estimate.time.likely)}, ${weeks(Math.round((c.estimate.time.likely - answers.timelineWeeks) * 10) / 10)} over the timeline of ${weeks(answers.timelineWeeks)}. ${after(serving((d) => d.estimate.time.likely <= answers.timelineWeeks!), 'timeline')}` });
  }
  return out;
}
