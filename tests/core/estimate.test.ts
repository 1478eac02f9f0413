// The estimate formulas against hand-worked figures, and the estimates through decide().
import { describe, expect, it } from 'vitest';
import { checkAnswers } from '../../src/core/answers/check.js';
import { decide } from '../../src/core/decide/decide.js';
import { buildRuleSet } from '../../src/core/rules/layering.js';
import { checkEstimateAnswers } from '../../src/core/estimate/check.js';
import { gpuHoursFor, gpuHoursRange, perSampleFlops, transformerFlops } from '../../src/core/estimate/compute.js';
import { inverseOf, productOf, sumOf } from '../../src/core/estimate/range.js';
import { monthsBetween } from '../../src/core/estimate/dates.js';
import { rangeOf, sig3 } from '../../src/core/estimate/range.js';
import type { Answers } from '../../src/core/answers/fields.js';
import type { Result } from '../../src/core/result/result.js';
import { builtInRuleSet } from '../helpers.js';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { builtInRuleFiles } from '../../src/io/rules-files.js';

export function answersOf(raw: Record<string, unknown>): Answers {
  const c = checkAnswers(raw);
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return c.answers;
}
const spot = (r: Result, a: string) => r.spectrum.find((s) => s.approach === a)!;
const tickets = { task: 'text-classification', existingModel: 'close', domainShift: 'small', labeledExamples: 2500, labelSource: 'in-house', mlExpertise: 'some', dataQuality: 'clean', baselineTried: true };

describe('formulas', () => {
  it('6·N·D, 4·N·D and 2·N·D for transformers', () => {
    expect(transformerFlops('full', 1.3e9, 200e9)).toBe(1.56e21);
    expect(transformerFlops('adapter', 8e9, 1e6)).toBe(3.2e16);
    expect(transformerFlops('forward', 110e6, 1000)).toBe(2.2e11);
  });
  it('3 × forward FLOPs per sample to train a CNN, 1 × to extract features', () => {
    // ResNet-50: 8.2 GFLOP forward, about 24.6 GFLOP per training image.
    expect(perSampleFlops('full', 8.2e9, 1000)).toBeCloseTo(2.46e13, -9);
    expect(perSampleFlops('forward', 8.2e9, 1000)).toBeCloseTo(8.2e12, -9);
  });
  it('GPU-hours = FLOPs / (peak × MFU × 3600)', () => {
    // 1.56e21 / (312e12 × 0.35 × 3600) = 1.56e21 / 3.9312e17
    expect(gpuHoursFor(1.56e21, 312, 0.35)).toBeCloseTo(3968.25, 1);
  });
  it('the high MFU gives the low GPU-hours', () => {
    const r = gpuHoursRange(1.56e21, 312, { low: 0.25, likely: 0.35, high: 0.55 });
    expect(r.low).toBeCloseTo(2525.25, 1);
    expect(r.likely).toBeCloseTo(3968.25, 1);
    expect(r.high).toBeCloseTo(5555.56, 1);
    expect(gpuHoursRange(0, 312, { low: 0.1, likely: 0.1, high: 0.1 })).toEqual({ low: 0, likely: 0, high: 0 });
  });
  it('independent ranges combine in log space (products) and in quadrature (sums), not extreme by extreme', () => {
    // Two factors each ×/÷ 2 around their median: the product spreads ×/÷ 2^√2 ≈ 2.67, not 4.
    const p = productOf({ low: 1, likely: 2, high: 4 }, { low: 5, likely: 10, high: 20 });
    expect(p.likely).toBe(20);
    expect(p.high).toBeCloseTo(20 * 2 ** Math.SQRT2, 6);
    expect(p.low).toBeCloseTo(20 / 2 ** Math.SQRT2, 6);
    expect(inverseOf({ low: 0.25, likely: 0.5, high: 1 })).toEqual({ low: 1, likely: 2, high: 4 });
    // Sums: medians add, each side's distance from the median adds in quadrature.
    const s = sumOf({ low: 7, likely: 10, high: 14 }, { low: 6, likely: 10, high: 13 });
    expect(s).toEqual({ low: 15, likely: 20, high: 25 });
    // Narrower than adding the lows and the highs, which would claim every part is at its extreme.
    expect(sumOf({ low: 0, likely: 1, high: 2 }, { low: 0, likely: 1, high: 2 })).toEqual({ low: 2 - Math.SQRT2, likely: 2, high: 2 + Math.SQRT2 });
  });
  it('a spread with no published low/high collapses to the likely figure', () => {
    expect(rangeOf({ likely: 0.8 })).toEqual({ low: 0.8, likely: 0.8, high: 0.8 });
  });
  it('rounds to three significant figures', () => {
    expect(sig3(3968.25)).toBe(3970);
    expect(sig3(0.01694)).toBe(0.0169);
  });
  it('counts whole months between dates', () => {
    expect(monthsBetween('2024-05', '2026-11')).toBe(30);
    expect(monthsBetween('2021', '2021-03')).toBe(2);
  });
});

describe('estimates through decide()', () => {
  const rs = builtInRuleSet();

  it('fine-tuning BERT-base on 2,500 tickets: FLOPs, MFU for a small model, the overhead and engineering by hand', () => {
    const r = decide(answersOf(tickets), rs);
    const ft = spot(r, 'fine-tune');
    // 6 × 110e6 × (2,500 × 128 tokens × 3 epochs) = 6.336e14 FLOPs, a small job on one L4.
    expect(ft.compute!.flops).toBe(6.34e14);
    expect(ft.compute).toMatchObject({ gpu: 'l4', gpuCount: 1 });
    // MFU of small transformer jobs on Ada, 0.04 / 0.12 / 0.25, × (110M / 1B)^0.13 for the model's size;
    // the overhead, 0 / 0.005 / 0.05 GPU-hours on its one GPU, is added in quadrature.
    const f = 0.11 ** 0.13;
    const atFull = 6.336e14 / (121e12 * 3600);
    const compute = { low: atFull / (0.25 * f), likely: atFull / (0.12 * f), high: atFull / (0.04 * f) };
    const likely = compute.likely + 0.005;
    expect(ft.compute!.gpuHours.likely).toBe(sig3(likely));
    expect(ft.compute!.gpuHours.high).toBe(sig3(likely + Math.hypot(compute.high - compute.likely, 0.045)));
    expect(ft.compute!.gpuHours.low).toBe(sig3(likely - Math.hypot(compute.likely - compute.low, 0.005)));
    // People: 3–6–12 person-weeks (no factor applies: clean data, cloud, production, some
    // expertise, 2,500 examples), two engineers (up to three useful), so 1.5–3–6 calendar weeks,
    // and cost = person-weeks × 2,165–3,093–3,753 USD. Compute: 0.02 GPU-hours × 0.80 USD rounds
    // to 0 (no 1-hour floor). The labels cover training; the 200–400–1,000 test examples are bought
    // at 0.01–0.022–0.05 USD each.
    expect(ft.cost!.breakdown).toEqual({ compute: 0, labeling: 0, engineering: 6 * 3093, evaluation: 9 });
    // Independent factors multiply as log-normals (range.ts productOf): the medians multiply, and
    // each side's log-spread adds in quadrature.
    const product = (likely: number, downs: number[], ups: number[]) => ({ low: likely * Math.exp(-Math.hypot(...downs.map(Math.log))), likely, high: likely * Math.exp(Math.hypot(...ups.map(Math.log))) });
    const people = product(6 * 3093, [6 / 3, 3093 / 2165], [12 / 6, 3753 / 3093]);
    const test = product(400 * 0.022, [400 / 200, 0.022 / 0.01], [1000 / 400, 0.05 / 0.022]);
    const total = people.likely + test.likely + likely * 0.8;
    expect(ft.cost!.likely).toBe(Math.round(total));
    // The parts are independent: P10 and P90 of the sum combine in quadrature (range.ts sumOf).
    expect(ft.cost!.low).toBeCloseTo(total - Math.hypot(people.likely - people.low, test.likely - test.low), -1);
    expect(ft.cost!.high).toBeCloseTo(total + Math.hypot(people.high - people.likely, test.high - test.likely), -1);
    expect(ft.time).toEqual({ unit: 'weeks', low: 1.5, likely: 3, high: 6 });
  });

  it('expert labels are minutes per item × hourly rate, and they take calendar time', () => {
    const r = decide(answersOf({ task: 'image-classification', existingModel: 'close', domainShift: 'large', labeledExamples: 800, labelSource: 'expert', mlExpertise: 'strong' }), rs);
    const ft = spot(r, 'fine-tune');
    // No expert task named, images: a CT read is assumed (15.8 minutes, Sexauer et al. 2022) at a
    // radiologist's loaded 226 USD/hour. 2,500 needed − 800 = 1,700 to train on, and the 400 of the
    // test set: 1,700 × 15.8 / 60 × 226 = 101,173 USD; 400 × 15.8 / 60 × 226 = 23,805 USD.
    expect(ft.cost!.breakdown.labeling).toBe(Math.round((1700 * 15.8 * 226) / 60));
    expect(ft.cost!.breakdown.evaluation).toBe(Math.round((400 * 15.8 * 226) / 60));
    // 2,100 × 15.8 min = 553 hours = 13.8 weeks of one radiologist, then the training run.
    expect(ft.time!.likely).toBeGreaterThanOrEqual(13.8);
    expect(ft.time!.likely).toBeLessThan(14);
    expect(r.assumptions.find((a) => a.what === 'Expert label assumed')!.value).toContain('ct-read');
    expect(r.assumptions.find((a) => a.what === 'Hourly rate, radiologist')!.value).toBe('158–357 USD/hour (likely 226)');
  });

  it('a classical model from scratch runs on a CPU, and the output says why it is cheaper', () => {
    const r = decide(answersOf({ task: 'tabular-classification', existingModel: 'none', proprietaryData: true, labeledExamples: 2000000, mlExpertise: 'strong' }), rs);
    const s = spot(r, 'train-from-scratch');
    expect(s.compute).toEqual({ gpu: 'cpu', gpuCount: 1, gpuHours: { low: 0, likely: 0, high: 0 }, flops: 0 });
    expect(s.cost!.likely).toBeLessThan(spot(r, 'fine-tune').cost!.likely);
    expect(s.why).toMatch(/Cheaper than .*fine-tune.* classical model trains on a CPU/);
  });

  it('every figure used is in the assumptions with a source and a date', () => {
    const r = decide(answersOf(tickets), rs);
    const whats = r.assumptions.map((a) => a.what);
    expect(whats).toEqual(expect.arrayContaining(['Starting model', 'NVIDIA L4 on-demand price', 'NVIDIA L4 peak', 'Engineer-week, loaded', 'Team, fine-tune', 'Base effort, fine-tune', 'Labelled test set', 'Labelled examples each spot needs', 'Fixed overhead of a small job, per GPU', 'MFU, small transformer jobs on ada GPUs', 'Training data, fine-tune']));
    for (const a of r.assumptions) {
      expect(a.source.length).toBeGreaterThan(3);
      expect(a.asOf).toMatch(/^\d{4}(-\d{2})?|as given$/);
    }
  });

  it('warns when a market price is over 12 months old at the evaluation date; pay statistics do not count', () => {
    expect(decide(answersOf(tickets), rs).warnings.map((w) => w.id)).not.toContain('stale-price');
    const stale = decide(answersOf(tickets), rs, { evaluatedOn: '2027-12' }).warnings.find((w) => w.id === 'stale-price');
    expect(stale?.message).toContain('NVIDIA L4 on-demand price (2026-05, 19 months old)');
    expect(stale?.message).not.toContain('Engineer-week');
    expect(decide(answersOf({ ...tickets, gpuHourlyUsd: 0.9 }), rs, { evaluatedOn: '2027-12' }).warnings.find((w) => w.id === 'stale-price')?.message ?? '').not.toContain('NVIDIA L4');
  });

  it('answers override GPU, count, price, MFU, team and pay', () => {
    const r = decide(answersOf({ task: 'chat-assistant', existingModel: 'close', labeledExamples: 5000, domainShift: 'moderate', gpu: 'h100-sxm', gpuCount: 4, gpuHourlyUsd: 3, mfu: 0.3, teamSize: 3, engineerWeeklyUsd: 5000, trainingTokens: 1e9 }), rs);
    const ft = spot(r, 'fine-tune');
    // LoRA: 4 × 8e9 × 1e9 = 3.2e19 FLOPs / (989e12 × 0.3 × 3600) = 29.96 GPU-hours × 3 USD.
    expect(ft.compute!.gpu).toBe('h100-sxm');
    expect(ft.compute!.flops).toBe(3.2e19);
    expect(ft.compute!.gpuHours.likely).toBe(30);
    expect(ft.cost!.breakdown.compute).toBe(Math.round((3.2e19 / (989e12 * 0.3 * 3600)) * 3));
    // 6 person-weeks × 1.3 (generated output needs an evaluation harness) × 1.2 (data not checked),
    // shared by the 3 engineers given: 3.12 weeks × 3 × 5,000 USD.
    expect(ft.cost!.breakdown.engineering).toBe(Math.round(6 * 1.3 * 1.2 * 5000));
    expect(ft.compute!.gpuCount).toBe(4);
    // A given MFU leaves only the small job's overhead (0–0.05 GPU-hours on each of 4 GPUs) as spread.
    expect(ft.compute!.gpuHours.high - ft.compute!.gpuHours.low).toBeLessThan(0.25);
  });

  it('an unknown GPU is an input error that names the closest id; a GPU with no price is estimated and its cost flagged', () => {
    const est = rs.catalog.estimates;
    expect(checkEstimateAnswers(answersOf({ ...tickets, gpu: 'h100' }), est)).toEqual([expect.objectContaining({ path: ['gpu'], hint: 'did you mean "h100-sxm"?' })]);
    expect(checkEstimateAnswers(answersOf({ ...tickets, gpu: 'a100-80' }), est)[0]!.hint).toBe('did you mean "a100-80gb"?');
    // V100 has a dated price now; the TITAN RTX has none: not an error.
    expect(checkEstimateAnswers(answersOf({ ...tickets, gpu: 'v100' }), est)).toEqual([]);
    expect(checkEstimateAnswers(answersOf({ ...tickets, gpu: 'titan-rtx' }), est)).toEqual([]);
    const r = decide(answersOf({ ...tickets, gpu: 'titan-rtx' }), rs);
    const ft = spot(r, 'fine-tune');
    expect(ft.compute!.gpuHours.likely).toBeGreaterThan(0);
    expect(ft.cost!.breakdown.compute).toBe(0);
    expect(r.warnings.find((w) => w.id === 'compute-cost-unknown')!.message).toContain('No rental price is known for titan-rtx');
    expect(r.assumptions.find((a) => a.what === 'NVIDIA TITAN RTX price')!.value).toContain('not counted');
    expect(checkEstimateAnswers(answersOf({ ...tickets, architecture: 'yolov5' }), est)[0]!.hint).toMatch(/did you mean "yolov5[a-z]"\?/);
  });

  it('over budget: moves only when even the optimistic figure is over, to the nearest spot that solves the problem and fits', () => {
    // Effort figures known exactly (a team's own, say): the spots' ranges narrow enough that a
    // budget can sit under one spot's P10 and over the next one's likely cost.
    const exact = Object.fromEntries(Object.entries(rs.catalog.estimates.engineeringWeeks).map(([k, v]) => [k, { likely: v!.likely, source: 'our record', asOf: '2026-11' }]));
    const inputs = builtInRuleFiles().map((f) => ({ origin: f, data: parse(readFileSync(f, 'utf8')) as unknown }));
    inputs.push({ origin: 'ours.yaml', data: { version: 1, estimates: { engineeringWeeks: exact, engineerWeeklyUsd: { likely: 3093, source: 'our pay', asOf: '2026-11' } } } });
    const { ruleSet, issues } = buildRuleSet(inputs);
    expect(issues).toEqual([]);
    const defects = { task: 'image-classification', existingModel: 'close', domainShift: 'large', labeledExamples: 40000, proprietaryData: true, mlExpertise: 'strong', dataQuality: 'clean' };
    const free = decide(answersOf(defects), ruleSet!);
    expect(free.recommendation.approach).toBe('heavy-fine-tune');
    const heavy = spot(free, 'heavy-fine-tune').cost!;
    const ft = spot(free, 'fine-tune').cost!;
    const budget = Math.round((heavy.low + ft.likely) / 2);
    expect(ft.likely).toBeLessThan(budget);
    expect(heavy.low).toBeGreaterThan(budget);
    const r = decide(answersOf({ ...defects, budgetUsd: budget }), ruleSet!);
    expect(r.recommendation.approach).toBe('fine-tune');
    expect(spot(r, 'heavy-fine-tune').feasible).toBe(false);
    expect(spot(r, 'heavy-fine-tune').why).toContain(`over the budget of ${budget.toLocaleString('en-US')} USD by`);
    const w = r.warnings.find((x) => x.id === 'over-budget')!;
    expect(w.message).toContain('Recommending fine-tune instead, the nearest spot that still solves the problem and fits.');
    expect(r.rationale.at(-1)!.rule).toBe('fit-budget-and-timeline');
    expect(r.recommendation.confidence).not.toBe('high');
  });

  it('a budget the likely cost is a little over keeps the rules\' spot, and says what would make it fit', () => {
    const s = spot(decide(answersOf(tickets), rs), 'fine-tune').cost!;
    const r = decide(answersOf({ ...tickets, budgetUsd: s.likely - 1000 }), rs);
    expect(r.recommendation.approach).toBe('fine-tune');
    const w = r.warnings.find((x) => x.id === 'over-budget')!;
    expect(w.message).toContain('Kept: less than a quarter over');
    expect(w.message).toContain(`It would fit with a budget of ${s.likely.toLocaleString('en-US')} USD (budgetUsd)`);
  });

  it('when nothing that solves the problem fits, keeps the rules\' choice with the warning', () => {
    const r = decide(answersOf({ ...tickets, budgetUsd: 1000, timelineWeeks: 0.5 }), rs);
    expect(r.recommendation.approach).toBe('fine-tune');
    expect(spot(r, 'fine-tune').feasible).toBe(false);
    const ids = r.warnings.map((w) => w.id);
    expect(ids).toEqual(expect.arrayContaining(['over-budget', 'over-timeline']));
    expect(r.warnings.find((w) => w.id === 'over-budget')!.message).toContain("No spot that solves the problem fits, so the rules' spot stays, marked as not fitting.");
    // use-as-is would fit the budget, but no public model does this exact task: it is no fallback.
    expect(r.warnings.find((w) => w.id === 'over-budget')!.message).not.toContain('use-as-is would fit');
  });

  it('insufficient-data when the label gap cannot be closed in the budget', () => {
    // Nothing public, large shift, no labels, expert labellers: every adapting spot needs labels.
    const r = decide(answersOf({ task: 'image-classification', existingModel: 'none', domainShift: 'large', labeledExamples: 0, labelSource: 'expert', mlExpertise: 'some', budgetUsd: 20000 }), rs);
    const w = r.warnings.find((x) => x.id === 'insufficient-data')!;
    // 2,500 labels for a fine-tune + the 400 of the test set, each a CT read: 15.8 min / 60 × 226 USD/h.
    const cost = Math.round((2900 * 15.8 * 226) / 60);
    expect(w.message).toContain(`fine-tune needs about 2,500 labelled examples and you have 0; labelling the other 2,500 would cost about ${cost.toLocaleString('en-US')} USD against a budget of 20,000 USD.`);
    expect(r.warnings.filter((x) => x.id === 'insufficient-data')).toHaveLength(1);
  });

  it('warns when the recommended run does not fit in the GPUs\' memory (16 bytes per parameter to train)', () => {
    const r = decide(answersOf({ task: 'chat-assistant', existingModel: 'none', labeledExamples: 20000, mlExpertise: 'strong', gpu: 'a10g', gpuCount: 1 }), rs);
    expect(r.recommendation.approach).toBe('heavy-fine-tune');
    expect(r.warnings.find((w) => w.id === 'gpu-memory')!.message).toBe('heavy-fine-tune on a10g needs about 128 GB of GPU memory (16 bytes per parameter) and the GPUs have 24 GB together; use more GPUs (gpuCount), a bigger card, or LoRA/QLoRA.');
    const eight = decide(answersOf({ task: 'chat-assistant', existingModel: 'none', labeledExamples: 20000, mlExpertise: 'strong', gpu: 'a10g', gpuCount: 8 }), rs);
    expect(eight.warnings.map((w) => w.id)).not.toContain('gpu-memory');
  });

  it('a rules layer replaces a figure by key, with its own source', () => {
    const inputs = builtInRuleFiles().map((f) => ({ origin: f, data: parse(readFileSync(f, 'utf8')) as unknown }));
    inputs.push({ origin: 'company.yaml', data: { version: 1, estimates: { prices: { l4: { low: 0.5, likely: 0.6, high: 0.7, source: 'our reserved contract', asOf: '2026-10' } }, teamSize: { value: 4, source: 'our team', asOf: '2026-11' } } } });
    const { ruleSet, issues } = buildRuleSet(inputs);
    expect(issues).toEqual([]);
    const r = decide(answersOf(tickets), ruleSet!);
    expect(r.assumptions.find((a) => a.what === 'NVIDIA L4 on-demand price')).toEqual({ what: 'NVIDIA L4 on-demand price', value: '0.5–0.7 USD/GPU-hour (likely 0.6)', source: 'our reserved contract', asOf: '2026-10' });
    // Four people on 6 person-weeks: three can work at once (2 weeks), all four are paid.
    expect(spot(r, 'fine-tune').cost!.breakdown.engineering).toBe((6 / 3) * 4 * 3093);
  });

  it('a rules layer with a bad figure is rejected with its path', () => {
    const { issues } = buildRuleSet([{ origin: 'x.yaml', data: { version: 1, default: { approach: 'fine-tune', because: 'x' }, estimates: { prices: { l4: { low: 2, likely: 1, source: 's', asOf: '2026-01' } } } } }]);
    expect(issues[0]!.path).toEqual(['estimates', 'prices', 'l4']);
    expect(issues[0]!.message).toContain('low ≤ likely ≤ high');
  });
});

// Published training runs are in rules/calibration/runs.yaml, checked by calibration.test.ts.

describe('a small fine-tune against the reference', () => {
  it('BERT-base on MNLI (393k pairs × 128 tokens × 3 epochs) on one V100: "a few hours on one GPU per task"', () => {
    const r = decide(answersOf({ task: 'text-classification', existingModel: 'close', domainShift: 'small', labeledExamples: 392702, gpu: 'v100', gpuCount: 1, gpuHourlyUsd: 1 }), builtInRuleSet());
    const h = spot(r, 'fine-tune').compute!.gpuHours;
    // 6 × 110e6 × 150.8e6 tokens = 9.95e16 FLOPs / (125e12 × MFU 0.2 × (0.11)^0.13 × 3600) ≈ 1.47 hours,
    // plus a few minutes of overhead; the same job took 2.6 hours on a TITAN RTX (calibration set).
    expect(h.likely).toBeCloseTo(1.47, 1);
    expect(h.low).toBeGreaterThanOrEqual(0.5);
    expect(h.high).toBeLessThanOrEqual(6);
  });
});

describe('catalog checks', () => {
  it('a layer whose family defaults name an unknown GPU is rejected', () => {
    const inputs = builtInRuleFiles().map((f) => ({ origin: f, data: parse(readFileSync(f, 'utf8')) as unknown }));
    const llm = builtInRuleSet().catalog.estimates.families.llm!;
    inputs.push({ origin: 'company.yaml', data: { version: 1, estimates: { families: { llm: { ...llm, gpu: 'tpu-v9' } } } } });
    const { issues } = buildRuleSet(inputs);
    expect(issues).toEqual([expect.objectContaining({ origin: 'company.yaml', path: ['estimates', 'families', 'llm', 'gpu'], message: '"tpu-v9" is not in estimates.hardware' })]);
  });
});
