// Compute of one spot: FLOPs from the formulas, GPU-hours from peak and MFU, and their price.
import type { Answers, Approach } from '../answers/fields.js';
import type { EstimatesCatalog, FamilyDefaults, Family } from '../catalog/catalog.js';
import { formatNumber } from '../text/format.js';
import { fmtRange, YOURS } from './assumptions.js';
import type { Context } from './context.js';
import { one, rangeOf, times, ZERO, type Range } from './range.js';

export type JobKind = 'large' | 'small';
/** How a spot's training touches the weights: all of them, adapters only, or forward passes only. */
export type Pass = 'full' | 'adapter' | 'forward';

const FLOPS_PER_PARAM_TOKEN: Record<Pass, number> = { full: 6, adapter: 4, forward: 2 };

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

export interface Setup {
  gpu: string;
  gpuCount: number;
  job: JobKind;
}

export interface Work {
  flops: number;
  /** Parameters held on the GPUs; `pass` says whether their gradients and optimiser state are too. */
  params: number;
  pass?: Pass;
  setup: Setup;
  computeUnknown: boolean;
  cpuOnly: boolean;
}

/** FLOPs of one spot, and on what it runs. */
export function workFor(a: Approach, answers: Answers, fam: FamilyDefaults, family: Family, examples: number): Work {
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

export function priceCompute({ answers, est, A, issues, price }: Context, work: Work): { gpuHours: Range; computeCost: Range } | undefined {
  if (work.flops === 0) return { gpuHours: ZERO, computeCost: ZERO };
  const hw = est.hardware[work.setup.gpu];
  if (!hw) {
    issues.push({ path: ['gpu'], message: `unknown GPU "${work.setup.gpu}"` });
    return undefined;
  }
  const mfuEntry = mfuFor(est, work.setup.job, hw.generation);
  let mfu = answers.mfu !== undefined ? one(answers.mfu) : mfuEntry ? rangeOf(mfuEntry) : undefined;
  // A team's own GPU-hours (calibrate) scale the catalog's MFU; an MFU in the answers is theirs already.
  const mfuScale = answers.mfu === undefined ? est.mfuScale : undefined;
  if (mfu && mfuScale) {
    const k = mfuScale.value;
    mfu = { low: Math.min(1, mfu.low * k), likely: Math.min(1, mfu.likely * k), high: Math.min(1, mfu.high * k) };
    A.add('MFU scale', `× ${formatNumber(k)} from ${mfuScale.projects} past projects`, mfuScale.source, mfuScale.asOf);
  }
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

export interface MemoryNeed {
  needed: number;
  available: number;
  bytesPerParam: number;
}

/** Memory a run holds: full training keeps gradients and Adam state, LoRA and forward passes the weights. */
export function memoryFor({ est, A }: Context, work: Work): MemoryNeed | undefined {
  const rule = est.memoryRule;
  const hw = est.hardware[work.setup.gpu];
  if (!rule || !hw || !work.pass || work.cpuOnly) return undefined;
  const bytesPerParam = work.pass === 'full' ? rule.trainBytesPerParam : rule.inferenceBytesPerParam;
  A.addFromCatalog(est, 'memory', () => ({ what: 'GPU memory per parameter', value: `${formatNumber(rule.trainBytesPerParam)} bytes to train all weights, ${formatNumber(rule.inferenceBytesPerParam)} bytes for LoRA and forward passes`, source: rule.source, asOf: rule.asOf }));
  return { needed: Math.round((work.params * bytesPerParam) / 1e9), available: hw.memoryGb * work.setup.gpuCount, bytesPerParam };
}
