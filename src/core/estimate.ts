// Cost and time for every spot on the spectrum, from compute physics and dated prices. Pure: the
// figures come from the rule set's estimates catalog, the answers override the common ones, and the
// date that prices are judged against comes from the catalog or the caller, never the clock.
import { APPROACHES, type Answers, type Approach } from './fields.js';
import type { EstimatesCatalog, FamilyDefaults, Family, LabelPrice, Spread } from './catalog.js';
import type { Assumption, Range, SpotEstimate } from './result.js';
import type { InputIssue } from './answers.js';
import { closest } from './suggest.js';
import { formatNumber } from './format.js';

export type JobKind = 'large' | 'small';
/** How a spot's training touches the weights: all of them, adapters only, or forward passes only. */
export type Pass = 'full' | 'adapter' | 'forward';

const FLOPS_PER_PARAM_TOKEN: Record<Pass, number> = { full: 6, adapter: 4, forward: 2 };
const HOURS_PER_WEEK = 168;

// ---- The formulas ----------------------------------------------------------------------------

/** Transformer FLOPs: 6·N·D to train all weights, about 4·N·D for LoRA/adapters, 2·N·D forward only. */
export function transformerFlops(pass: Pass, params: number, tokens: number): number {
  return FLOPS_PER_PARAM_TOKEN[pass] * params * tokens;
}

/** Convolutional and other non-token models: 3 × forward FLOPs per sample to train, 1 × to extract. */
export function perSampleFlops(pass: Pass, forwardFlopsPerSample: number, samples: number): number {
  return (pass === 'forward' ? 1 : 3) * forwardFlopsPerSample * samples;
}

/** GPU-hours = FLOPs / (peak FLOP/s × MFU × 3600). */
export function gpuHoursFor(flops: number, peakTflops: number, mfu: number): number {
  return flops / (peakTflops * 1e12 * mfu * 3600);
}

/** Low/likely/high GPU-hours: the high MFU gives the low figure. Never below the fixed overhead. */
export function gpuHoursRange(flops: number, peakTflops: number, mfu: Range, floor?: Range): Range {
  const raw = { low: gpuHoursFor(flops, peakTflops, mfu.high), likely: gpuHoursFor(flops, peakTflops, mfu.likely), high: gpuHoursFor(flops, peakTflops, mfu.low) };
  if (!floor || flops === 0) return raw;
  return { low: Math.max(raw.low, floor.low), likely: Math.max(raw.likely, floor.likely), high: Math.max(raw.high, floor.high) };
}

const times = (a: Range, b: Range): Range => ({ low: a.low * b.low, likely: a.likely * b.likely, high: a.high * b.high });
const plus = (...rs: Range[]): Range => ({ low: rs.reduce((s, r) => s + r.low, 0), likely: rs.reduce((s, r) => s + r.likely, 0), high: rs.reduce((s, r) => s + r.high, 0) });
const scale = (r: Range, k: number): Range => ({ low: r.low * k, likely: r.likely * k, high: r.high * k });
const maxR = (a: Range, b: Range): Range => ({ low: Math.max(a.low, b.low), likely: Math.max(a.likely, b.likely), high: Math.max(a.high, b.high) });
const one = (v: number): Range => ({ low: v, likely: v, high: v });
export const ZERO: Range = one(0);

/** A catalog spread as a range; a missing end is the likely value (the source published no range). */
export function rangeOf(s: { low?: number; likely: number; high?: number }): Range {
  return { low: s.low ?? s.likely, likely: s.likely, high: s.high ?? s.likely };
}

/** Rounds to three significant figures: readable, and never reorders low ≤ likely ≤ high. */
/** n rounded to 3 significant digits (exactly as toPrecision(3), without the string round trip when it can). */
export function sig3(n: number): number {
  if (n === 0 || !Number.isFinite(n)) return n;
  const a = Math.abs(n);
  // Integers below 1000 already have at most 3 significant digits.
  if (a < 1000 && Number.isInteger(a)) return n;
  // Scale to three digits before the point, round, scale back; toPrecision settles the rare
  // case where the scaled value sits on a rounding edge and floating point could tip it.
  if (a < 1e-3 || a >= 1e21) return Number(n.toPrecision(3));
  // Powers of ten up to 1e22 are exact, so scaling by them and back rounds like the decimal text.
  const e = Math.floor(Math.log10(a));
  const p = 10 ** Math.abs(e - 2);
  const scaled = e >= 2 ? a / p : a * p;
  const frac = scaled - Math.floor(scaled);
  if (Math.abs(frac - 0.5) < 1e-6 || scaled < 100 || scaled >= 1000) return Number(n.toPrecision(3));
  const r = e >= 2 ? Math.round(scaled) * p : Math.round(scaled) / p;
  return n < 0 ? -r : r;
}
const mapR = (r: Range, f: (n: number) => number): Range => ({ low: f(r.low), likely: f(r.likely), high: f(r.high) });

// ---- Dates -------------------------------------------------------------------------------------

/** Whole months from `from` to `to`, both YYYY, YYYY-MM or YYYY-MM-DD. */
const monthIndex = new Map<string, number>();
function ym(s: string): number {
  let n = monthIndex.get(s);
  if (n === undefined) {
    const [y, m] = s.split('-');
    n = Number(y) * 12 + (m ? Number(m) - 1 : 0);
    // A handful of distinct dates exist (the catalog's asOf values); no bound needed in practice,
    // but a runaway caller cannot grow the map past a few thousand entries.
    if (monthIndex.size < 4096) monthIndex.set(s, n);
  }
  return n;
}

export function monthsBetween(from: string, to: string): number {
  return ym(to) - ym(from);
}

// ---- Inputs the answers may name -------------------------------------------------------------

/** Answers that must match the catalog: an unknown GPU id names the closest known one. */
export function checkEstimateAnswers(answers: Answers, est: EstimatesCatalog): InputIssue[] {
  const issues: InputIssue[] = [];
  const ids = Object.keys(est.hardware);
  if (answers.gpu !== undefined && !est.hardware[answers.gpu]) {
    // "h100" means h100-sxm, not v100, though both are one edit away.
    const near = ids.find((id) => id.startsWith(answers.gpu!.toLowerCase())) ?? closest(answers.gpu, ids);
    issues.push({ path: ['gpu'], message: `unknown GPU "${answers.gpu}"; the hardware catalog has ${ids.join(', ')}`, hint: near ? `did you mean "${near}"?` : 'add it to a rules layer under estimates.hardware' });
  } else if (answers.gpu !== undefined && answers.gpuHourlyUsd === undefined && !est.prices[answers.gpu]) {
    issues.push({ path: ['gpu'], message: `the catalog has no published price for "${answers.gpu}"`, hint: 'pass gpuHourlyUsd with the price you pay' });
  }
  return issues;
}

/** Catalog problems a rules layer can introduce: defaults naming unknown GPUs, missing MFU. */
export function checkEstimatesCatalog(est: EstimatesCatalog): InputIssue[] {
  const issues: InputIssue[] = [];
  for (const [name, fam] of Object.entries(est.families)) {
    for (const key of ['gpu', 'scratchGpu'] as const) {
      const hw = est.hardware[fam[key]];
      if (!hw) issues.push({ path: ['estimates', 'families', name, key], message: `"${fam[key]}" is not in estimates.hardware` });
      else if (!est.prices[fam[key]]) issues.push({ path: ['estimates', 'families', name, key], message: `"${fam[key]}" has no price in estimates.prices` });
      else if (!Object.values(est.mfu).some((m) => m.generations.includes(hw.generation))) issues.push({ path: ['estimates', 'mfu'], message: `no MFU range for ${hw.generation} hardware (${fam[key]})` });
    }
  }
  return issues;
}

// ---- Per-spot plans ----------------------------------------------------------------------------

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
  memoryGb?: { needed: number; available: number; bytesPerParam: number };
}

export interface SpectrumEstimate {
  spots: SpotDetail[];
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
}

const GENERATIVE_OR_SPEECH = new Set(['summarization', 'translation', 'text-generation', 'chat-assistant', 'image-generation', 'speech-synthesis', 'music-generation', 'speech-recognition']);

function labelKind(task: string): 'classification' | 'box' | 'segmentation' | undefined {
  if (GENERATIVE_OR_SPEECH.has(task)) return undefined;
  if (task === 'object-detection') return 'box';
  if (task === 'image-segmentation') return 'segmentation';
  return 'classification';
}

/** The label price for this source, task and modality: an exact kind and modality first. */
export function labelPriceFor(est: EstimatesCatalog, answers: Answers): { id: string; price: LabelPrice } | undefined {
  const kind = labelKind(answers.task);
  if (!kind) return undefined;
  let best: { id: string; price: LabelPrice; score: number } | undefined;
  for (const [id, p] of Object.entries(est.labeling)) {
    if (p.labelSource !== answers.labelSource) continue;
    if (p.kind !== kind && p.kind !== 'any') continue;
    if (p.modalities && !p.modalities.includes(answers.modality)) continue;
    const score = (p.kind === kind ? 2 : 0) + (p.modalities ? 1 : 0);
    if (!best || score > best.score) best = { id, price: p, score };
  }
  return best && { id: best.id, price: best.price };
}

function perItemUsd(p: LabelPrice): Range {
  if (p.likely !== undefined) return rangeOf({ low: p.low, likely: p.likely, high: p.high });
  return one((p.minutesPerItem! / 60) * p.hourlyUsd!);
}

interface Setup {
  gpu: string;
  gpuCount: number;
  job: JobKind;
}

interface Work {
  flops: number;
  /** Parameters held on the GPUs; `pass` says whether their gradients and optimiser state are too. */
  params: number;
  pass?: Pass;
  setup: Setup;
  computeUnknown: boolean;
  cpuOnly: boolean;
}

/** FLOPs of one spot, and on what it runs. */
function workFor(a: Approach, answers: Answers, fam: FamilyDefaults, family: Family, examples: number): Work {
  const scratch = a === 'train-from-scratch';
  const setup: Setup = {
    gpu: answers.gpu ?? (scratch ? fam.scratchGpu : fam.gpu),
    gpuCount: answers.gpuCount ?? (scratch ? fam.scratchGpuCount : fam.gpuCount),
    job: scratch ? 'large' : 'small',
  };
  const none = (extra: Partial<Work> = {}): Work => ({ flops: 0, params: 0, setup, computeUnknown: false, cpuOnly: false, ...extra });
  if (a === 'use-as-is') return none();
  if (scratch && fam.classicalScratch) return none({ cpuOnly: true });
  const N = answers.modelParams ?? fam.params;
  const pass: Pass = a === 'feature-extraction' ? 'forward' : a === 'fine-tune' && (family === 'llm' || family === 'image-generation') ? 'adapter' : 'full';
  const unlabeled = a === 'heavy-fine-tune' || scratch ? answers.unlabeledExamples : 0;

  if (fam.tokensPerSample !== undefined || answers.trainingTokens !== undefined) {
    const tps = fam.tokensPerSample ?? 0;
    let D: number;
    if (answers.trainingTokens !== undefined) D = pass === 'forward' ? answers.trainingTokens / fam.epochs : answers.trainingTokens;
    else if (pass === 'forward') D = examples * tps;
    else if (scratch) D = Math.max((fam.scratchTokensPerParam ?? 0) * N, (examples + unlabeled) * tps);
    else D = examples * tps * fam.epochs + unlabeled * tps;
    return none({ flops: transformerFlops(pass, N, D), params: N, pass });
  }
  if (fam.forwardGflopPerSample !== undefined) {
    // A bigger model of the same shape costs proportionally more per sample.
    const fwd = fam.forwardGflopPerSample * 1e9 * (N / fam.params);
    let S: number;
    if (answers.trainingSamples !== undefined) S = pass === 'forward' ? answers.trainingSamples / fam.epochs : answers.trainingSamples;
    else if (pass === 'forward') S = examples;
    else if (scratch) S = Math.max(fam.scratchSamples ?? 0, examples + unlabeled) * (fam.scratchEpochs ?? fam.epochs);
    else S = (examples + unlabeled) * fam.epochs;
    return none({ flops: perSampleFlops(pass, fwd, S), params: N, pass });
  }
  return none({ computeUnknown: true, params: N, pass });
}

const fmtRange = (r: Range, unit: string, digits = 2) =>
  r.low === r.high ? `${formatNumber(r.likely, digits)} ${unit}` : `${formatNumber(r.low, digits)}–${formatNumber(r.high, digits)} ${unit} (likely ${formatNumber(r.likely, digits)})`;

// Assumption texts that depend only on the catalog (and the task family) are formatted once per
// catalog: a batch would otherwise format the same strings for every row.
const textCache = new WeakMap<EstimatesCatalog, Map<string, string>>();
function catalogText(est: EstimatesCatalog, key: string, make: () => string): string {
  let m = textCache.get(est);
  if (!m) textCache.set(est, (m = new Map()));
  let t = m.get(key);
  if (t === undefined) m.set(key, (t = make()));
  return t;
}

class Assumptions {
  readonly list: Assumption[] = [];
  private readonly seen = new Set<string>();
  /** Adds a figure once; `value` may be a function, so a figure met again is not formatted again. */
  add(what: string, value: string | (() => string), source: string, asOf: string): void {
    if (this.seen.has(what)) return;
    this.seen.add(what);
    this.list.push({ what, value: typeof value === 'string' ? value : value(), source, asOf });
  }

  /**
   * Adds a figure that depends only on the catalog, made once per catalog and `key` and shared
   * by every result after that (a batch adds the same dozen figures to every row).
   */
  addFromCatalog(est: EstimatesCatalog, key: string, make: () => Assumption): void {
    let m = assumptionCache.get(est);
    if (!m) assumptionCache.set(est, (m = new Map()));
    let a = m.get(key);
    if (!a) m.set(key, (a = make()));
    if (this.seen.has(a.what)) return;
    this.seen.add(a.what);
    this.list.push(a);
  }
}
const assumptionCache = new WeakMap<EstimatesCatalog, Map<string, Assumption>>();

const YOURS = { source: 'your answers', asOf: 'as given' };

/** What pricing one spot needs: the inputs, and where assumptions, issues and stale prices go. */
interface Context {
  answers: Answers;
  est: EstimatesCatalog;
  A: Assumptions;
  issues: InputIssue[];
  /** Records a price that was used, for the staleness check. */
  price: (what: string, asOf: string) => void;
  evaluatedOn?: string;
  labelPrice?: { id: string; price: LabelPrice };
}

/** GPU-hours and their cost for one spot's work; undefined when the catalog cannot price it. */
const mfuCache = new WeakMap<EstimatesCatalog, Map<string, EstimatesCatalog['mfu'][string] | undefined>>();

/** The MFU range for a job kind on a hardware generation (looked up once per catalog). */
function mfuFor(est: EstimatesCatalog, job: string, generation: string): EstimatesCatalog['mfu'][string] | undefined {
  let m = mfuCache.get(est);
  if (!m) mfuCache.set(est, (m = new Map()));
  const key = `${job}/${generation}`;
  if (!m.has(key)) m.set(key, Object.values(est.mfu).find((x) => x.job === job && x.generations.includes(generation)));
  return m.get(key);
}

function priceCompute({ answers, est, A, issues, price }: Context, work: Work): { gpuHours: Range; computeCost: Range } | undefined {
  if (work.flops === 0) return { gpuHours: ZERO, computeCost: ZERO };
  const hw = est.hardware[work.setup.gpu];
  if (!hw) {
    issues.push({ path: ['gpu'], message: `unknown GPU "${work.setup.gpu}"` });
    return undefined;
  }
  const mfuEntry = mfuFor(est, work.setup.job, hw.generation);
  const mfu = answers.mfu !== undefined ? one(answers.mfu) : mfuEntry ? rangeOf(mfuEntry) : undefined;
  if (!mfu) {
    issues.push({ path: ['estimates', 'mfu'], message: `no MFU for ${hw.generation} hardware and ${work.setup.job} jobs` });
    return undefined;
  }
  let hourly: Range;
  if (answers.gpuHourlyUsd !== undefined) {
    hourly = one(answers.gpuHourlyUsd);
    A.add('GPU price', `${formatNumber(answers.gpuHourlyUsd)} USD/GPU-hour`, YOURS.source, YOURS.asOf);
  } else {
    const p = est.prices[work.setup.gpu];
    if (!p) {
      if (!issues.some((i) => i.path[0] === 'gpu')) issues.push({ path: ['gpu'], message: `the catalog has no published price for "${work.setup.gpu}"`, hint: 'pass gpuHourlyUsd, or add the price to a rules layer under estimates.prices' });
      return undefined;
    }
    hourly = rangeOf(p);
    const gpu = work.setup.gpu;
    A.addFromCatalog(est, `price:${gpu}`, () => ({ what: `${hw.name} on-demand price`, value: fmtRange(hourly, 'USD/GPU-hour'), source: p.source, asOf: p.asOf }));
    price(`${hw.name} on-demand price`, p.asOf);
  }
  if (answers.mfu !== undefined) A.add('MFU', String(answers.mfu), YOURS.source, YOURS.asOf);
  else A.addFromCatalog(est, `mfu:${work.setup.job}/${hw.generation}`, () => ({ what: `MFU, ${work.setup.job} jobs on ${hw.generation} GPUs`, value: fmtRange(mfu, ''), source: mfuEntry!.source, asOf: mfuEntry!.asOf }));
  A.addFromCatalog(est, `peak:${work.setup.gpu}`, () => ({ what: `${hw.name} peak`, value: `${formatNumber(hw.tflops)} TFLOP/s dense BF16/FP16${hw.estimate ? ' (an estimate)' : ''}`, source: hw.source, asOf: hw.asOf }));
  const overhead = est.overheadGpuHours;
  if (overhead) A.addFromCatalog(est, 'overhead', () => ({ what: 'Fixed overhead of a training run', value: fmtRange(rangeOf(overhead), 'GPU-hours'), source: overhead.source, asOf: overhead.asOf }));
  const gpuHours = gpuHoursRange(work.flops, hw.tflops, mfu, overhead && rangeOf(overhead));
  return { gpuHours, computeCost: times(gpuHours, hourly) };
}

/** Memory a run holds: full training keeps gradients and Adam state, LoRA and forward passes the weights. */
function memoryFor({ est, A }: Context, work: Work): SpotDetail['memoryGb'] {
  const rule = est.memoryRule;
  const hw = est.hardware[work.setup.gpu];
  if (!rule || !hw || !work.pass || work.cpuOnly) return undefined;
  const bytesPerParam = work.pass === 'full' ? rule.trainBytesPerParam : rule.inferenceBytesPerParam;
  A.addFromCatalog(est, 'memory', () => ({ what: 'GPU memory per parameter', value: `${formatNumber(rule.trainBytesPerParam)} bytes to train all weights, ${formatNumber(rule.inferenceBytesPerParam)} bytes for LoRA and forward passes`, source: rule.source, asOf: rule.asOf }));
  return { needed: Math.round((work.params * bytesPerParam) / 1e9), available: hw.memoryGb * work.setup.gpuCount, bytesPerParam };
}

/** Cost and calendar weeks of labelling the gap; expert labels are paced by the experts' hours. */
function priceLabels({ answers, est, A, price, evaluatedOn, labelPrice }: Context, gap: number): { labelCost: Range; labelWeeks: Range } {
  if (gap === 0) return { labelCost: ZERO, labelWeeks: ZERO };
  if (!labelPrice) {
    A.add('Labelling price', `not priced for ${answers.task} with ${answers.labelSource} labellers`, 'no published price for this kind of label (written demonstrations, transcripts, captions)', evaluatedOn ?? 'n/a');
    return { labelCost: ZERO, labelWeeks: ZERO };
  }
  const p = labelPrice.price;
  const per = perItemUsd(p);
  const what = `${p.labelSource} labels (${p.kind})`;
  A.add(what, () => (p.minutesPerItem ? `${formatNumber(p.minutesPerItem)} minutes per item × ${formatNumber(p.hourlyUsd!)} USD/hour` : fmtRange(per, 'USD per item', 3)), p.source, p.asOf);
  price(what, p.asOf);
  let labelWeeks = ZERO;
  if (p.minutesPerItem) {
    const experts = est.expertLabelers?.value ?? 1;
    const hours = est.expertHoursPerWeek?.value ?? 40;
    labelWeeks = one((gap * p.minutesPerItem) / 60 / (experts * hours));
    if (est.expertLabelers) A.add('Experts labelling at once', `${experts}, ${hours} hours a week`, est.expertLabelers.source, est.expertLabelers.asOf);
  }
  return { labelCost: scale(per, gap), labelWeeks };
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

/** Estimates all five spots for one problem. */
export function estimateSpectrum(answers: Answers, est: EstimatesCatalog, family: Family, opts: EstimateOptions = {}): SpectrumEstimate {
  const issues = checkEstimateAnswers(answers, est);
  const fam = est.families[family] ?? est.families.other;
  const evaluatedOn = opts.evaluatedOn ?? est.evaluatedOn;
  const staleAfter = est.staleAfterMonths ?? 12;
  const A = new Assumptions();
  const stale: SpectrumEstimate['stale'] = [];
  const price = (what: string, asOf: string) => {
    if (!evaluatedOn) return;
    const months = monthsBetween(asOf, evaluatedOn);
    if (months > staleAfter && !stale.some((s) => s.what === what)) stale.push({ what, asOf, months });
  };
  if (!fam) {
    issues.push({ path: ['estimates', 'families'], message: `no estimate defaults for the "${family}" family, nor for "other"` });
    return { spots: [], assumptions: [], stale, evaluatedOn, staleAfterMonths: staleAfter, issues };
  }
  const needed = est.labelsNeeded[family] ?? est.labelsNeeded.default;
  const ctx: Context = { answers, est, A, issues, price, evaluatedOn, labelPrice: labelPriceFor(est, answers) };
  const team = answers.teamSize ?? est.teamSize?.value ?? 1;
  const weekly = answers.engineerWeeklyUsd !== undefined ? one(answers.engineerWeeklyUsd) : est.engineerWeeklyUsd ? rangeOf(est.engineerWeeklyUsd) : ZERO;

  if (answers.modelParams !== undefined) A.add('Starting model', `your model, ${formatNumber(answers.modelParams, 0)} parameters`, YOURS.source, YOURS.asOf);
  else A.addFromCatalog(est, `model:${family}`, () => ({ what: 'Starting model', value: `${fam.model}, ${formatNumber(fam.params, 0)} parameters`, source: fam.source, asOf: fam.asOf }));
  const data = !dataGivenFor(answers, fam) ? catalogText(est, `data:${family}`, () => defaultDataText(fam))
    : answers.trainingTokens !== undefined ? `${formatNumber(answers.trainingTokens, 0)} tokens (all epochs) for each spot that trains`
    : `${formatNumber(answers.trainingSamples!, 0)} samples (all epochs) for each spot that trains`;
  const dataGiven = dataGivenFor(answers, fam);
  A.add('Training data', data, dataGiven ? YOURS.source : fam.source, dataGiven ? YOURS.asOf : fam.asOf);
  const spots: SpotDetail[] = [];
  for (const a of APPROACHES) {
    const need = needed?.[a] ?? 0;
    const gap = Math.max(0, need - answers.labeledExamples);
    const examples = Math.max(answers.labeledExamples, need);
    const work = workFor(a, answers, fam, family, examples);
    const priced = priceCompute(ctx, work);
    if (!priced) continue;
    const { gpuHours, computeCost } = priced;
    if (work.cpuOnly) A.add('Classical model from scratch', 'trains on a CPU in minutes: no GPU-hours', fam.source, fam.asOf);
    if (work.computeUnknown) A.add(`Compute for ${a}`, 'not estimated', fam.source, fam.asOf);
    const { labelCost, labelWeeks } = priceLabels(ctx, gap);
    const memoryGb = memoryFor(ctx, work);

    const engKey = a === 'train-from-scratch' && fam.classicalScratch && est.engineeringWeeks['classical-scratch'] ? 'classical-scratch' : a;
    const engSpread = est.engineeringWeeks[engKey];
    const engWeeks = engSpread ? rangeOf(engSpread) : ZERO;
    const engCost = scale(times(engWeeks, weekly), team);
    const trainWeeks = scale(gpuHours, 1 / (work.setup.gpuCount * HOURS_PER_WEEK));
    // Engineers build the pipeline while labels arrive; the final training run follows the labels.
    const calendar = maxR(engWeeks, plus(labelWeeks, trainWeeks));
    const cost = mapR(plus(computeCost, labelCost, engCost), Math.round);
    const breakdown = { compute: Math.round(computeCost.likely), labeling: Math.round(labelCost.likely), engineering: Math.round(engCost.likely) };
    spots.push({
      approach: a,
      estimate: {
        cost: { currency: 'USD', ...cost, breakdown },
        time: { unit: 'weeks', ...mapR(calendar, (w) => Math.round(w * 10) / 10) },
        compute: { gpu: work.cpuOnly ? 'cpu' : work.setup.gpu, gpuHours: mapR(gpuHours, sig3), flops: sig3(work.flops) },
      },
      labelsNeeded: need,
      labelGap: gap,
      labelWeeks,
      labelCost,
      trainWeeks,
      engineeringWeeks: engWeeks,
      cpuOnly: work.cpuOnly,
      computeUnknown: work.computeUnknown,
      ...(memoryGb ? { memoryGb } : {}),
    });
  }

  if (needed) A.add('Labelled examples each spot needs', catalogText(est, `needed:${family}`, () => APPROACHES.map((a) => `${a} ${formatNumber(needed[a], 0)}`).join(', ')), needed.source, needed.asOf);
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
  A.add('Compute formula', 'FLOPs = 6·N·D full training, 4·N·D LoRA, 2·N·D forward only, 3 × forward FLOPs per sample for CNNs; GPU-hours = FLOPs / (peak × MFU × 3600)', 'EleutherAI Transformer Math 101; Kaplan et al. 2020; Hoffmann et al. 2022', '2022');
  return { spots, assumptions: A.list, stale, evaluatedOn, staleAfterMonths: staleAfter, issues };
}
