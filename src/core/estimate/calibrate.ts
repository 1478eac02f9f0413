// Calibration: a team's past projects against the estimates. For each figure a history can speak to
// (the effort of all spots, the effort of one spot, the MFU behind GPU-hours) it finds the scale
// that makes the median ratio of actual to estimated equal 1, says how many projects it rests on,
// and how far the estimates were before and after. Too few projects, or projects that contradict
// each other, are reported and not fitted. Pure: the caller reads the file and writes the layer.
import { checkAnswers, type InputIssue } from '../answers/check.js';
import { APPROACHES, type Answers, type Approach } from '../answers/fields.js';
import type { EstimatesCatalog, ScaleEntry } from '../catalog/catalog.js';
import { familyFor } from '../rules/classes.js';
import type { RuleSet } from '../rules/rule-set.js';
import { formatNumber } from '../text/format.js';
import { estimateSpectrum } from './spectrum.js';

/** Fewer projects than this behind a figure is reported, not fitted. */
export const MIN_PROJECTS = 3;
/**
 * Projects contradict each other when the middle half of their log ratios spans more than this
 * factor at the fitted scale: one scale cannot describe them (judgement: a 3× spread is wider
 * than the estimates' own P10–P90 for most spots).
 */
export const MAX_SPREAD = 3;

export interface Actual {
  approach: Approach;
  weeks?: number;
  costUsd?: number;
  gpuHours?: number;
}

export interface PastProject {
  /** 1-based row in the input. */
  row: number;
  answers: Answers;
  actual: Actual;
}

/** Splits one input row into answers and `actual`, or the problems with paths. */
export function pastProjectFrom(raw: unknown, row: number): { project?: PastProject; issues: InputIssue[] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { issues: [{ path: [], message: 'a past project is an object: its answers plus `actual`' }] };
  const { actual, ...rest } = raw as Record<string, unknown>;
  const issues: InputIssue[] = [];
  const a = actual as Record<string, unknown> | undefined;
  if (!a || typeof a !== 'object' || Array.isArray(a)) issues.push({ path: ['actual'], message: 'missing `actual`: { approach, weeks, costUsd, gpuHours }', hint: 'say what the project took, e.g. actual: { approach: fine-tune, weeks: 10, costUsd: 60000 }' });
  else {
    for (const k of Object.keys(a)) if (!['approach', 'weeks', 'costUsd', 'gpuHours'].includes(k)) issues.push({ path: ['actual', k], message: `unknown key "${k}"`, hint: 'actual has approach, weeks, costUsd and gpuHours' });
    if (!(APPROACHES as readonly unknown[]).includes(a.approach)) issues.push({ path: ['actual', 'approach'], message: `expected one of ${APPROACHES.join(', ')}, found ${JSON.stringify(a.approach)}` });
    for (const k of ['weeks', 'costUsd', 'gpuHours']) {
      const v = a[k];
      if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v > 0)) issues.push({ path: ['actual', k], message: `${k} must be a number > 0, found ${JSON.stringify(v)}` });
    }
    if (a.weeks === undefined && a.costUsd === undefined) issues.push({ path: ['actual'], message: 'a past project needs actual.weeks or actual.costUsd (or both)' });
  }
  const check = checkAnswers(rest);
  if (!check.ok) issues.push(...check.issues);
  if (issues.length || !check.ok) return { issues };
  return { project: { row, answers: check.answers, actual: a as unknown as Actual }, issues };
}

export interface FittedFigure {
  /** `effortScale.all`, `effortScale.fine-tune`, `mfuCalibration`. */
  figure: string;
  value: number;
  projects: number;
  /** Median of actual / estimated (likely), before and after the layer. */
  before: number;
  after: number;
}

export interface NotFitted {
  figure: string;
  projects: number;
  why: string;
}

export interface Calibration {
  fitted: FittedFigure[];
  notFitted: NotFitted[];
  /** The rules layer: `estimates.effortScale` and `estimates.mfuCalibration`, each with its source. */
  layer: { version: 1; description: string; estimates: { effortScale?: Record<string, ScaleEntry>; mfuCalibration?: ScaleEntry } };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo]! + (s[Math.ceil(i)]! - s[lo]!) * (i - lo);
};

type Scales = { effort: Record<string, number>; mfu?: number };

function withScales(est: EstimatesCatalog, s: Scales): EstimatesCatalog {
  const effortScale: Record<string, ScaleEntry> = { ...est.effortScale };
  for (const [k, v] of Object.entries(s.effort)) effortScale[k] = { value: v, projects: 0, source: 'calibrate (fitting)', asOf: est.evaluatedOn ?? '2026-01' };
  return { ...est, effortScale, ...(s.mfu !== undefined ? { mfuCalibration: { value: s.mfu, projects: 0, source: 'calibrate (fitting)', asOf: est.evaluatedOn ?? '2026-01' } } : {}) };
}

/** Log ratios of actual to estimated for these projects under these scales: weeks and cost alike. */
function logRatios(projects: readonly PastProject[], rs: RuleSet, est: EstimatesCatalog, pick: 'effort' | 'gpu'): number[] {
  const out: number[] = [];
  for (const p of projects) {
    const family = familyFor(rs, p.answers);
    const spot = estimateSpectrum(p.answers, est, family).spots.find((s) => s.approach === p.actual.approach);
    if (!spot) continue;
    const e = spot.estimate;
    if (pick === 'gpu') {
      if (p.actual.gpuHours !== undefined && e.compute.gpuHours.likely > 0) out.push(Math.log(p.actual.gpuHours / e.compute.gpuHours.likely));
      continue;
    }
    if (p.actual.weeks !== undefined && e.time.likely > 0) out.push(Math.log(p.actual.weeks / e.time.likely));
    if (p.actual.costUsd !== undefined && e.cost.likely > 0) out.push(Math.log(p.actual.costUsd / e.cost.likely));
  }
  return out;
}

/**
 * The scale k in [1/20, 20] at which the median log ratio is 0, by bisection in log space (the
 * estimates grow with k, so the median ratio falls). Undefined when no k in range gets there:
 * the estimate of these projects does not move with this figure (labels or compute dominate).
 */
function fitScale(f: (k: number) => number): number | undefined {
  let lo = Math.log(1 / 20);
  let hi = Math.log(20);
  const at = (x: number) => f(Math.exp(x));
  const top = at(lo);
  const bottom = at(hi);
  // A figure these projects do not move (flat), or one no scale in range can reach.
  if (top - bottom < 1e-6 || top < 0 || bottom > 0) return undefined;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (at(mid) > 0) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

const round3 = (n: number) => Number(n.toPrecision(3));

/** Fits the layer to the projects; `sourceName` names the file in the layer's sources. */
export function calibrate(projects: readonly PastProject[], rs: RuleSet, sourceName: string): Calibration {
  const est = rs.catalog.estimates;
  const asOf = est.evaluatedOn ?? '2026-01';
  const fitted: FittedFigure[] = [];
  const notFitted: NotFitted[] = [];
  const scales: Scales = { effort: {} };
  const spreadOf = (xs: number[]) => Math.exp(quantile(xs, 0.75) - quantile(xs, 0.25));

  // MFU first: GPU-hours depend on it and not on the people; the effort is then fitted on top.
  // Only runs longer than the fixed overhead of a training run can say anything about MFU.
  const gpuOf = (p: PastProject, catalogEst: EstimatesCatalog) => estimateSpectrum(p.answers, catalogEst, familyFor(rs, p.answers)).spots.find((s) => s.approach === p.actual.approach)?.estimate.compute.gpuHours.likely ?? 0;
  const doubled = withScales(est, { effort: {}, mfu: 2 });
  // A run whose estimate does not move when the MFU doubles is set by the fixed overhead.
  const withGpu = projects.filter((p) => p.actual.gpuHours !== undefined && gpuOf(p, doubled) < 0.9 * gpuOf(p, est));
  const gpuBefore = logRatios(withGpu, rs, est, 'gpu');
  const anyGpu = projects.some((p) => p.actual.gpuHours !== undefined);
  if (anyGpu && gpuBefore.length < MIN_PROJECTS) {
    notFitted.push({ figure: 'mfuCalibration', projects: gpuBefore.length, why: `${gpuBefore.length} project${gpuBefore.length === 1 ? '' : 's'} with GPU-hours from a run longer than the fixed overhead; at least ${MIN_PROJECTS} are needed` });
  } else if (withGpu.length) {
    // Estimated GPU-hours fall as the MFU scale grows, so the log ratio rises: fit its negative.
    const k = fitScale((m) => -median(logRatios(withGpu, rs, withScales(est, { effort: {}, mfu: m }), 'gpu')));
    const after = k === undefined ? [] : logRatios(withGpu, rs, withScales(est, { effort: {}, mfu: round3(k) }), 'gpu');
    const spread = after.length ? spreadOf(after) : 0;
    if (k === undefined) notFitted.push({ figure: 'mfuCalibration', projects: gpuBefore.length, why: 'no MFU scale between 1/20 and 20 brings the GPU-hours to these actuals (runs this short are set by the fixed overhead, not by MFU)' });
    else if (spread > MAX_SPREAD) notFitted.push({ figure: 'mfuCalibration', projects: gpuBefore.length, why: `their GPU-hours disagree: the middle half of actual/estimated spans ${formatNumber(spread, 1)}× at the best scale, more than ${MAX_SPREAD}×` });
    else {
      scales.mfu = round3(k);
      fitted.push({ figure: 'mfuCalibration', value: scales.mfu, projects: gpuBefore.length, before: round3(Math.exp(median(gpuBefore))), after: round3(Math.exp(median(after))) });
    }
  }

  const fitEffort = (key: string, group: readonly PastProject[]) => {
    // Before: the built-in figures, as the team would have been told.
    const before = logRatios(group, rs, est, 'effort');
    if (group.length < MIN_PROJECTS) {
      notFitted.push({ figure: `effortScale.${key}`, projects: group.length, why: `${group.length} project${group.length === 1 ? '' : 's'}; at least ${MIN_PROJECTS} are needed` });
      return;
    }
    const k = fitScale((s) => median(logRatios(group, rs, withScales(est, { ...scales, effort: { ...scales.effort, [key]: s } }), 'effort')));
    if (k === undefined) {
      notFitted.push({ figure: `effortScale.${key}`, projects: group.length, why: 'no effort scale between 1/20 and 20 brings the estimates to these actuals: labelling or compute, not people, sets their weeks and cost' });
      return;
    }
    const value = round3(k);
    const trial = { ...scales, effort: { ...scales.effort, [key]: value } };
    const after = logRatios(group, rs, withScales(est, trial), 'effort');
    const spread = spreadOf(after);
    if (spread > MAX_SPREAD) {
      notFitted.push({ figure: `effortScale.${key}`, projects: group.length, why: `the projects contradict each other: at the best single scale the middle half of actual/estimated still spans ${formatNumber(spread, 1)}×, more than ${MAX_SPREAD}×` });
      return;
    }
    scales.effort[key] = value;
    fitted.push({ figure: `effortScale.${key}`, value, projects: group.length, before: round3(Math.exp(median(before))), after: round3(Math.exp(median(after))) });
  };
  fitEffort('all', projects);
  for (const a of APPROACHES) {
    const group = projects.filter((p) => p.actual.approach === a);
    if (group.length >= MIN_PROJECTS) fitEffort(a, group);
  }

  const effortScale: Record<string, ScaleEntry> = {};
  for (const f of fitted) {
    if (!f.figure.startsWith('effortScale.')) continue;
    effortScale[f.figure.slice('effortScale.'.length)] = { value: f.value, projects: f.projects, source: `ml-advisor calibrate ${sourceName}: ${f.projects} past projects; median actual/estimated ${formatNumber(f.before, 2)} before, ${formatNumber(f.after, 2)} after`, asOf };
  }
  const mfu = fitted.find((f) => f.figure === 'mfuCalibration');
  const layer: Calibration['layer'] = {
    version: 1,
    description: `Effort and MFU scaled to ${projects.length} past project${projects.length === 1 ? '' : 's'} in ${sourceName} (ml-advisor calibrate)`,
    estimates: {
      ...(Object.keys(effortScale).length ? { effortScale } : {}),
      ...(mfu ? { mfuCalibration: { value: mfu.value, projects: mfu.projects, source: `ml-advisor calibrate ${sourceName}: ${mfu.projects} projects with GPU-hours; median actual/estimated ${formatNumber(mfu.before, 2)} before, ${formatNumber(mfu.after, 2)} after`, asOf } } : {}),
    },
  };
  return { fitted, notFitted, layer };
}
