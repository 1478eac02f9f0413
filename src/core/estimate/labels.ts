// Labels: what a label is for this task and spot, whose time it takes, what it costs and how long
// labelling takes. A label is priced by a market price per unit (crowd menus, vendor price lists,
// transcription per audio hour) or by the minutes it takes × the labeller's hourly rate (experts by
// profession); the minutes also pace the work, shared by the people labelling at once.
import type { Answers, Approach } from '../answers/fields.js';
import type { EstimatesCatalog, LabelKind, LabelPrice } from '../catalog/catalog.js';
import { formatNumber } from '../text/format.js';
import { ValuesCache } from '../catalog/values-cache.js';
import { fmtRange, YOURS } from './assumptions.js';
import type { Context } from './context.js';
import { one, productOf, rangeOf, scale, sumOf, ZERO, type Range } from './range.js';

/** What one label of this task is (`estimates.labelKinds`), and what the heavy spot buys where it differs. */
export function labelKindFor(est: EstimatesCatalog, task: string, a: Approach = 'fine-tune'): LabelKind {
  if (a === 'heavy-fine-tune') {
    const heavy = est.heavyLabelKinds[task] ?? est.heavyLabelKinds.default;
    if (heavy) return heavy;
  }
  return est.labelKinds[task] ?? est.labelKinds.default ?? 'classification';
}

/**
 * The expert task assumed when the answers do not name one: the sourced figure closest to the
 * problem. Said in the assumptions, since experts are not interchangeable.
 */
export function defaultExpertLabel(answers: Answers): NonNullable<Answers['expertLabel']> {
  if (answers.task === 'image-segmentation') return 'ct-organ-segmentation';
  if (answers.sensitiveDomain === 'education') return 'essay-grade';
  if (answers.modality === 'text') return 'contract-clause-review';
  return 'ct-read';
}

const KIND_SPECIFIC: ReadonlySet<LabelKind> = new Set(['transcript', 'demonstration', 'preference', 'caption', 'recording']);

/** The expert whose labels these are: the one named, else the default for the problem; none for other sources. */
const expertOf = (answers: Answers) => (answers.labelSource === 'expert' ? (answers.expertLabel ?? defaultExpertLabel(answers)) : undefined);

function findLabelPrice(est: EstimatesCatalog, answers: Answers, kind: LabelKind, expert: string | undefined): { id: string; price: LabelPrice } | undefined {
  let best: { id: string; price: LabelPrice; score: number } | undefined;
  for (const [id, p] of Object.entries(est.labeling)) {
    if (p.labelSource !== answers.labelSource) continue;
    if (p.kind !== kind && p.kind !== 'any') continue;
    // An hour of audio or a written answer is not a read: 'any' entries price item labels only.
    if (p.kind === 'any' && KIND_SPECIFIC.has(kind)) continue;
    if (p.expertLabel && p.expertLabel !== expert) continue;
    if (p.modalities && !p.modalities.includes(answers.modality)) continue;
    const score = (p.kind === kind ? 4 : 0) + (p.expertLabel ? 2 : 0) + (p.modalities ? 1 : 0);
    if (!best || score > best.score) best = { id, price: p, score };
  }
  return best && { id: best.id, price: best.price };
}

/** How one kind of label is bought here: per-example price and minutes, who labels and how many at once. */
export interface LabelPlan {
  kind: LabelKind;
  entry?: { id: string; price: LabelPrice };
  /** USD per example (an audio example is a fraction of the audio hour a price is quoted for). */
  perExample: Range;
  /** Working minutes per example, every reader included. */
  minutesPerExample: Range;
  labelers: number;
  hoursPerWeek: number;
}

const minutesRange = (m: LabelPrice['minutesPerItem']): Range | undefined => (m === undefined ? undefined : typeof m === 'number' ? one(m) : rangeOf(m));

// A plan depends only on the catalog, the kind and the answers in its key: made once per catalog
// and combination, since every spot of every probe of a batch asks for one or two.
const planCache = new WeakMap<EstimatesCatalog, ValuesCache<LabelPlan>>();

/** The plan for one kind of label; undefined entry means the catalog has no price for it. */
export function labelPlan(ctx: Context, kind: LabelKind): LabelPlan {
  const { answers, est } = ctx;
  const expert = expertOf(answers);
  let cache = planCache.get(est);
  if (!cache) planCache.set(est, (cache = new ValuesCache()));
  return cache.get([kind, answers.labelSource, expert, answers.modality, answers.labelers, answers.labelCostUsd], () => Object.freeze(makeLabelPlan(answers, est, kind, expert)));
}

function makeLabelPlan(answers: Answers, est: EstimatesCatalog, kind: LabelKind, expert: string | undefined): LabelPlan {
  const entry = findLabelPrice(est, answers, kind, expert);
  const labelers = answers.labelers ?? est.labelers[answers.labelSource]?.value ?? (answers.labelSource === 'expert' ? est.expertLabelers?.value : undefined) ?? 1;
  const hoursPerWeek = est.labelerHoursPerWeek?.value ?? est.expertHoursPerWeek?.value ?? 40;
  if (!entry) return { kind, perExample: answers.labelCostUsd !== undefined ? one(answers.labelCostUsd) : ZERO, minutesPerExample: ZERO, labelers, hoursPerWeek };
  const p = entry.price;
  // Prices per audio hour become prices per example of audioSecondsPerExample.
  const unit = p.per === 'audio-hour' ? (est.audioSecondsPerExample?.value ?? 30) / 3600 : 1;
  const readers = p.readers ?? 1;
  const minutes = scale(minutesRange(p.minutesPerItem) ?? ZERO, unit * readers);
  let perExample: Range;
  if (answers.labelCostUsd !== undefined) perExample = one(answers.labelCostUsd);
  else if (p.likely !== undefined) perExample = scale(rangeOf({ low: p.low, likely: p.likely, high: p.high }), unit);
  else {
    const rate = p.hourlyUsd !== undefined ? one(p.hourlyUsd) : p.profession && est.professions[p.profession] ? rangeOf(est.professions[p.profession]!) : undefined;
    perExample = rate ? scale(productOf(minutes, rate), 1 / 60) : ZERO;
  }
  return { kind, entry, perExample, minutesPerExample: minutes, labelers, hoursPerWeek };
}

/** Whether this plan has a price: from the answers, or from a catalog entry that can be priced. */
export function isPriced(plan: LabelPlan, answers: Answers): boolean {
  return answers.labelCostUsd !== undefined || plan.perExample.likely > 0;
}

const KIND_WORDS: Record<LabelKind, string> = {
  classification: 'a class per example',
  box: 'a bounding box',
  segmentation: 'a mask',
  transcript: 'transcribed audio',
  demonstration: 'a written demonstration',
  caption: 'a written caption',
  recording: 'recorded audio',
  preference: 'a preference pair',
};

/** Records the figures behind a plan in the assumptions, and a market price for the staleness check. */
export function describePlan(ctx: Context, plan: LabelPlan): void {
  const { answers, est, A, price, evaluatedOn } = ctx;
  const p = plan.entry?.price;
  const what = `Labels: ${KIND_WORDS[plan.kind]}, ${answers.labelSource}`;
  // A market price moves; a wage statistic is dated but does not go stale month to month.
  if (answers.labelCostUsd === undefined && p?.likely !== undefined && plan.perExample.likely !== 0) price(what, p.asOf);
  // A summary reads only which market prices were used.
  if (!A.recording) return;
  if (answers.labelCostUsd !== undefined) {
    A.add(what, `${formatNumber(answers.labelCostUsd)} USD per example`, YOURS.source, YOURS.asOf);
  } else if (!p || plan.perExample.likely === 0) {
    A.addFromCatalog(est, ['label-unpriced', plan.kind, answers.labelSource, evaluatedOn], () => ({ what, value: `not priced: the catalog has no ${answers.labelSource} price for ${KIND_WORDS[plan.kind]}`, source: 'no entry in estimates.labeling for this kind of label; pass labelCostUsd or add one in a rules layer', asOf: evaluatedOn ?? 'n/a' }));
    return;
  } else if (p.likely !== undefined) {
    A.addFromCatalog(est, ['label-price', plan.kind, answers.labelSource, p], () => ({ what, value: fmtRange(rangeOf({ low: p.low, likely: p.likely!, high: p.high }), `USD per ${p.per === 'audio-hour' ? 'audio hour' : 'label'}`, 3), source: p.source, asOf: p.asOf }));
  } else {
    const prof = p.profession ? est.professions[p.profession] : undefined;
    const rate = p.hourlyUsd !== undefined ? `${formatNumber(p.hourlyUsd)} USD/hour` : prof ? `a ${prof.name}'s ${fmtRange(rangeOf(prof), 'USD/hour', 0)}` : 'no hourly rate';
    A.addFromCatalog(est, ['label-minutes', plan.kind, answers.labelSource, p], () => ({ what, value: `${fmtRange(minutesRange(p.minutesPerItem)!, 'minutes', 2)} per ${p.per === 'audio-hour' ? 'audio hour' : 'label'} × ${rate}`, source: p.source, asOf: p.asOf }));
    if (prof) A.addFromCatalog(est, ['hourly-rate', prof], () => ({ what: `Hourly rate, ${prof.name}`, value: fmtRange(rangeOf(prof), 'USD/hour', 0), source: prof.source, asOf: prof.asOf }));
  }
  if (p?.expertLabel && answers.expertLabel === undefined) A.add('Expert label assumed', `${p.expertLabel} (pass expertLabel to name yours)`, p.source, p.asOf);
  const lab = answers.labelers !== undefined ? { source: YOURS.source, asOf: YOURS.asOf } : est.labelers[answers.labelSource] ?? { source: 'default', asOf: 'n/a' };
  A.add('People labelling at once', `${plan.labelers} ${answers.labelSource} labeller${plan.labelers === 1 ? '' : 's'}, ${formatNumber(plan.hoursPerWeek)} hours a week`, lab.source, lab.asOf);
}

/** Cost and calendar weeks of `count` labels (a range: the test set's size is one). */
export function priceLabelCount(plan: LabelPlan, count: Range): { cost: Range; weeks: Range } {
  if (count.high === 0) return { cost: ZERO, weeks: ZERO };
  const cost = productOf(count, plan.perExample);
  const weeks = scale(productOf(count, plan.minutesPerExample), 1 / (60 * plan.labelers * plan.hoursPerWeek));
  return { cost, weeks };
}

/** The labels a spot buys: the training gap in its own kind, and the test set in the task's kind. */
export interface SpotLabels {
  trainGap: number;
  testGap: Range;
  cost: Range;
  weeks: Range;
  /** Kinds of label the spot asks for that have no price (said in a warning, never silently free). */
  unpriced: LabelKind[];
}

/**
 * Labels of one spot. Labelled examples serve the training need first; what is left over serves
 * as the test set, and the rest of the test set is bought. A test set is not bought when the
 * answers say a model was already measured on your own data (that took a test set).
 */
export function spotLabels(ctx: Context, need: number, plans: { train: LabelPlan; test: LabelPlan }): SpotLabels {
  const { answers, est } = ctx;
  const trainGap = Math.max(0, need - answers.labeledExamples);
  const spare = Math.max(0, answers.labeledExamples - need);
  const measured = answers.offTheShelfResult !== 'not-evaluated';
  const test = measured || !est.testSetExamples ? ZERO : rangeOf(est.testSetExamples);
  const testGap = { low: Math.max(0, test.low - spare), likely: Math.max(0, test.likely - spare), high: Math.max(0, test.high - spare) };
  const train = priceLabelCount(plans.train, one(trainGap));
  const tst = priceLabelCount(plans.test, testGap);
  const unpriced: LabelKind[] = [];
  if (trainGap > 0 && !isPriced(plans.train, answers)) unpriced.push(plans.train.kind);
  if (testGap.high > 0 && !isPriced(plans.test, answers) && !unpriced.includes(plans.test.kind)) unpriced.push(plans.test.kind);
  return { trainGap, testGap, cost: sumOf(train.cost, tst.cost), weeks: sumOf(train.weeks, tst.weeks), unpriced };
}
