// Compute of one spot: the FLOPs of its training (by the formula of its kind of model and the data
// an expert would train on), the GPUs it runs on, GPU-hours from peak and MFU, and their price.
import type { Approach } from '../answers/fields.js';
import type { ArchitectureEntry, EstimatesCatalog, FamilyDefaults, Family } from '../catalog/catalog.js';
import { formatNumber } from '../text/format.js';
import { fmtRange, YOURS } from './assumptions.js';
import type { ComputeInputs, Context } from './context.js';
import { chooseHardware, DEFAULT_PLAN, type SetupChoice } from './hardware.js';
import { likelyMfuOf, mfuForRun, type JobKind, type RunShape } from './mfu.js';
import { inverseOf, one, productOf, rangeOf, scale, sumOf, ZERO, type Range } from './range.js';

export type { JobKind };
/** How a spot's training touches the weights: all of them, adapters only, or forward passes only. */
export type Pass = 'full' | 'adapter' | 'forward';

const FLOPS_PER_PARAM_TOKEN: Record<Pass, number> = { full: 6, adapter: 4, forward: 2 };
/** Forward-pass equivalents per sample: training is forward + backward (3×), adapters skip weight gradients (2×). */
const FORWARDS_PER_SAMPLE: Record<Pass, number> = { full: 3, adapter: 2, forward: 1 };

// ---- The formulas ----------------------------------------------------------------------------

/** Transformer FLOPs: 6·N·D to train all weights, about 4·N·D for LoRA/adapters, 2·N·D forward only. */
export function transformerFlops(pass: Pass, params: number, tokens: number): number {
  return FLOPS_PER_PARAM_TOKEN[pass] * params * tokens;
}

/** Per-sample models: 3 × forward FLOPs per sample to train, 2 × for adapters, 1 × to extract. */
export function perSampleFlops(pass: Pass, forwardFlopsPerSample: number, samples: number): number {
  return FORWARDS_PER_SAMPLE[pass] * forwardFlopsPerSample * samples;
}

/** GPU-hours = FLOPs / (peak FLOP/s × MFU × 3600). */
export function gpuHoursFor(flops: number, peakTflops: number, mfu: number): number {
  return flops / (peakTflops * 1e12 * mfu * 3600);
}

/** Low/likely/high GPU-hours from an MFU range: the high MFU gives the low figure. */
export function gpuHoursRange(flops: number, peakTflops: number, mfu: Range): Range {
  return productOf(one(flops / (peakTflops * 1e12 * 3600)), inverseOf(mfu));
}

export interface Setup extends SetupChoice {
  job: JobKind;
}

/** The model a spot sizes: what the method text and the suggested models should name. */
export interface SizedModel {
  name: string;
  params: number;
  /** The answers gave the size (modelParams or an architecture). */
  given: boolean;
}

export interface Work {
  flops: number;
  /** Parameters held on the GPUs; `pass` says whether their gradients and optimiser state are too. */
  params: number;
  pass?: Pass;
  computeUnknown: boolean;
  cpuOnly: boolean;
  model?: SizedModel;
  /** MFU class of the model (transformer, cnn, yolo, …). */
  mfuClass: string;
  /** Forward GFLOPs per sample, for per-sample models. */
  forwardGflops?: number;
  /** How the training data was sized, in words (made only when the assumptions need it). */
  data?: () => string;
  /** Pre-training: from scratch, or continued pre-training on a corpus (a large job unless tiny). */
  pretraining?: boolean;
}

const n0 = (n: number) => formatNumber(n, 0);
const sizeWords = (n: number) => (n >= 1e9 ? `${formatNumber(n / 1e9, 1)}B` : `${formatNumber(n / 1e6, 1)}M`);

/** Forward GFLOPs per sample and MFU class: the answers' own figure, an architecture's, or the family's. */
function perSampleShape(answers: ComputeInputs, fam: FamilyDefaults, arch: ArchitectureEntry | undefined, N: number): { gflops: number; cls: string } | undefined {
  const res = answers.inputResolution;
  const pixels = (at?: number) => (res !== undefined && at ? (res / at) ** 2 : 1);
  if (answers.forwardGflops !== undefined) return { gflops: answers.forwardGflops, cls: arch?.class ?? fam.mfuClass ?? 'cnn' };
  if (arch?.forwardGflops !== undefined) return { gflops: arch.forwardGflops * pixels(arch.resolution), cls: arch.class };
  if (fam.forwardGflopPerSample === undefined) return undefined;
  // A bigger model of the same shape costs proportionally more per sample (a rough rule).
  return { gflops: fam.forwardGflopPerSample * (N / fam.params) * pixels(fam.resolution), cls: fam.mfuClass ?? 'cnn' };
}

/** FLOPs of one spot: the formula of the model's kind and the data an expert would train on. */
/** Every Work has the same shape (one object literal): a batch builds hundreds of thousands. */
function work(flops: number, params: number, pass: Pass | undefined, mfuClass: string, extra: { model?: SizedModel; data?: () => string; forwardGflops?: number; pretraining?: boolean; computeUnknown?: boolean; cpuOnly?: boolean } = {}): Work {
  return { flops, params, pass, computeUnknown: extra.computeUnknown ?? false, cpuOnly: extra.cpuOnly ?? false, model: extra.model, mfuClass, forwardGflops: extra.forwardGflops, data: extra.data, pretraining: extra.pretraining ?? false };
}

export function workFor(a: Approach, answers: ComputeInputs, fam: FamilyDefaults, family: Family, examples: number, est: EstimatesCatalog, start?: { name: string; params: number }): Work {
  const cls = fam.mfuClass ?? 'transformer';
  if (a === 'use-as-is') return work(0, 0, undefined, cls);
  const scratch = a === 'train-from-scratch';
  if (scratch && fam.classicalScratch) return work(0, 0, undefined, cls, { cpuOnly: true });
  const arch = answers.architecture !== undefined ? est.architectures[answers.architecture] : undefined;
  // The model the spot starts from: yours, a named architecture, the catalog model its method names, or the family default.
  const N = answers.modelParams ?? arch?.params ?? start?.params ?? fam.params;
  const model: SizedModel = {
    name: answers.modelParams !== undefined ? `a ${sizeWords(N)}-parameter model` : arch?.name ?? start?.name ?? fam.model,
    params: N,
    given: answers.modelParams !== undefined || arch !== undefined,
  };
  const pass: Pass = a === 'feature-extraction' ? 'forward' : a === 'fine-tune' && (family === 'llm' || family === 'image-generation') ? 'adapter' : 'full';
  const unlabeled = a === 'heavy-fine-tune' || scratch ? answers.unlabeledExamples : 0;
  const tokenModel = arch ? arch.tokensPerSample !== undefined : answers.forwardGflops === undefined && (fam.tokensPerSample !== undefined || (fam.forwardGflopPerSample === undefined && answers.trainingTokens !== undefined));

  if (tokenModel) {
    const tps = arch?.tokensPerSample ?? fam.tokensPerSample ?? 0;
    const givenTokens = answers.trainingTokens ?? (answers.trainingSamples !== undefined && tps > 0 ? answers.trainingSamples * tps : undefined);
    const own = (examples + unlabeled) * tps;
    const minPerParam = fam.scratchTokensPerParam ?? 20;
    // From scratch: the data the answers have (at least the compute-optimal tokens per parameter),
    // or, with no corpus, a production model's budget — not the bare minimum.
    const scratchTokens = givenTokens ?? (unlabeled > 0 ? Math.max(own, minPerParam * N) : fam.scratchTokens ?? minPerParam * N);
    let D: number;
    let data: () => string;
    if (givenTokens !== undefined) {
      D = pass === 'forward' ? givenTokens / fam.epochs : givenTokens;
      data = () => `${n0(givenTokens)} tokens, all epochs (yours)`;
    } else if (pass === 'forward') {
      D = examples * tps;
      data = () => `${n0(examples)} examples × ${n0(tps)} tokens, one forward pass`;
    } else if (scratch) {
      D = scratchTokens;
      data = () => unlabeled > 0 ? `your corpus, ${n0(own)} tokens${own < D ? `, raised to ${formatNumber(minPerParam)} tokens per parameter (compute-optimal, Hoffmann et al. 2022)` : ''}`
        : fam.scratchTokens !== undefined ? `${n0(D)} tokens, the budget of a production model (${fam.model}; no corpus in the answers)` : `${n0(D)} tokens, ${formatNumber(minPerParam)} per parameter (no corpus in the answers)`;
    } else {
      // Continued pre-training reads a sensible share of the corpus, not every token owned, and
      // never more than training from scratch on the same data would.
      const perParam = est.continuedPretraining?.value ?? 20;
      const corpus = unlabeled * tps;
      const read = Math.min(corpus, perParam * N);
      D = examples * tps * fam.epochs + read;
      // The same corpus never costs a continued pre-training more than pre-training from scratch on it.
      if (a === 'heavy-fine-tune' && unlabeled > 0) D = Math.min(D, scratchTokens);
      data = () => `${n0(examples)} examples × ${n0(tps)} tokens × ${formatNumber(fam.epochs)} epochs${read > 0 ? ` + ${n0(read)} tokens of your corpus${read < corpus ? ` (of ${n0(corpus)}: at most ${formatNumber(perParam)} per parameter)` : ''}` : ''}`;
      // Reading a corpus makes it continued pre-training: a pre-training job, not a fine-tune.
      if (read > 0) return work(transformerFlops(pass, N, D), N, pass, arch?.class ?? cls, { model, data, pretraining: true });
    }
    return work(transformerFlops(pass, N, D), N, pass, arch?.class ?? cls, { model, data, pretraining: scratch });
  }
  const shape = perSampleShape(answers, fam, arch, N);
  if (!shape) return work(0, N, pass, cls, { model, computeUnknown: true });
  const own = examples + unlabeled;
  let S: number;
  let data: () => string;
  const givenSamples = answers.trainingSamples;
  if (givenSamples !== undefined) {
    S = pass === 'forward' ? givenSamples / fam.epochs : givenSamples;
    data = () => `${n0(givenSamples)} samples, all epochs (yours)`;
  } else if (pass === 'forward') {
    S = examples;
    data = () => `${n0(examples)} samples, one forward pass`;
  } else if (scratch) {
    const epochs = fam.scratchEpochs ?? fam.epochs;
    const set = Math.max(fam.scratchSamples ?? 0, own);
    S = set * epochs;
    data = () => `${n0(set)} samples × ${formatNumber(epochs)} epochs`;
  } else {
    S = own * fam.epochs;
    data = () => `${n0(own)} samples × ${formatNumber(fam.epochs)} epochs`;
  }
  return work(perSampleFlops(pass, shape.gflops * 1e9, S), N, pass, shape.cls, { model, data, forwardGflops: shape.gflops, pretraining: scratch });
}

export interface Priced {
  gpuHours: Range;
  /** Absent when no price is known for the GPU: the hours stand, the cost part is flagged. */
  computeCost?: Range;
  setup: Setup;
}

/**
 * A large job gets pre-training MFU and no fixed overhead: pre-training past a tiny size (from
 * scratch, or continued on a corpus), and any run big enough to be one whatever its spot.
 */
export function jobKind(est: EstimatesCatalog, work: Work): JobKind {
  if (work.flops >= (est.largeJobFlops?.value ?? 1e20)) return 'large';
  return work.pretraining && work.flops >= (est.largePretrainingFlops?.value ?? 1e18) ? 'large' : 'small';
}

/** Bytes of GPU memory a run holds per parameter: all weights' training state, or the weights only. */
function bytesPerParam(est: EstimatesCatalog, pass: Pass | undefined): number {
  const rule = est.memoryRule;
  if (!rule || !pass) return 0;
  return pass === 'full' ? rule.trainBytesPerParam : rule.inferenceBytesPerParam;
}

/** GPUs, GPU-hours and their cost for one spot's work; undefined when the catalog cannot estimate it. */
export function priceCompute(ctx: Context, work: Work, fam: FamilyDefaults): Priced | undefined {
  const { inputs: answers, est, A, issues, price } = ctx;
  const job = jobKind(est, work);
  const givenGpu = answers.gpu !== undefined && est.hardware[answers.gpu] ? answers.gpu : undefined;
  if (work.flops === 0) {
    const gpu = givenGpu ?? fam.gpu;
    return { gpuHours: ZERO, computeCost: ZERO, setup: { gpu, gpuCount: answers.gpuCount ?? fam.gpuCount ?? 1, gpuGiven: givenGpu !== undefined, countGiven: answers.gpuCount !== undefined, job } };
  }
  const plan = est.hardwarePlan ?? DEFAULT_PLAN;
  const calibrated = (m: number | undefined) => (m !== undefined && est.mfuCalibration ? Math.min(1, m * est.mfuCalibration.value) : m);
  const needGb = (work.params * bytesPerParam(est, work.pass)) / 1e9;
  // GPU-hours at the likely MFU on that many GPUs: enough to size the cluster. A sizing tries many
  // counts on one or two cards, and asks again for the count it settled on: each card's MFU is
  // looked up once, and the last answer is kept.
  const mfuOn = new Map<string, ((run: RunShape) => number) | undefined>();
  let last: { gpu: string; gpuCount: number; hours: number } | undefined;
  const hoursOn = (gpu: string, gpuCount: number): number => {
    if (last && last.gpu === gpu && last.gpuCount === gpuCount) return last.hours;
    const hw = est.hardware[gpu];
    if (!hw) return 0;
    let likely = mfuOn.get(gpu);
    if (likely === undefined && !mfuOn.has(gpu)) mfuOn.set(gpu, (likely = likelyMfuOf(est, work.mfuClass, job, hw.generation)));
    const m = answers.mfu ?? calibrated(likely?.({ params: work.params, gpuCount, forwardGflops: work.forwardGflops }));
    const hours = m ? gpuHoursFor(work.flops, hw.tflops, m) : 0;
    last = { gpu, gpuCount, hours };
    return hours;
  };
  const choice = chooseHardware(est, plan, fam, job === 'large', hoursOn, needGb, { gpu: givenGpu, gpuCount: answers.gpuCount, timelineWeeks: answers.timelineWeeks });
  const setup: Setup = { gpu: choice.gpu, gpuCount: choice.gpuCount, gpuGiven: choice.gpuGiven, countGiven: choice.countGiven, job };
  const hw = est.hardware[setup.gpu];
  if (!hw) {
    issues.push({ path: ['gpu'], message: `unknown GPU "${setup.gpu}"` });
    return undefined;
  }
  let mfu: Range;
  if (answers.mfu !== undefined) {
    mfu = one(answers.mfu);
    if (A.recording) A.add('MFU', String(answers.mfu), YOURS.source, YOURS.asOf);
  } else {
    const m = mfuForRun(ctx, work.mfuClass, job, hw.generation, { params: work.params, gpuCount: setup.gpuCount, forwardGflops: work.forwardGflops });
    if (!m) {
      issues.push({ path: ['estimates', 'mfu'], message: `no MFU for ${work.mfuClass} models on ${hw.generation} hardware` });
      return undefined;
    }
    mfu = m.mfu;
    // A team's own GPU-hours (calibrate) scale the catalog's MFU; an MFU in the answers is theirs already.
    const cal = est.mfuCalibration;
    if (cal) {
      const k = cal.value;
      mfu = { low: Math.min(1, mfu.low * k), likely: Math.min(1, mfu.likely * k), high: Math.min(1, mfu.high * k) };
      if (A.recording) A.add('MFU calibration', `× ${formatNumber(k)} from ${cal.projects} past projects`, cal.source, cal.asOf);
    }
  }
  if (A.recording) A.addFromCatalog(est, ['peak', setup.gpu], () => ({ what: `${hw.name} peak`, value: `${formatNumber(hw.tflops)} TFLOP/s dense BF16/FP16${hw.estimate ? ' (an estimate)' : ''}`, source: hw.source, asOf: hw.asOf }));
  let gpuHours = gpuHoursRange(work.flops, hw.tflops, mfu);
  // Setup, evaluation and checkpoints cost a small job minutes on each of its GPUs; a large run's
  // are inside the end-to-end hours its MFU was measured from.
  const overhead = est.overheadGpuHours;
  if (overhead && job === 'small') {
    if (A.recording) A.addFromCatalog(est, ['overhead'], () => ({ what: 'Fixed overhead of a small job, per GPU', value: fmtRange(rangeOf(overhead), 'GPU-hours'), source: overhead.source, asOf: overhead.asOf }));
    gpuHours = sumOf(gpuHours, scale(rangeOf(overhead), setup.gpuCount));
  }
  if (A.recording && (!setup.gpuGiven || !setup.countGiven)) {
    A.addFromCatalog(est, ['hardware-plan'], () => ({
      what: 'GPUs for a run, when the answers do not fix them',
      value: `the family's usual card, or its large-run card for a job that outgrows one ${plan.nodeSize}-GPU node; a node filled before a run passes ${formatNumber(plan.nodeHours)} hours, then more GPUs until it fits ${formatNumber(plan.runHours)} hours (or half the timeline), at most ${n0(plan.maxGpus)}`,
      source: est.hardwarePlan?.source ?? 'judgement (built-in default)',
      asOf: est.hardwarePlan?.asOf ?? '2026-12',
    }));
  }
  let computeCost: Range | undefined;
  if (answers.gpuHourlyUsd !== undefined) {
    computeCost = productOf(gpuHours, one(answers.gpuHourlyUsd));
    if (A.recording) A.add('GPU price', `${formatNumber(answers.gpuHourlyUsd)} USD/GPU-hour`, YOURS.source, YOURS.asOf);
  } else {
    const p = est.prices[setup.gpu];
    if (p) {
      const hourly = rangeOf(p);
      computeCost = productOf(gpuHours, hourly);
      if (A.recording) A.addFromCatalog(est, ['price', setup.gpu], () => ({ what: `${hw.name} on-demand price`, value: fmtRange(hourly, 'USD/GPU-hour'), source: p.source, asOf: p.asOf }));
      if (ctx.tracksPrices) price(`${hw.name} on-demand price`, p.asOf);
    } else if (A.recording) {
      A.add(`${hw.name} price`, 'not known: the compute cost on this card is not counted in cost (see the compute-cost-unknown warning)', 'no published rental price in the hardware catalog; pass gpuHourlyUsd or add estimates.prices in a rules layer', 'n/a');
    }
  }
  return { gpuHours, computeCost, setup };
}

export interface MemoryNeed {
  needed: number;
  available: number;
  bytesPerParam: number;
}

/** Memory a run holds: full training keeps gradients and Adam state, LoRA and forward passes the weights. */
export function memoryFor({ est, A }: Context, work: Work, setup: Setup): MemoryNeed | undefined {
  const rule = est.memoryRule;
  const hw = est.hardware[setup.gpu];
  if (!rule || !hw || !work.pass || work.cpuOnly) return undefined;
  const bytes = bytesPerParam(est, work.pass);
  if (A.recording) A.addFromCatalog(est, ['memory'], () => ({ what: 'GPU memory per parameter', value: `${formatNumber(rule.trainBytesPerParam)} bytes to train all weights, ${formatNumber(rule.inferenceBytesPerParam)} bytes for LoRA and forward passes`, source: rule.source, asOf: rule.asOf }));
  return { needed: Math.round((work.params * bytes) / 1e9), available: hw.memoryGb * setup.gpuCount, bytesPerParam: bytes };
}
