// Cost and time for every spot on the spectrum, from compute physics and dated prices. Pure: the
// figures come from the rule set's estimates catalog, the answers override the common ones, and the
// date that prices are judged against comes from the catalog or the caller, never the clock.
import type { InputIssue } from '../answers/check.js';
import { APPROACHES, type Answers, type Approach } from '../answers/fields.js';
import type { EstimatesCatalog, Family } from '../catalog/catalog.js';
import { formatNumber } from '../text/format.js';
import { Assumptions, NOTHING_RECORDED, YOURS, type Assumption } from './assumptions.js';
import { memoryFor, priceCompute, workFor, type MemoryNeed, type Priced, type SizedModel, type Work } from './compute.js';
import { computeInputs, type ComputeInputs, type Context } from './context.js';
import { monthsBetween } from './dates.js';
import { addPayAssumption, describeEffort, effortFor, weeklyRate, type Effort } from './effort.js';
import { describePlan, labelKindFor, labelPlan, priceLabelCount, spotLabels, type LabelPlan } from './labels.js';
import { runningFor, type Running } from './running.js';
import type { LabelKind } from '../catalog/catalog.js';
import { fmtRange } from './assumptions.js';
import { mapR, maxR, rangeOf, scale, sig3, sumOf, ZERO, type Range } from './range.js';

const HOURS_PER_WEEK = 168;
const tenth = (w: number) => Math.round(w * 10) / 10;
const DATA_WHAT = Object.fromEntries(APPROACHES.map((a) => [a, `Training data, ${a}`])) as Record<Approach, string>;

/** Parts of a figure the estimate could not price; the figure counts them as 0 and says so here. */
export type CostPart = 'compute' | 'labeling';
export type TimePart = 'training';

export interface SpotEstimate {
  cost: Range & { currency: 'USD'; breakdown: { compute: number; labeling: number; engineering: number; evaluation?: number }; notEstimated?: CostPart[] };
  time: Range & { unit: 'weeks'; notEstimated?: TimePart[] };
  compute: { gpu: string; gpuCount: number; gpuHours: Range; flops: number };
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
  /** No price is known for the run's GPU: the hours are estimated, the compute cost is not counted. */
  computeCostUnknown: boolean;
  /** The model this spot's compute is sized for (what the method text should name). */
  model?: SizedModel;
  /** The training run alone takes more than a year of wall-clock: why, in a sentence. */
  longRun?: string;
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
  /** The timeline moved this spot's GPUs (a run longer than a node-day): another timeline may price it differently. */
  readsTimeline: boolean;
}

export interface SpectrumEstimate {
  spots: SpotDetail[];
  /** Spots left out because their figures came out of range (result/figures.ts), with why. */
  dropped?: { approach: string; why: string }[];
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
  /** Figures only, no assumptions: what a summary needs. */
  figuresOnly?: boolean;
  /** Figures only, not even the stale prices: what a what-would-change probe needs. */
  probe?: boolean;
  /** Only these spots (a probe that fits the limits asks for one spot at a time). */
  spots?: readonly Approach[];
  /** The compute already priced in this decision, shared by its probes (a probe reads it; every estimate adds to it). */
  computeMemo?: ComputeMemo;
  /** The catalog model each spot starts from, where the models catalog names one (else the family default). */
  startingModels?: Partial<Record<Approach, StartingModel>>;
}

/**
 * The compute of spots already priced in one decision, spot by spot: each run with everything it
 * read (computeKey). A decision prices a handful of runs a spot, so a scan of short arrays costs
 * less than building and hashing a string key for every probe.
 */
export type ComputeMemo = Map<Approach, { key: unknown[]; stage: ComputeStage }[]>;
interface ComputeStage {
  work: Work;
  priced: Priced | undefined;
  readsTimeline: boolean;
}

/**
 * Everything the compute of one spot reads besides the spot: the task and family (they pick the
 * family's entry), the examples it trains on, the model it starts from and every answer compute
 * reads (ComputeInputs, the timeline's value included). Two estimates with equal keys price the
 * same run.
 */
function computeKey(answers: Answers, inputs: ComputeInputs, family: Family, examples: number, start: StartingModel | undefined): unknown[] {
  const i = inputs;
  // The timeline's value is read here without marking it read: only a long run reads it for its GPUs.
  return [answers.task, family, examples, start?.name, start?.params, i.architecture, i.modelParams, i.trainingTokens, i.trainingSamples, i.forwardGflops, i.inputResolution, i.unlabeledExamples, i.gpu, i.gpuCount, i.mfu, i.gpuHourlyUsd, answers.timelineWeeks];
}

function sameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function recalled(memo: ComputeMemo, a: Approach, key: readonly unknown[]): ComputeStage | undefined {
  const runs = memo.get(a);
  if (runs) for (const r of runs) if (sameKey(r.key, key)) return r.stage;
  return undefined;
}

function remember(memo: ComputeMemo, a: Approach, key: unknown[], stage: ComputeStage): void {
  const runs = memo.get(a);
  if (runs) runs.push({ key, stage });
  else memo.set(a, [{ key, stage }]);
}

/** A model of the models catalog that a spot is sized by. */
export interface StartingModel {
  name: string;
  params: number;
  /** When its size was checked (YYYY-MM). */
  checked: string;
}


/** Estimates all five spots for one problem. */
export function estimateSpectrum(answers: Answers, est: EstimatesCatalog, family: Family, opts: EstimateOptions = {}): SpectrumEstimate {
  // The answers were checked against the catalog when they were resolved (pipeline/resolve.ts);
  // what is collected here are the parts the catalog cannot price.
  const issues: InputIssue[] = [];
  // An entry keyed by the task (object-detection, image-segmentation) is sharper than its family's.
  const fam = (answers.task !== 'other' ? est.families[answers.task] : undefined) ?? est.families[family] ?? est.families.other;
  const evaluatedOn = opts.evaluatedOn ?? est.evaluatedOn;
  const staleAfter = est.staleAfterMonths ?? 12;
  const A = opts.probe || opts.figuresOnly ? NOTHING_RECORDED : new Assumptions();
  const tracksPrices = !opts.probe && evaluatedOn !== undefined;
  const stale: SpectrumEstimate['stale'] = [];
  const price = (what: string, asOf: string) => {
    if (!tracksPrices) return;
    const months = monthsBetween(asOf, evaluatedOn);
    if (months > staleAfter && !stale.some((s) => s.what === what)) stale.push({ what, asOf, months });
  };
  if (!fam) {
    issues.push({ path: ['estimates', 'families'], message: `no estimate defaults for the "${family}" family, nor for "other"` });
    return { spots: [], assumptions: [], stale, evaluatedOn, staleAfterMonths: staleAfter, issues };
  }
  const needed = est.labelsNeeded[family] ?? est.labelsNeeded.default;
  const inputs = computeInputs(answers);
  const ctx: Context = { answers, inputs, est, A, issues, price, tracksPrices, evaluatedOn };
  const weekly = weeklyRate(answers, est);
  // One plan per kind of label, shared by the spots that buy it (and by every estimate with the
  // same answers: labels.ts). An estimate asks for one or two kinds, each looked up once: two slots,
  // since a probe's estimate prices a single spot and a map made for it cost more than the lookups.
  let first: LabelPlan | undefined;
  let second: LabelPlan | undefined;
  const planFor = (kind: LabelKind): LabelPlan => {
    if (first?.kind === kind) return first;
    if (second?.kind === kind) return second;
    const plan = labelPlan(ctx, kind);
    if (!first) first = plan;
    else second = plan;
    return plan;
  };
  const testKind = labelKindFor(est, answers.task, 'fine-tune');

  if (!A.recording) {
    // Nothing to say: a summary or a probe reads the figures only.
  } else if (answers.modelParams !== undefined) A.add('Starting model', `your model, ${formatNumber(answers.modelParams, 0)} parameters`, YOURS.source, YOURS.asOf);
  else if (answers.architecture !== undefined && est.architectures[answers.architecture]) {
    const arch = est.architectures[answers.architecture]!;
    A.add('Starting model', () => `${arch.name}, ${formatNumber(arch.params, 0)} parameters${arch.forwardGflops !== undefined ? `, ${formatNumber(arch.forwardGflops)} GFLOPs forward per ${arch.sampleUnit ?? 'sample'}${arch.resolution ? ` at ${formatNumber(arch.resolution)} px` : ''}` : ''}`, arch.source, arch.asOf);
  } else {
    A.addFromCatalog(est, ['model', answers.task, family], () => ({ what: 'Starting model', value: `${fam.model}, ${formatNumber(fam.params, 0)} parameters${fam.forwardGflopPerSample !== undefined ? `, ${formatNumber(fam.forwardGflopPerSample)} GFLOPs forward per sample${fam.resolution ? ` at ${formatNumber(fam.resolution)} px` : ''}` : ''}`, source: fam.source, asOf: fam.asOf }));
    // A spot sized by the catalog model its method names, when that is not the family default, says so.
    for (const a of APPROACHES) {
      const m = opts.startingModels?.[a];
      if (m && m.params !== fam.params) A.addFromCatalog(est, ['starting-model', a, m.name, m.params, m.checked], () => ({ what: `Starting model (${a})`, value: `${m.name}, ${formatNumber(m.params, 0)} parameters`, source: 'models catalog (rules/models.yaml): the first suggestion for this spot', asOf: m.checked }));
    }
  }
  const dataGiven = answers.trainingTokens !== undefined || answers.trainingSamples !== undefined;
  const spots: SpotDetail[] = [];
  for (const a of opts.spots ?? APPROACHES) {
    const need = needed?.[a] ?? 0;
    const examples = Math.max(answers.labeledExamples, need);
    const start = opts.startingModels?.[a];
    // A probe changes one answer: when it is not one compute reads, the spot's run is the one
    // already priced for this decision (a summary or a probe records nothing, so reuse is exact).
    const memo = opts.computeMemo;
    const key = memo ? computeKey(answers, inputs, family, examples, start) : undefined;
    let stage = key !== undefined && !A.recording && !tracksPrices ? recalled(memo!, a, key) : undefined;
    if (!stage) {
      const work = workFor(a, inputs, fam, family, examples, est, start);
      inputs.timelineRead = false;
      const priced = priceCompute(ctx, work, fam);
      stage = { work, priced, readsTimeline: inputs.timelineRead };
      if (key !== undefined && priced) remember(memo!, a, key, stage);
    }
    const { work, priced, readsTimeline } = stage;
    if (!priced) continue;
    const { gpuHours, computeCost, setup } = priced;
    if (A.recording) {
      if (work.cpuOnly) A.addFromCatalog(est, ['cpu-only', fam], () => ({ what: 'Classical model from scratch', value: 'trains on a CPU in minutes: no GPU-hours', source: fam.source, asOf: fam.asOf }));
      if (work.computeUnknown) A.addFromCatalog(est, ['compute-unknown', a, fam], () => ({ what: `Compute for ${a}`, value: 'not estimated', source: fam.source, asOf: fam.asOf }));
      if (work.data && work.flops > 0) A.add(DATA_WHAT[a], work.data, dataGiven ? YOURS.source : fam.source, dataGiven ? YOURS.asOf : fam.asOf);
    }
    const trainPlan = planFor(labelKindFor(est, answers.task, a));
    const testPlan = planFor(testKind);
    const labels = spotLabels(ctx, need, { train: trainPlan, test: testPlan });
    // Also with figuresOnly: describing a plan records its dated prices for the staleness check.
    if (A.recording || tracksPrices) {
      if (labels.trainGap > 0) describePlan(ctx, trainPlan);
      if (labels.testGap.high > 0) describePlan(ctx, testPlan);
    }
    const testCost = priceLabelCount(testPlan, labels.testGap).cost;
    const memoryGb = memoryFor(ctx, work, setup);

    const trained = a === 'use-as-is' ? 0 : examples + (a === 'heavy-fine-tune' || a === 'train-from-scratch' ? answers.unlabeledExamples : 0);
    const effort = effortFor(ctx, a, family, fam, work, trained, weekly, setup.gpuCount);
    if (A.recording) describeEffort(ctx, a, fam, effort);
    const trainWeeks = scale(gpuHours, 1 / (setup.gpuCount * HOURS_PER_WEEK));
    // Engineers build the pipeline while labels arrive; the final training run follows the labels.
    const calendar = maxR(effort.calendarWeeks, sumOf(labels.weeks, trainWeeks));
    const labelCost = labels.cost;
    const cost = mapR(sumOf(computeCost ?? ZERO, labelCost, effort.cost), Math.round);
    const breakdown = { compute: Math.round(computeCost?.likely ?? 0), labeling: Math.round(labelCost.likely - testCost.likely), engineering: Math.round(effort.cost.likely), evaluation: Math.round(testCost.likely) };
    const years = trainWeeks.likely / 52;
    const longRun = years > 1 ? `its training run alone takes about ${formatNumber(Math.round(years * 10) / 10)} years on ${formatNumber(setup.gpuCount, 0)} ${setup.gpu} GPUs (${formatNumber(sig3(gpuHours.likely), 0)} GPU-hours${setup.countGiven ? '' : `; ${formatNumber(est.hardwarePlan?.maxGpus ?? setup.gpuCount, 0)} GPUs is the most assumed`})` : undefined;
    // What the figures leave out, so that nothing downstream (a --max-cost gate) reads a part
    // counted as 0 as a part that costs nothing: compute with no FLOPs or no price for its GPU,
    // labels of a kind the catalog cannot price (also the label-price-unknown warning).
    const computeGap = work.computeUnknown || (computeCost === undefined && gpuHours.likely > 0);
    const costGaps: CostPart[] = [];
    if (computeGap) costGaps.push('compute');
    if (labels.unpriced.length > 0) costGaps.push('labeling');
    const running = runningFor(ctx, a, family, fam, work, computeCost ?? ZERO, weekly);
    const months = answers.horizonMonths;
    // Literals of one fixed shape, optional keys added last (the JSON keeps this order): spreading
    // ranges into them cost more than the rest of a probe's spot.
    const spotCost: SpotEstimate['cost'] = { currency: 'USD', low: cost.low, likely: cost.likely, high: cost.high, breakdown };
    if (costGaps.length) spotCost.notEstimated = costGaps;
    const spotTime: SpotEstimate['time'] = { unit: 'weeks', low: tenth(calendar.low), likely: tenth(calendar.likely), high: tenth(calendar.high) };
    if (work.computeUnknown) spotTime.notEstimated = ['training'];
    const estimate: SpotEstimate = {
      cost: spotCost,
      time: spotTime,
      compute: { gpu: work.cpuOnly ? 'cpu' : setup.gpu, gpuCount: work.cpuOnly ? 1 : setup.gpuCount, gpuHours: mapR(gpuHours, sig3), flops: sig3(work.flops) },
    };
    if (running) {
      const monthly = mapR(running.monthly, Math.round);
      estimate.running = { currency: 'USD', per: 'month', ...monthly, how: running.how };
      estimate.total = { currency: 'USD', months, ...mapR(sumOf(cost, scale(monthly, months)), Math.round) };
    }
    const detail: SpotDetail = {
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
      computeCostUnknown: computeCost === undefined,
      memoryGb,
      model: work.model,
      longRun,
      effort,
      testGap: labels.testGap,
      testCost,
      unpriced: labels.unpriced,
      params: work.params,
      labelers: trainPlan.labelers,
      readsTimeline,
    };
    // Added after the literal: a spread in it made every spot a slow copy.
    if (running) detail.running = running;
    spots.push(detail);
  }
  if (!A.recording) return { spots, assumptions: [], stale, evaluatedOn, staleAfterMonths: staleAfter, issues };
  const testSet = est.testSetExamples;
  if (testSet && spots.some((s) => s.testGap.high > 0)) A.addFromCatalog(est, ['test-set'], () => ({ what: 'Labelled test set', value: `${fmtRange(rangeOf(testSet), 'examples', 0)} to measure a model on your own data, less the labels you have beyond training`, source: testSet.source, asOf: testSet.asOf }));
  if (answers.requestsPerMonth !== undefined) A.add('Requests a month', `${formatNumber(answers.requestsPerMonth, 0)}; total counts ${formatNumber(answers.horizonMonths)} months`, YOURS.source, YOURS.asOf);

  if (needed) A.addFromCatalog(est, ['needed', family], () => ({ what: 'Labelled examples each spot needs', value: APPROACHES.map((a) => `${a} ${formatNumber(needed[a], 0)}`).join(', '), source: needed.source, asOf: needed.asOf }));
  addPayAssumption(A, answers, est, weekly);
  A.addFromCatalog(est, ['compute-formula'], () => ({ what: 'Compute formula', value: 'FLOPs = 6·N·D full training, 4·N·D LoRA, 2·N·D forward only for transformers; 3 × (2 × LoRA, 1 × forward) forward FLOPs per sample for other models; GPU-hours = FLOPs / (peak × MFU × 3600); ranges are P10–P90, combined in log space', source: 'EleutherAI Transformer Math 101; Kaplan et al. 2020; Hoffmann et al. 2022', asOf: '2022' }));
  return { spots, assumptions: A.list, stale, evaluatedOn, staleAfterMonths: staleAfter, issues };
}
