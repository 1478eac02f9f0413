// The warnings of a decision: those of the warn rules that hold, then those the estimates raise
// (over the budget or timeline, too few labels to afford, a model too big for its GPUs, old prices).
import type { Answers, Approach } from '../answers/fields.js';
import type { SpectrumEstimate, SpotDetail } from '../estimate/spectrum.js';
import type { RuleSet } from '../rules/rule-set.js';
import type { Warning } from '../result/result.js';
import { formatValue } from '../rules/conditions.js';
import { rulesByKind, type Choice } from './choose.js';
import type { RuleEvaluation } from './evaluation.js';
import { detailOf, limitWarnings, usd, weeks, type Fit } from './fit.js';

/** The warn rules that hold for the settled decision, once per warning id (the first rule that holds names it). */
function ruleWarnings(ev: RuleEvaluation): Warning[] {
  const warnings: Warning[] = [];
  for (const rule of rulesByKind(ev.rs).warn) {
    if (warnings.some((w) => w.id === rule.then.warning)) continue;
    if (ev.holds(rule)) warnings.push({ id: rule.then.warning!, message: rule.then.message!, rule: rule.id });
  }
  return warnings;
}

/** Prices one spot again with some answers changed (what would make it fit). */
export type Reestimate = (a: Approach) => (changed: Partial<Answers>) => SpotDetail | undefined;

function estimateWarnings(choice: Choice, fit: Fit, answers: Answers, est: SpectrumEstimate, rs: RuleSet, reestimate: Reestimate): Warning[] {
  const approach = fit.approach;
  const out = limitWarnings(choice, fit, answers, est, rs, reestimate);
  const r = detailOf(est, approach);
  if (r && r.labelGap > 0) {
    const tooDear = answers.budgetUsd !== undefined && r.labelCost.likely > answers.budgetUsd;
    const tooSlow = answers.timelineWeeks !== undefined && r.labelWeeks.likely > answers.timelineWeeks;
    if (tooDear || tooSlow) {
      const parts = [tooDear ? `would cost about ${usd(r.labelCost.likely)} against a budget of ${usd(answers.budgetUsd!)}` : '', tooSlow ? `would take about ${weeks(Math.round(r.labelWeeks.likely * 10) / 10)} against ${weeks(answers.timelineWeeks!)}` : ''].filter(Boolean);
      out.push({ id: 'insufficient-data', message: `${approach} needs about ${formatValue(r.labelsNeeded)} labelled examples and you have ${formatValue(answers.labeledExamples)}; labelling the other ${formatValue(r.labelGap)} ${parts.join(' and ')}.` });
    }
  }
  if (r && r.unpriced.length) {
    out.push({ id: 'label-price-unknown', message: `${approach} asks for labels the catalog cannot price (${r.unpriced.join(', ')}, from ${answers.labelSource} labellers); they are not in the cost. Pass labelCostUsd with your price, or add one under estimates.labeling in a rules layer.` });
  }
  if (r?.memoryGb && r.memoryGb.needed > r.memoryGb.available) {
    const m = r.memoryGb;
    out.push({ id: 'gpu-memory', message: `${approach} on ${r.estimate.compute.gpu} needs about ${formatValue(m.needed)} GB of GPU memory (${formatValue(m.bytesPerParam)} bytes per parameter) and the GPUs have ${formatValue(m.available)} GB together; use more GPUs (gpuCount), a bigger card, or LoRA/QLoRA.` });
  }
  if (est.dropped?.length) {
    out.push({ id: 'estimate-out-of-range', message: `No estimate for ${est.dropped.map((d) => d.approach).join(', ')}: the figures came out of range (${est.dropped[0]!.why}). Check the sizes and prices given.` });
  }
  const unpriced = est.spots.filter((s) => s.computeCostUnknown && s.estimate.compute.gpuHours.likely > 0);
  if (unpriced.length) {
    const gpus = [...new Set(unpriced.map((s) => s.estimate.compute.gpu))].join(', ');
    out.push({ id: 'compute-cost-unknown', message: `No rental price is known for ${gpus}: the GPU-hours of ${unpriced.map((s) => s.approach).join(', ')} are estimated, but their compute cost is not counted in cost. Pass gpuHourlyUsd, or add the price under estimates.prices in a rules layer.` });
  }
  if (est.stale.length) {
    const list = est.stale.map((s) => `${s.what} (${s.asOf}, ${s.months} months old)`).join('; ');
    out.push({ id: 'stale-price', message: `Some prices behind these estimates are more than ${est.staleAfterMonths} months older than ${est.evaluatedOn}: ${list}. Pass your own (gpuHourlyUsd, engineerWeeklyUsd, labelCostUsd) or update them in a rules layer.` });
  }
  return out;
}

export function warningsOf(choice: Choice, fit: Fit, answers: Answers, est: SpectrumEstimate, ev: RuleEvaluation, reestimate: Reestimate): Warning[] {
  const warnings = ruleWarnings(ev);
  for (const w of estimateWarnings(choice, fit, answers, est, ev.rs, reestimate)) {
    // A rule may already have raised the same warning: add the priced detail to its message.
    const same = warnings.find((x) => x.id === w.id);
    if (same) same.message = `${same.message} ${w.message}`;
    else warnings.push(w);
  }
  return warnings;
}
