// The explanations of a decision: the rules that decided and the facts that made them hold, why
// each other spot lost, the spots that cost less than their left neighbours, and the --explain
// trace. They read the decision's rule record and its probes; nothing here evaluates a rule again.
import { FIELD_BY_NAME, type Answers, type Approach } from '../answers/fields.js';
import type { SpectrumEstimate } from '../estimate/spectrum.js';
import type { Rationale, RuleTrace } from '../result/result.js';
import { describeLeaf, formatValue, type LeafTrace, type Rule, type Scalar } from '../rules/conditions.js';
import { rulesByKind, type Choice } from './choose.js';
import type { RuleEvaluation } from './evaluation.js';
import { detailOf, overLimits, usd, type Fit } from './fit.js';
import { valueWords, type Change, type Prober } from './what-would-change.js';
import { positionOf } from './spots.js';

/** "labeledExamples = 200" for each condition of the rule that held, once each. */
function factsOf(rule: Rule, ev: RuleEvaluation): string[] {
  const out: string[] = [];
  for (const l of ev.leaves(rule)) {
    if (!l.holds) continue;
    const s = `${l.field} = ${formatValue(l.actual)}`;
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

/** The rule that decided, then every limit that moved or bound the answer, then the fit to the limits. */
export function rationaleOf(choice: Choice, fit: Fit, answers: Answers, est: SpectrumEstimate, ev: RuleEvaluation): { rationale: Rationale[]; moved: string[] } {
  const approach = fit.approach;
  const rationale: Rationale[] = [];
  const moved: string[] = [];
  if (choice.decidedBy) rationale.push({ rule: choice.decidedBy.id, because: choice.decidedBy.because, facts: factsOf(choice.decidedBy, ev) });
  else rationale.push({ rule: 'default', because: ev.rs.default.because, facts: [] });
  for (const l of choice.limits) {
    const movedIt = (l === choice.capRule && positionOf(choice.decidedApproach) > choice.cap) || (l === choice.floorRule && positionOf(choice.decidedApproach) < choice.floor);
    if (movedIt) moved.push(l.id);
    rationale.push({ rule: l.id, because: movedIt ? `${l.because} (moved the answer from ${choice.decidedApproach} to ${choice.approach})` : l.because, facts: factsOf(l, ev) });
  }
  if (fit.movedBy === 'budget-and-timeline') {
    rationale.push({
      rule: 'fit-budget-and-timeline',
      because: `${choice.approach} would clearly not fit (more than a quarter over, or over even at its optimistic figures): ${overLimits(detailOf(est, choice.approach), answers).join('; ')}. ${approach} is the nearest spot that still solves the problem and fits.`,
      facts: [answers.budgetUsd !== undefined ? `budgetUsd = ${formatValue(answers.budgetUsd)}` : '', answers.timelineWeeks !== undefined ? `timelineWeeks = ${formatValue(answers.timelineWeeks)}` : ''].filter(Boolean),
    });
  } else if (fit.movedBy === 'total') {
    const from = detailOf(est, choice.approach)!.estimate;
    const to = detailOf(est, approach)!.estimate;
    rationale.push({
      rule: 'weigh-total',
      because: `At ${formatValue(answers.requestsPerMonth!)} requests a month, ${approach} would likely cost ${usd(to.total!.likely)} to build and run for ${formatValue(answers.horizonMonths)} months (${to.running!.how}), clearly below the ${usd(from.total!.likely)} of ${choice.approach} (${from.running!.how}).`,
      facts: [`requestsPerMonth = ${formatValue(answers.requestsPerMonth!)}`, `horizonMonths = ${formatValue(answers.horizonMonths)}`],
    });
  }
  return { rationale, moved };
}

/** An answer value that makes the condition hold, or undefined when there is no single one. */
function satisfying(l: LeafTrace): Scalar | undefined {
  const integer = FIELD_BY_NAME.get(l.field)?.kind === 'integer';
  const v = l.expected;
  switch (l.op) {
    case 'is':
      return v as Scalar;
    case 'in':
      return (v as Scalar[])[0];
    case 'isNot':
    case 'notIn': {
      const out = l.op === 'isNot' ? [v as Scalar] : (v as Scalar[]);
      const f = FIELD_BY_NAME.get(l.field);
      if (f?.kind === 'boolean') return out.includes(true) ? false : true;
      return f?.choices?.map((c) => c.value).find((c) => !out.includes(c));
    }
    case 'lt':
      return integer ? (v as number) - 1 : (v as number) * 0.999;
    case 'gt':
      return integer ? (v as number) + 1 : (v as number) * 1.001 + (v === 0 ? 0.001 : 0);
    case 'lte':
    case 'gte':
      return v as number;
    default:
      return undefined;
  }
}

/**
 * Why a spot the rules allow lost. A change of one answer that makes it the recommendation is
 * quoted from the probes (and added to them when only this search found it); otherwise the
 * closest rule that chooses it, what it needs, and — where the probe can tell without pricing the
 * spots again — where that need alone would lead.
 */
export function whyNot(a: Approach, chosen: Approach, changes: Change[], ev: RuleEvaluation, prober: Prober): string {
  const known = changes.find((c) => c.approach === a);
  if (known) return `Would be the recommendation ${known.when}.`;
  // Already in priority order; the rule closest to holding (fewest failed conditions) explains the loss best.
  const scored = rulesByKind(ev.rs)
    .decide.filter((x) => x.rule.then.approach === a)
    .map((x) => ({ r: x.rule, failed: ev.leaves(x.rule).filter((l) => !l.holds) }))
    .sort((x, y) => x.failed.length - y.failed.length);
  const best = scored[0];
  if (!best) return positionOf(a) < positionOf(chosen) ? 'Less adaptation than this problem needs, given your answers.' : 'More cost and risk than your answers justify.';
  if (best.failed.length === 0) return `Rule ${best.r.id} also points here, but a rule of higher priority chose ${chosen}.`;
  const needs = best.failed.slice(0, 2).map((l) => `${describeLeaf(l)} (you: ${formatValue(l.actual)})`).join(' and ');
  const only = best.failed.length === 1 ? best.failed[0]! : undefined;
  const value = only && satisfying(only);
  const lands = only && value !== undefined ? prober.landsOn(only.field, value) : undefined;
  if (only && value !== undefined && lands !== undefined) {
    if (lands === a) {
      const when = `with ${valueWords(only.field, value) ?? `${only.field} = ${formatValue(value)}`}`;
      changes.push({ field: only.field, value, approach: a, text: `${when} this becomes ${a}`, when });
      return `Would be the recommendation ${when}.`;
    }
    return `Rule ${best.r.id} chooses it when ${needs}, but with that alone the recommendation would be ${lands}.`;
  }
  return `Rule ${best.r.id} chooses it when ${needs}${best.failed.length > 2 ? ` and ${best.failed.length - 2} more` : ''}.`;
}

/** Says so when a spot costs less than one to its left, and why. */
export function cheaperThanLeft(a: Approach, est: SpectrumEstimate): string | undefined {
  const i = est.spots.findIndex((s) => s.approach === a);
  const me = est.spots[i];
  if (!me || i <= 0) return undefined;
  const dearer = est.spots.slice(0, i).filter((s) => s.estimate.cost.likely > me.estimate.cost.likely);
  if (!dearer.length) return undefined;
  const names = dearer.map((s) => s.approach).join(', ');
  if (me.cpuOnly) return `Cheaper than ${names} to its left: a classical model trains on a CPU in minutes, with no GPU-hours and less engineering.`;
  return `Cheaper than ${names} to its left for this problem (fewer labels to buy, or a run large enough to reach the utilisation of pre-training).`;
}

/** Every rule, whether it matched, and each condition with the actual and the expected value. */
export function traceRules(ev: RuleEvaluation, decidedBy?: string, movedBy: readonly string[] = []): RuleTrace[] {
  return ev.rs.rules.map((rule) => {
    const { matched, leaves } = ev.trace(rule);
    const t: RuleTrace = { rule: rule.id, kind: rule.kind, matched: rule.enabled && matched, enabled: rule.enabled, origin: rule.origin, conditions: leaves };
    if (rule.kind === 'decide') {
      t.priority = rule.priority;
      t.decided = rule.id === decidedBy;
    }
    if (rule.kind === 'limit') t.moved = movedBy.includes(rule.id);
    t.then = rule.then;
    return t;
  });
}
