// Cost and time for every spot on the spectrum, from compute physics and dated prices. Pure: the
// figures come from the rule set's estimates catalog, the answers override the common ones, and the
// date that prices are judged against comes from the catalog or the caller, never the clock.
import type { InputIssue } from '../answers/check.js';
import { APPROACHES, type Answers, type Approach } from '../answers/fields.js';
import type { EstimatesCatalog, FamilyDefaults, Family } from '../catalog/catalog.js';
import { formatNumber } from '../text/format.js';
import { Assumptions, catalogText, NoAssumptions, YOURS, type Assumption } from './assumptions.js';
import { checkEstimateAnswers } from './check.js';
import { memoryFor, priceCompute, workFor, type MemoryNeed } from './compute.js';
import type { Context } from './context.js';
import { monthsBetween } from './dates.js';
import { addPayAssumption, describeEffort, effortFor, weeklyRate, type Effort } from './effort.js';
import { describePlan, labelKindFor, labelPlan, priceLabelCount, spotLabels, type LabelPlan } from './labels.js';
import { runningFor, type Running } from './running.js';
import type { LabelKind } from '../catalog/catalog.js';
import { fmtRange } from './assumptions.js';
import { mapR, maxR, plus, rangeOf, scale, sig3, type Range } from './range.js';

const HOURS_PER_WEEK = 168;

export interface SpotEstimate {
  cost: Range & { currency: 'USD'; breakdown: { compute: number; labeling: number; engineering: number; evaluation?: number } };
  time: Range & { unit: 'weeks' };
  compute: { gpu: string; gpuHours: Range; flops: number };
  /** Serving a month (present when the answers give requestsPerMonth). */
  running?: Range & { currency: 'USD'; per: 'month'; how: string };
  /** cost plus running over horizonMonths. */
  total?: Range & { currency: 'USD'; months: number };
}

export interface SpotDetail {
  approach: Approach;
  estimate: SpotEstimate;
  /** Labelled examples this spot needs, and how many more than the answers have. */
  labelsNeeded: number;
  labelGap: number;
  labelWeeks: Range;
  labelCost: Range;
  trainWeeks: Range;
  engineeringWeeks: Range;
  /** Trains a classical model on a CPU: no GPU-hours. */
  cpuOnly: boolean;
  /** Compute could not be estimated (no published FLOPs per sample for this family). */
  computeUnknown: boolean;
  /** GPU memory the run needs (by the catalog's bytes-per-parameter rule) and what its GPUs have. */
  memoryGb?: MemoryNeed;
  /** The people: person-weeks, team, calendar and cost. */
  effort: Effort;
  /** Test-set labels bought to measure the spot on your own data, and their cost. */
  testGap: Range;
  testCost: Range;
  /** Kinds of label this spot asks for that the catalog cannot price. */
  unpriced: LabelKind[];
  running?: Running;
  /** Parameters of the model the spot trains (0 when it trains none). */
  params: number;
  /** People labelling at once for this spot's labels. */
  labelers: number;
}

export interface SpectrumEstimate {
  spots: SpotDetail[];
  /** One spot, priced on demand (quiet estimates); otherwise looked up in `spots`. */
  spotOf?: (a: Approach) => SpotDetail | undefined;
  assumptions: Assumption[];
  /** Prices older than staleAfterMonths before evaluatedOn: what, asOf, age in months. */
  stale: { what: string; asOf: string; months: number }[];
  evaluatedOn?: string;
  staleAfterMonths: number;
  issues: InputIssue[];
}

export interface EstimateOptions {
  /** The date prices are judged against (YYYY-MM); defaults to the catalog's evaluatedOn. */
  evaluatedOn?: string;
  /** Figures only: no assumptions and no staleness (probes that compare spots, not results). */
  quiet?: boolean;
}


/** Whether the answers size the training data themselves (tokens, or samples for a per-sample model). */
function dataGivenFor(answers: Answers, fam: FamilyDefaults): boolean {
  return answers.trainingTokens !== undefined || (answers.trainingSamples !== undefined && fam.forwardGflopPerSample !== undefined);
}

/** The catalog's data sizing for a family, in words. */
function defaultDataText(fam: FamilyDefaults): string {
  return fam.tokensPerSample !== undefined ? `${formatNumber(fam.tokensPerSample, 0)} tokens per example, ${formatNumber(fam.epochs)} epochs${fam.scratchTokensPerParam ? `; from scratch at least ${formatNumber(fam.scratchTokensPerParam)} tokens per parameter` : ''}`
    : fam.forwardGflopPerSample !== undefined ? `${formatNumber(fam.forwardGflopPerSample)} GFLOP forward per sample, ${formatNumber(fam.epochs)} epochs${fam.scratchSamples ? `; from scratch ${formatNumber(fam.scratchSamples, 0)} samples × ${formatNumber(fam.scratchEpochs ?? fam.epochs)} epochs` : ''}`
    : 'no published FLOPs per sample';
}

/** The model and data behind every spot, in the assumptions. */
function describeInputs(A: Assumptions, answers: Answers, est: EstimatesCatalog, family: Family, fam: FamilyDefaults): void {
  if (answers.modelParams !== undefined) A.add('Starting model', `your model, ${formatNumber(answers.modelParams, 0)} parameters`, YOURS.source, YOURS.asOf);
  else A.addFromCatalog(est, `model:${family}`, () => ({ what: 'Starting model', value: `${fam.model}, ${formatNumber(fam.params, 0)} parameters`, source: fam.source, asOf: fam.asOf }));
  const data = !dataGivenFor(answers, fam) ? catalogText(est, `data:${family}`, () => defaultDataText(fam))
    : answers.trainingTokens !== undefined ? `${formatNumber(answers.trainingTokens, 0)} tokens (all epochs) for each spot that trains`
    : `${formatNumber(answers.trainingSamples!, 0)} samples (all epochs) for each spot that trains`;
  const dataGiven = dataGivenFor(answers, fam);
  A.add('Training data', data, dataGiven ? YOURS.source : fam.source, dataGiven ? YOURS.asOf : fam.asOf);
}

/** Estimates all five spots for one problem. */
export function estimateSpectrum(answers: Answers, est: EstimatesCatalog, family: Family, opts: EstimateOptions = {}): SpectrumEstimate {
  const issues = checkEstimateAnswers(answers, est);
  const fam = est.families[family] ?? est.families.other;
  const evaluatedOn = opts.evaluatedOn ?? est.evaluatedOn;
  const staleAfter = est.staleAfterMonths ?? 12;
  const A = opts.quiet ? new NoAssumptions() : new Assumptions();
  const stale: SpectrumEstimate['stale'] = [];
  const price = (what: string, asOf: string) => {
    if (!evaluatedOn || opts.quiet) return;
    const months = monthsBetween(asOf, evaluatedOn);
    if (months > staleAfter && !stale.some((s) => s.what === what)) stale.push({ what, asOf, months });
  };
  if (!fam) {
    issues.push({ path: ['estimates', 'families'], message: `no estimate defaults for the "${family}" family, nor for "other"` });
    return { spots: [], assumptions: [], stale, evaluatedOn, staleAfterMonths: staleAfter, issues };
  }
  const needed = est.labelsNeeded[family] ?? est.labelsNeeded.default;
  const ctx: Context = { answers, est, A, issues, price, evaluatedOn };
  const weekly = weeklyRate(answers, est);

  if (!opts.quiet) describeInputs(A, answers, est, family, fam);
  // One plan per kind of label, shared by the spots that buy it.
  const plans = new Map<LabelKind, LabelPlan>();
  const planFor = (kind: LabelKind) => {
    let p = plans.get(kind);
    if (!p) plans.set(kind, (p = labelPlan(ctx, kind)));
    return p;
  };
  const testKind = labelKindFor(est, answers.task, 'fine-tune');
  // One spot's plan. Probes (quiet) price a spot only when the fit asks for it: most probes look
  // at the rules' spot alone and stop there.
  const planSpot = (a: Approach): SpotDetail | undefined => {
    const need = needed?.[a] ?? 0;
    const examples = Math.max(answers.labeledExamples, need);
    const work = workFor(a, answers, fam, family, examples);
    const priced = priceCompute(ctx, work);
    if (!priced) return undefined;
    const { gpuHours, computeCost } = priced;
    if (work.cpuOnly) A.add('Classical model from scratch', 'trains on a CPU in minutes: no GPU-hours', fam.source, fam.asOf);
    if (work.computeUnknown) A.add(`Compute for ${a}`, 'not estimated', fam.source, fam.asOf);
    const trainPlan = planFor(labelKindFor(est, answers.task, a));
    const testPlan = planFor(testKind);
    const labels = spotLabels(ctx, need, { train: trainPlan, test: testPlan });
    if (!opts.quiet && labels.trainGap > 0) describePlan(ctx, trainPlan);
    if (!opts.quiet && labels.testGap.high > 0) describePlan(ctx, testPlan);
    const testCost = priceLabelCount(testPlan, labels.testGap).cost;
    const memoryGb = opts.quiet ? undefined : memoryFor(ctx, work);

    const trained = a === 'use-as-is' ? 0 : examples + (a === 'heavy-fine-tune' || a === 'train-from-scratch' ? answers.unlabeledExamples : 0);
    const effort = effortFor(ctx, a, family, fam, work, trained, weekly);
    if (!opts.quiet) describeEffort(ctx, a, fam, effort);
    const trainWeeks = scale(gpuHours, 1 / (work.setup.gpuCount * HOURS_PER_WEEK));
    // Engineers build the pipeline while labels arrive; the final training run follows the labels.
    const calendar = maxR(effort.calendarWeeks, plus(labels.weeks, trainWeeks));
    const labelCost = labels.cost;
    const cost = mapR(plus(computeCost, labelCost, effort.cost), Math.round);
    const breakdown = { compute: Math.round(computeCost.likely), labeling: Math.round(labelCost.likely - testCost.likely), engineering: Math.round(effort.cost.likely), evaluation: Math.round(testCost.likely) };
    const running = runningFor(ctx, a, family, fam, work, computeCost, weekly);
    const months = answers.horizonMonths;
    const estimate: SpotEstimate = {
      cost: { currency: 'USD', ...cost, breakdown },
      time: { unit: 'weeks', ...mapR(calendar, (w) => Math.round(w * 10) / 10) },
      compute: { gpu: work.cpuOnly ? 'cpu' : work.setup.gpu, gpuHours: mapR(gpuHours, sig3), flops: sig3(work.flops) },
    };
    if (running) {
      const monthly = mapR(running.monthly, Math.round);
      estimate.running = { currency: 'USD', per: 'month', ...monthly, how: running.how };
      estimate.total = { currency: 'USD', months, ...mapR(plus(cost, scale(monthly, months)), Math.round) };
    }
    return {
      approach: a,
      estimate,
      labelsNeeded: need,
      labelGap: labels.trainGap,
      labelWeeks: labels.weeks,
      labelCost,
      trainWeeks,
      engineeringWeeks: effort.calendarWeeks,
      cpuOnly: work.cpuOnly,
      computeUnknown: work.computeUnknown,
      ...(memoryGb ? { memoryGb } : {}),
      effort,
      testGap: labels.testGap,
      testCost,
      unpriced: labels.unpriced,
      ...(running ? { running } : {}),
      params: work.params,
      labelers: trainPlan.labelers,
    };
  };
  if (opts.quiet) {
    const memo = new Map<Approach, SpotDetail | undefined>();
    const spotOf = (a: Approach) => {
      if (!memo.has(a)) memo.set(a, planSpot(a));
      return memo.get(a);
    };
    let all: SpotDetail[] | undefined;
    return {
      get spots() {
        return (all ??= APPROACHES.map(spotOf).filter((d): d is SpotDetail => d !== undefined));
      },
      spotOf,
      assumptions: [],
      stale,
      evaluatedOn,
      staleAfterMonths: staleAfter,
      issues,
    };
  }
  const spots: SpotDetail[] = [];
  for (const a of APPROACHES) {
    const d = planSpot(a);
    if (d) spots.push(d);
  }
  if (est.testSetExamples && spots.some((s) => s.testGap.high > 0)) A.add('Labelled test set', `${fmtRange(rangeOf(est.testSetExamples), 'examples', 0)} to measure a model on your own data, less the labels you have beyond training`, est.testSetExamples.source, est.testSetExamples.asOf);
  if (answers.requestsPerMonth !== undefined) A.add('Requests a month', `${formatNumber(answers.requestsPerMonth, 0)}; total counts ${formatNumber(answers.horizonMonths)} months`, YOURS.source, YOURS.asOf);

  if (needed) A.add('Labelled examples each spot needs', catalogText(est, `needed:${family}`, () => APPROACHES.map((a) => `${a} ${formatNumber(needed[a], 0)}`).join(', ')), needed.source, needed.asOf);
  addPayAssumption(A, answers, est, weekly);
  A.add('Compute formula', 'FLOPs = 6·N·D full training, 4·N·D LoRA, 2·N·D forward only, 3 × forward FLOPs per sample for CNNs; GPU-hours = FLOPs / (peak × MFU × 3600)', 'EleutherAI Transformer Math 101; Kaplan et al. 2020; Hoffmann et al. 2022', '2022');
  return { spots, assumptions: A.list, stale, evaluatedOn, staleAfterMonths: staleAfter, issues };
}
