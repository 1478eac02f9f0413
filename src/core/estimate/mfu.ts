// Model FLOPs utilisation: by model class (transformer, CNN, detector, diffusion, speech), by job
// (for transformers: a large pre-training-sized run or a fine-tune-sized one) and by hardware
// generation, from published runs of that class; then scaled down for the effects published runs
// show — small transformers, few parameters per GPU, light detectors.
import type { EstimatesCatalog, MfuEntry, MfuScale } from '../catalog/catalog.js';
import { formatNumber } from '../text/format.js';
import { ValuesCache } from '../catalog/values-cache.js';
import { fmtRange } from './assumptions.js';
import type { Context } from './context.js';
import { rangeOf, scale, type Range } from './range.js';

export type JobKind = 'large' | 'small';

/** What the scale factors read off a run. */
export interface RunShape {
  params: number;
  gpuCount: number;
  /** Forward GFLOPs per sample, for per-sample models. */
  forwardGflops?: number;
}

export interface MfuChoice {
  entry: MfuEntry;
  /** The entry was written for another generation of hardware than this run's. */
  borrowed: boolean;
  what: string;
}

// Per catalog, class, job and generation: the choice is made once.
const lookupCache = new WeakMap<EstimatesCatalog, ValuesCache<MfuChoice | undefined>>();

/**
 * The MFU entry for a class, job and hardware generation: an exact match first, then the class on
 * that generation for any job, then the class on any generation (marked as borrowed).
 */
export function mfuEntryFor(est: EstimatesCatalog, cls: string, job: JobKind, generation: string): MfuChoice | undefined {
  let cache = lookupCache.get(est);
  if (!cache) lookupCache.set(est, (cache = new ValuesCache()));
  return cache.get([cls, job, generation], () => {
    const entries = Object.values(est.mfu).filter((e) => (e.class ?? 'transformer') === cls);
    const jobOk = (e: MfuEntry) => e.job === undefined || e.job === job;
    const onGeneration = entries.find((e) => jobOk(e) && e.generations.includes(generation)) ?? entries.find((e) => e.generations.includes(generation));
    const elsewhere = onGeneration ? undefined : entries.find(jobOk) ?? entries[0];
    const what = cls === 'transformer' ? `MFU, ${job} transformer jobs on ${generation} GPUs` : `MFU, ${cls} models on ${generation} GPUs`;
    return onGeneration ? { entry: onGeneration, borrowed: false, what } : elsewhere ? { entry: elsewhere, borrowed: true, what } : undefined;
  });
}

/** The factor (≤ 1) one published effect takes off the MFU for this run. */
export function scaleFactor(s: MfuScale, run: RunShape): number {
  const x = s.by === 'params' ? run.params : s.by === 'paramsPerGpu' ? run.params / Math.max(1, run.gpuCount) : run.forwardGflops;
  if (x === undefined || !(x > 0) || x >= s.reference) return 1;
  return (x / s.reference) ** s.exponent;
}

const scalesCache = new WeakMap<EstimatesCatalog, Map<string, [string, MfuScale][]>>();
/** The scale effects of a class, as [assumption title, effect]. */
function scalesFor(est: EstimatesCatalog, cls: string): [string, MfuScale][] {
  let m = scalesCache.get(est);
  if (!m) scalesCache.set(est, (m = new Map()));
  let s = m.get(cls);
  if (!s) m.set(cls, (s = Object.entries(est.mfuScale).filter(([, x]) => x.class === cls).map(([id, x]) => [`MFU scale: ${id}`, x] as [string, MfuScale])));
  return s;
}

export interface MfuFor {
  mfu: Range;
  /** The product of the scale factors that applied (1 when none did). */
  factor: number;
}

/** The MFU range of one run, and the assumptions that say where it comes from. */
export function mfuForRun({ est, A }: Context, cls: string, job: JobKind, generation: string, run: RunShape): MfuFor | undefined {
  const choice = mfuEntryFor(est, cls, job, generation);
  if (!choice) return undefined;
  const { entry, borrowed, what } = choice;
  const base = rangeOf(entry);
  if (A.recording) A.addFromCatalog(est, ['mfu', choice], () => ({
    what,
    value: fmtRange(base, 'of peak'),
    source: borrowed ? `no published ${cls} run on ${generation} hardware: measured on ${entry.generations.join(', ')} (${entry.source})` : entry.source,
    asOf: entry.asOf,
  }));
  let factor = 1;
  for (const [what, s] of scalesFor(est, cls)) {
    const f = scaleFactor(s, run);
    if (f >= 0.995) continue;
    factor *= f;
    if (A.recording) A.add(what, () => {
      const x = s.by === 'params' ? `${formatNumber(run.params, 0)} parameters` : s.by === 'paramsPerGpu' ? `${formatNumber(run.params / Math.max(1, run.gpuCount), 0)} parameters per GPU` : `${formatNumber(run.forwardGflops ?? 0)} GFLOPs per sample`;
      return `× ${formatNumber(f, 2)} at ${x} (below ${formatNumber(s.reference, 0)}, exponent ${formatNumber(s.exponent, 2)})`;
    }, s.source, s.asOf);
  }
  return { mfu: factor === 1 ? base : scale(base, factor), factor };
}

/**
 * The likely MFU of runs of one class and job on one generation, for sizing a cluster: the class's
 * figure and its size effects, no assumptions. Looked up once for the many counts a sizing tries.
 */
export function likelyMfuOf(est: EstimatesCatalog, cls: string, job: JobKind, generation: string): ((run: RunShape) => number) | undefined {
  const choice = mfuEntryFor(est, cls, job, generation);
  if (!choice) return undefined;
  const likely = choice.entry.likely;
  const scales = scalesFor(est, cls);
  return (run) => {
    let m = likely;
    for (const [, s] of scales) m *= scaleFactor(s, run);
    return m;
  };
}
