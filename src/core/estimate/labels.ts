// Labels: which price applies to a task's labels, and what labelling the gap costs and takes.
import type { Answers } from '../answers/fields.js';
import type { EstimatesCatalog, LabelKind, LabelPrice } from '../catalog/catalog.js';
import { formatNumber } from '../text/format.js';
import { fmtRange } from './assumptions.js';
import type { Context } from './context.js';
import { one, rangeOf, scale, ZERO, type Range } from './range.js';

/** What one label of this task is, by the catalog (`estimates.labelKinds`). */
export function labelKindFor(est: EstimatesCatalog, task: string): LabelKind {
  return est.labelKinds[task] ?? est.labelKinds.default ?? 'classification';
}

/** The label price for this source, task and modality: an exact kind and modality first. */
// The price depends only on the catalog and three answers: looked up once per catalog and key.
const priceCache = new WeakMap<EstimatesCatalog, Map<string, { id: string; price: LabelPrice } | undefined>>();

export function labelPriceFor(est: EstimatesCatalog, answers: Answers): { id: string; price: LabelPrice } | undefined {
  let m = priceCache.get(est);
  if (!m) priceCache.set(est, (m = new Map()));
  const key = `${answers.labelSource}|${answers.task}|${answers.modality}`;
  if (!m.has(key)) m.set(key, findLabelPrice(est, answers));
  return m.get(key);
}

function findLabelPrice(est: EstimatesCatalog, answers: Answers): { id: string; price: LabelPrice } | undefined {
  const kind = labelKindFor(est, answers.task);
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

/** Cost and calendar weeks of labelling the gap; expert labels are paced by the experts' hours. */
export function priceLabels({ answers, est, A, price, evaluatedOn, labelPrice }: Context, gap: number): { labelCost: Range; labelWeeks: Range } {
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
