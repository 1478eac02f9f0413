// People, labels, running costs, the fallback and calibration (issue 10): a table test per factor,
// properties over the answer space, and a calibration round trip with known multipliers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAnswers } from '../../src/core/answers/check.js';
import { APPROACHES, MODALITIES, TASKS, type Answers, type Approach } from '../../src/core/answers/fields.js';
import type { EstimatesCatalog } from '../../src/core/catalog/catalog.js';
import { familyFor } from '../../src/core/rules/classes.js';
import { decide } from '../../src/core/decide/decide.js';
import { canServe } from '../../src/core/decide/fit.js';
import { calibrate, pastProjectFrom, type PastProject } from '../../src/core/estimate/calibrate.js';
import { dataVolumeFactor } from '../../src/core/estimate/effort.js';
import { estimateSpectrum, type SpotDetail } from '../../src/core/estimate/spectrum.js';
import type { Result } from '../../src/core/result/result.js';
import { builtInRuleSet } from '../helpers.js';

const rs = builtInRuleSet();
const est = rs.catalog.estimates;

function answersOf(raw: Record<string, unknown>): Answers {
  const c = checkAnswers(raw);
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return c.answers;
}
function spots(raw: Record<string, unknown>, catalog: EstimatesCatalog = est): Record<Approach, SpotDetail> {
  const a = answersOf(raw);
  const out = {} as Record<Approach, SpotDetail>;
  for (const s of estimateSpectrum(a, catalog, familyFor(rs, a)).spots) out[s.approach] = s;
  return out;
}
const tickets = { task: 'text-classification', existingModel: 'close', domainShift: 'small', labeledExamples: 5000, dataQuality: 'clean', baselineTried: true };

describe('effort: each factor against the base', () => {
  const base = spots(tickets)['fine-tune'].effort;
  const f = (extra: Record<string, unknown>, a: Approach = 'fine-tune') => spots({ ...tickets, ...extra })[a].effort;
  const spread = (id: string) => est.effortFactors[id]!;

  it.each([
    ['dataQuality unknown', { dataQuality: 'unknown' }, 'data-unknown'],
    ['dataQuality noisy', { dataQuality: 'noisy' }, 'data-noisy'],
    ['prototype', { accuracyTarget: 'prototype' }, 'accuracy-prototype'],
    ['best-in-class', { accuracyTarget: 'best-in-class' }, 'accuracy-best'],
    ['no ML expertise', { mlExpertise: 'none' }, 'expertise-none'],
    ['strong ML expertise', { mlExpertise: 'strong' }, 'expertise-strong'],
  ])('%s multiplies the person-weeks by its factor', (_name, extra, id) => {
    const e = f(extra);
    expect(e.factors).toContain(id);
    expect(e.personWeeks.likely).toBeCloseTo(base.personWeeks.likely * spread(id).likely, 6);
    // An independent factor: its log-spread adds to the base's in quadrature (range.ts productOf).
    const s = spread(id);
    const down = Math.hypot(Math.log(base.personWeeks.likely / base.personWeeks.low), Math.log(s.likely / (s.low ?? s.likely)));
    const up = Math.hypot(Math.log(base.personWeeks.high / base.personWeeks.likely), Math.log((s.high ?? s.likely) / s.likely));
    expect(e.personWeeks.low).toBeCloseTo(e.personWeeks.likely * Math.exp(-down), 6);
    expect(e.personWeeks.high).toBeCloseTo(e.personWeeks.likely * Math.exp(up), 6);
  });

  it.each([
    ['on-prem', { deployment: 'on-prem' }, 'deploy-on-prem'],
    ['edge', { deployment: 'edge' }, 'deploy-device'],
    ['mobile', { deployment: 'mobile' }, 'deploy-device'],
    ['browser', { deployment: 'browser' }, 'deploy-device'],
    ['hiring', { sensitiveDomain: 'hiring' }, 'sensitive-domain'],
    ['healthcare', { sensitiveDomain: 'healthcare' }, 'sensitive-domain'],
  ])('%s adds person-weeks of its own work', (_name, extra, id) => {
    const e = f(extra);
    expect(e.factors).toContain(id);
    expect(e.personWeeks.likely).toBeCloseTo(base.personWeeks.likely + spread(id).likely, 6);
  });

  it('a generative task adds an evaluation harness to the spots that train, not to use-as-is', () => {
    const chat = { task: 'chat-assistant', existingModel: 'close', domainShift: 'small', labeledExamples: 5000, dataQuality: 'clean' };
    expect(spots(chat)['fine-tune'].effort.factors).toContain('generative-eval');
    expect(spots(chat)['use-as-is'].effort.factors).not.toContain('generative-eval');
  });

  it('a run across more than one node adds cluster work', () => {
    const one = spots({ ...tickets, gpuCount: 8 })['fine-tune'].effort;
    const many = spots({ ...tickets, gpuCount: 64 })['fine-tune'].effort;
    expect(one.factors).not.toContain('multi-node');
    expect(many.factors).toContain('multi-node');
    expect(many.personWeeks.likely).toBeCloseTo(one.personWeeks.likely + spread('multi-node').likely, 6);
  });

  it('the work grows with the data, slowly, from the base up', () => {
    expect(dataVolumeFactor(est, 100)).toBe(1);
    expect(dataVolumeFactor(est, 100_000)).toBeCloseTo(10 ** 0.2, 6);
    expect(dataVolumeFactor(est, 1e12)).toBe(4);
    expect(f({ labeledExamples: 100_000 }).personWeeks.likely).toBeCloseTo(base.personWeeks.likely * 10 ** 0.2, 6);
  });

  it('the team follows the spot; teamSize overrides; more people than useful add cost, not speed', () => {
    const s = spots(tickets);
    expect(s['use-as-is'].effort.team).toBe(1);
    expect(s['feature-extraction'].effort.team).toBe(1);
    expect(s['fine-tune'].effort.team).toBe(2);
    expect(s['train-from-scratch'].effort.team).toBeGreaterThan(s['heavy-fine-tune'].effort.team);
    const big = f({ teamSize: 10 });
    const useful = f({ teamSize: base.useful });
    expect(big.calendarWeeks).toEqual(useful.calendarWeeks);
    expect(big.cost.likely).toBeGreaterThan(useful.cost.likely);
  });

  it('a hosted model used as-is is priced in days; self-hosted takes longer', () => {
    const hosted = spots({ task: 'sentiment-analysis', existingModel: 'exact', offTheShelfResult: 'meets-target', dataQuality: 'clean' })['use-as-is'];
    const own = spots({ task: 'sentiment-analysis', existingModel: 'exact', offTheShelfResult: 'meets-target', dataQuality: 'clean', privacy: 'self-hosted-only' })['use-as-is'];
    expect(hosted.estimate.time.likely).toBeLessThanOrEqual(1.5);
    expect(own.estimate.time.likely).toBeGreaterThan(hosted.estimate.time.likely);
  });

  it('every factor that applied is in the assumptions, judgement marked', () => {
    const r = decide(answersOf({ ...tickets, dataQuality: 'noisy', deployment: 'mobile', sensitiveDomain: 'hiring' }), rs);
    const whats = r.assumptions.map((a) => `${a.what}: ${a.value}`);
    for (const id of ['data-noisy', 'deploy-device', 'sensitive-domain']) expect(whats.some((w) => w.includes(`Effort factor ${id}`) && w.includes('(judgement)'))).toBe(true);
    expect(whats.some((w) => w.startsWith('Team, fine-tune'))).toBe(true);
  });
});

describe('labels: by kind and whose time it takes', () => {
  const labelOf = (extra: Record<string, unknown>, a: Approach = 'fine-tune') => spots({ existingModel: 'close', domainShift: 'small', labeledExamples: 0, dataQuality: 'clean', ...extra })[a];
  const prof = (id: string) => est.professions[id]!.likely;

  it.each([
    ['chest-xray-read', 'image-classification', 1.5, 'radiologist'],
    ['ct-read', 'image-classification', 15.8, 'radiologist'],
    ['contract-clause-review', 'named-entity-recognition', 18.5, 'lawyer'],
    ['essay-grade', 'text-classification', 15, 'teacher'],
  ])('an expert %s is minutes × that profession\'s rate', (expertLabel, task, minutes, profession) => {
    const s = labelOf({ task, labelSource: 'expert', expertLabel });
    // 2,500 training labels plus the 400 of the test set, one expert at 40 hours a week.
    expect(s.labelCost.likely).toBeCloseTo(((2500 + 400) * minutes * prof(profession)) / 60, 0);
    expect(s.labelWeeks.likely).toBeCloseTo(((2500 + 400) * minutes) / 60 / 40, 3);
  });

  it('a chest X-ray label costs a few dollars, not a CT read\'s worth', () => {
    const xray = labelOf({ task: 'image-classification', labelSource: 'expert', expertLabel: 'chest-xray-read' });
    const ct = labelOf({ task: 'image-classification', labelSource: 'expert', expertLabel: 'ct-read' });
    expect(xray.labelCost.likely / 2900).toBeLessThan(10);
    expect(ct.labelCost.likely / xray.labelCost.likely).toBeCloseTo(15.8 / 1.5, 1);
  });

  it.each([
    ['speech-recognition', 'crowd', 'transcription'],
    ['chat-assistant', 'in-house', 'demonstration'],
    ['summarization', 'crowd', 'demonstration'],
    ['image-generation', 'crowd', 'preference'],
    ['object-detection', 'crowd', 'box'],
    ['image-segmentation', 'in-house', 'segmentation'],
  ])('%s labels (%s) are priced, never silently free', (task, labelSource) => {
    const s = labelOf({ task, labelSource });
    expect(s.unpriced).toEqual([]);
    expect(s.labelCost.likely).toBeGreaterThan(0);
  });

  it('transcribed speech is priced by the audio hour: 2,900 clips of 30 s at 90 USD an hour', () => {
    const s = labelOf({ task: 'speech-recognition', existingModel: 'exact', offTheShelfResult: 'below-target', labelSource: 'crowd' });
    // The test set is not bought: a model was measured on your own data, which took one.
    expect(s.labelCost.likely).toBeCloseTo((2500 * 30 * 90) / 3600, 6);
  });

  it('the heavy spot of a text generator buys preference pairs', () => {
    const s = labelOf({ task: 'chat-assistant', labelSource: 'in-house' }, 'heavy-fine-tune');
    const pairs = est.labelsNeeded.llm!['heavy-fine-tune'];
    expect(s.labelCost.likely).toBeGreaterThanOrEqual(pairs * est.labeling['in-house-preference']!.likely!);
  });

  it('labellers work in parallel; labelCostUsd replaces the price', () => {
    const one = labelOf({ task: 'image-classification', labelSource: 'expert', expertLabel: 'ct-read' });
    const four = labelOf({ task: 'image-classification', labelSource: 'expert', expertLabel: 'ct-read', labelers: 4 });
    expect(four.labelWeeks.likely).toBeCloseTo(one.labelWeeks.likely / 4, 6);
    expect(four.labelCost).toEqual(one.labelCost);
    const mine = labelOf({ task: 'image-classification', labelSource: 'expert', labelCostUsd: 12 });
    expect(mine.labelCost).toEqual({ low: 2500 * 12 + 200 * 12, likely: 2900 * 12, high: 3500 * 12 });
  });

  it('every spot, use-as-is included, prices the test set that measuring on your own data takes', () => {
    const s = spots({ task: 'sentiment-analysis', existingModel: 'exact', dataQuality: 'clean' });
    for (const a of APPROACHES) expect(s[a].testGap.likely).toBe(400);
    expect(s['use-as-is'].estimate.cost.breakdown.evaluation).toBeGreaterThan(0);
    // Labels beyond what training needs serve as the test set; a measured model already had one.
    expect(spots({ task: 'sentiment-analysis', existingModel: 'exact', labeledExamples: 1000 })['use-as-is'].testGap.likely).toBe(0);
    expect(spots({ task: 'sentiment-analysis', existingModel: 'exact', offTheShelfResult: 'meets-target' })['use-as-is'].testGap.likely).toBe(0);
  });

  it('a kind of label the catalog cannot price is said in a warning and the assumptions', () => {
    const noDemos = { ...est, labeling: Object.fromEntries(Object.entries(est.labeling).filter(([, p]) => p.kind !== 'demonstration')) };
    const s = spots({ task: 'chat-assistant', labelSource: 'in-house', existingModel: 'close', labeledExamples: 0 }, noDemos);
    expect(s['fine-tune'].unpriced).toEqual(['demonstration']);
  });
});

describe('running costs', () => {
  const chat = { task: 'chat-assistant', existingModel: 'exact', offTheShelfResult: 'meets-target', domainShift: 'small', dataQuality: 'clean' };

  it('nothing runs without requestsPerMonth; with it every spot has running and total', () => {
    expect(spots(chat)['use-as-is'].estimate.running).toBeUndefined();
    const s = spots({ ...chat, requestsPerMonth: 1e6 });
    for (const a of APPROACHES) {
      const e = s[a].estimate;
      expect(e.running!.likely).toBeGreaterThan(0);
      expect(e.total!.likely).toBe(Math.round(e.cost.likely + 12 * e.running!.likely));
    }
  });

  it('an API is priced per token at the catalog\'s dated prices', () => {
    const s = spots({ ...chat, requestsPerMonth: 1e6, tokensPerRequest: 1000 })['use-as-is'];
    const p = est.apiPrices[est.apiChoice!.likely]!;
    const share = est.requestTokens['chat-assistant']!.outputShare;
    const api = (1e9 * ((1 - share) * p.inputPerMTokens + share * p.outputPerMTokens)) / 1e6;
    expect(s.running!.serving.likely).toBeCloseTo(api, 6);
    expect(s.estimate.running!.how).toContain('API');
  });

  it('a self-hosted model keeps at least one GPU always on', () => {
    const s = spots({ ...chat, privacy: 'self-hosted-only', requestsPerMonth: 10 })['use-as-is'];
    const a100 = est.prices['a100-80gb']!;
    expect(s.running!.serving.likely).toBeCloseTo(730 * a100.likely, 6);
    expect(s.running!.serving.low).toBeCloseTo(730 * a100.low!, 6);
  });

  it('a classical model serves from a CPU instance; a model on devices costs you no serving', () => {
    const tab = spots({ task: 'tabular-classification', existingModel: 'none', labeledExamples: 100000, requestsPerMonth: 1e6 })['train-from-scratch'];
    expect(tab.running!.mode).toBe('cpu');
    expect(tab.running!.serving.likely).toBeCloseTo(730 * est.cpuInstance!.hourlyUsd.likely, 6);
    const phone = spots({ task: 'image-classification', existingModel: 'close', deployment: 'mobile', requestsPerMonth: 1e6 })['fine-tune'];
    expect(phone.running!.mode).toBe('device');
    expect(phone.running!.serving.likely).toBe(0);
    expect(phone.running!.upkeep.likely).toBeGreaterThan(0);
  });

  it('at high volume a fine-tuned model on your own GPUs beats the API, and the result says where they cross', () => {
    const raw = { ...chat, existingModel: 'close', offTheShelfResult: 'not-evaluated', labeledExamples: 5000, baselineTried: true };
    const low = decide(answersOf({ ...raw, requestsPerMonth: 1000 }), rs);
    const cross = low.whatWouldChange.find((c) => c.field === 'requestsPerMonth');
    if (low.recommendation.approach === 'fine-tune') return; // the rules already adapt: nothing to cross
    expect(cross).toBeDefined();
    const high = decide(answersOf({ ...raw, requestsPerMonth: cross!.value }), rs);
    expect(high.recommendation.approach).toBe(cross!.approach);
    expect(high.rationale.some((x) => x.rule === 'weigh-total')).toBe(true);
  });
});

describe('the fallback never gives up the problem', () => {
  it('a defect detector for defects no public model knows does not fall back to use-as-is', () => {
    const r = decide(answersOf({ task: 'image-classification', existingModel: 'none', domainShift: 'large', labeledExamples: 5000, proprietaryData: true, budgetUsd: 2000 }), rs);
    expect(r.recommendation.approach).not.toBe('use-as-is');
    expect(r.warnings.map((w) => w.id)).toContain('over-budget');
  });

  it('a phone app for a shop\'s own products does not fall back to an off-the-shelf detector', () => {
    const r = decide(answersOf({ task: 'object-detection', existingModel: 'close', domainShift: 'large', labeledExamples: 3000, proprietaryData: true, deployment: 'mobile', budgetUsd: 5000 }), rs);
    expect(r.recommendation.approach).not.toBe('use-as-is');
    const w = r.warnings.find((x) => x.id === 'over-budget')!;
    expect(w.message).toMatch(/It would fit with a budget of/);
  });

  it('moving for the budget drops the confidence and says so in the rationale', () => {
    const r = decide(answersOf({ task: 'image-classification', existingModel: 'close', domainShift: 'large', labeledExamples: 40000, proprietaryData: true, mlExpertise: 'strong', budgetUsd: 25000 }), rs);
    if (r.recommendation.approach === 'heavy-fine-tune') return;
    expect(r.rationale.at(-1)!.rule).toBe('fit-budget-and-timeline');
    expect(r.recommendation.confidence).not.toBe('high');
  });

  it('a likely figure a little over the budget keeps the rules\' spot, with the warning', () => {
    const s = spots(tickets)['fine-tune'].estimate.cost;
    const r = decide(answersOf({ ...tickets, budgetUsd: Math.round(s.likely / 1.1) }), rs);
    expect(r.recommendation.approach).toBe('fine-tune');
    expect(r.warnings.find((w) => w.id === 'over-budget')!.message).toContain('Kept: less than a quarter over');
  });

  it('canServe: use-as-is only for an exact model not below target; frozen features not for generated output', () => {
    const a = answersOf({ task: 'summarization', existingModel: 'close' });
    expect(canServe('use-as-is', a, rs)).toBe(false);
    expect(canServe('feature-extraction', a, rs)).toBe(false);
    const b = answersOf({ task: 'image-classification', existingModel: 'exact', offTheShelfResult: 'below-target' });
    expect(canServe('use-as-is', b, rs)).toBe(false);
    expect(canServe('feature-extraction', b, rs)).toBe(true);
  });
});

// ---- Properties --------------------------------------------------------------------------------

const RUNS = { numRuns: 120, seed: 20261201 };
const anyAnswers = fc
  .record({
    task: fc.constantFrom(...TASKS),
    modality: fc.constantFrom(...MODALITIES),
    existingModel: fc.constantFrom('exact', 'close', 'none', 'unknown'),
    offTheShelfResult: fc.constantFrom('meets-target', 'below-target', 'not-evaluated'),
    domainShift: fc.constantFrom('none', 'small', 'moderate', 'large'),
    labeledExamples: fc.integer({ min: 0, max: 2_000_000 }),
    unlabeledExamples: fc.integer({ min: 0, max: 1_000_000 }),
    labelSource: fc.constantFrom('crowd', 'in-house', 'expert'),
    mlExpertise: fc.constantFrom('none', 'some', 'strong'),
    dataQuality: fc.constantFrom('clean', 'noisy', 'unknown'),
    deployment: fc.constantFrom('cloud', 'on-prem', 'edge', 'mobile', 'browser'),
    privacy: fc.constantFrom('cloud-ok', 'self-hosted-only'),
    sensitiveDomain: fc.constantFrom('none', 'hiring', 'healthcare'),
    accuracyTarget: fc.constantFrom('prototype', 'production', 'best-in-class'),
    proprietaryData: fc.boolean(),
    budgetUsd: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: undefined }),
    timelineWeeks: fc.option(fc.integer({ min: 1, max: 104 }), { nil: undefined }),
    requestsPerMonth: fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: undefined }),
    teamSize: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
    labelers: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
  })
  .map((r) => answersOf(Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined))));

const ranges = (s: Result['spectrum'][number]) => [s.cost!, s.time!, ...(s.running ? [s.running] : []), ...(s.total ? [s.total] : [])];

describe('properties', () => {
  it('every figure is finite, ≥ 0 and ordered low ≤ likely ≤ high, running and total included', () => {
    fc.assert(fc.property(anyAnswers, (a) => {
      for (const s of decide(a, rs).spectrum) {
        for (const r of ranges(s)) {
          for (const v of [r.low, r.likely, r.high]) expect(Number.isFinite(v) && v >= 0).toBe(true);
          expect(r.low).toBeLessThanOrEqual(r.likely);
          expect(r.likely).toBeLessThanOrEqual(r.high);
        }
      }
    }), RUNS);
  });

  it('cost never falls as the data, the labels needed or the requests grow', () => {
    fc.assert(fc.property(anyAnswers, fc.integer({ min: 1, max: 1e6 }), (a, more) => {
      const fam = familyFor(rs, a);
      const at = (x: Answers, catalog: EstimatesCatalog = est) => estimateSpectrum(x, catalog, fam).spots;
      const before = at(a);
      // More labels needed (every spot's need doubled) means more to buy.
      const needier = { ...est, labelsNeeded: Object.fromEntries(Object.entries(est.labelsNeeded).map(([k, v]) => [k, { ...v, ...Object.fromEntries(APPROACHES.map((x) => [x, v[x] * 2])) }])) };
      const moreNeeded = at(a, needier);
      // More data to train on: unlabelled, or labelled beyond what the spot and its test set need.
      const moreData = at({ ...a, unlabeledExamples: a.unlabeledExamples + more });
      const plenty = { ...a, labeledExamples: 3_000_000 };
      const morePlenty = at({ ...plenty, labeledExamples: plenty.labeledExamples + more });
      const plentyBefore = at(plenty);
      const moreRequests = at({ ...a, requestsPerMonth: (a.requestsPerMonth ?? 0) + more * 100 });
      before.forEach((s, i) => {
        expect(moreNeeded[i]!.estimate.cost.likely).toBeGreaterThanOrEqual(s.estimate.cost.likely);
        expect(moreData[i]!.estimate.cost.likely).toBeGreaterThanOrEqual(s.estimate.cost.likely);
        expect(morePlenty[i]!.estimate.cost.likely).toBeGreaterThanOrEqual(plentyBefore[i]!.estimate.cost.likely);
        if (s.estimate.running) expect(moreRequests[i]!.estimate.running!.likely).toBeGreaterThanOrEqual(s.estimate.running.likely);
      });
    }), RUNS);
  });

  it('the fallback never lands on a spot that cannot do the task', () => {
    fc.assert(fc.property(anyAnswers, (a) => {
      const r = decide(a, rs);
      if (!r.rationale.some((x) => x.rule === 'fit-budget-and-timeline' || x.rule === 'weigh-total')) return;
      expect(canServe(r.recommendation.approach, a, rs)).toBe(true);
      expect(r.recommendation.confidence).not.toBe('high');
    }), RUNS);
  });
});

// ---- Calibration ------------------------------------------------------------------------------

describe('calibrate', () => {
  // Projects whose actuals are exactly what the estimates give with known scales: calibrate must
  // recover the scales from them.
  const histories: Record<string, unknown>[] = [
    { task: 'text-classification', existingModel: 'close', domainShift: 'small', labeledExamples: 3000, dataQuality: 'clean' },
    { task: 'named-entity-recognition', existingModel: 'close', domainShift: 'moderate', labeledExamples: 8000, dataQuality: 'clean' },
    { task: 'image-classification', existingModel: 'close', domainShift: 'moderate', labeledExamples: 6000, dataQuality: 'clean' },
    { task: 'object-detection', existingModel: 'close', labeledExamples: 4000, deployment: 'edge', dataQuality: 'clean' },
    { task: 'sentiment-analysis', existingModel: 'exact', offTheShelfResult: 'meets-target' },
    { task: 'summarization', existingModel: 'exact', offTheShelfResult: 'meets-target' },
    { task: 'chat-assistant', existingModel: 'exact', offTheShelfResult: 'meets-target', privacy: 'self-hosted-only' },
    { task: 'text-generation', existingModel: 'none', proprietaryData: true, labeledExamples: 70000, mlExpertise: 'strong', modelParams: 1.3e9, trainingTokens: 2.6e10, gpu: 'a100-80gb', gpuCount: 8 },
    { task: 'text-generation', existingModel: 'none', proprietaryData: true, labeledExamples: 70000, mlExpertise: 'strong', modelParams: 3e9, trainingTokens: 6e10, gpu: 'h100-sxm', gpuCount: 16 },
    { task: 'text-generation', existingModel: 'none', proprietaryData: true, labeledExamples: 70000, mlExpertise: 'strong', modelParams: 7e9, trainingTokens: 1.4e11, gpu: 'h100-sxm', gpuCount: 32 },
  ];
  const truth = {
    ...est,
    effortScale: {
      'fine-tune': { value: 1.8, projects: 0, source: 'truth', asOf: '2026-11' },
      'use-as-is': { value: 0.7, projects: 0, source: 'truth', asOf: '2026-11' },
      'train-from-scratch': { value: 1.3, projects: 0, source: 'truth', asOf: '2026-11' },
    },
    mfuCalibration: { value: 0.6, projects: 0, source: 'truth', asOf: '2026-11' },
  };
  const approachOf = (raw: Record<string, unknown>): Approach => decide(answersOf(raw), rs).recommendation.approach;
  const history: PastProject[] = histories.map((raw, i) => {
    const a = approachOf(raw);
    const s = spots(raw, truth)[a];
    const actual = { approach: a, weeks: s.estimate.time.likely, costUsd: s.estimate.cost.likely, ...(s.estimate.compute.gpuHours.likely > 0 ? { gpuHours: s.estimate.compute.gpuHours.likely } : {}) };
    return pastProjectFrom({ ...raw, actual }, i + 1).project!;
  });

  it('recovers the multipliers a synthetic history was made with', () => {
    const c = calibrate(history, rs, 'past.jsonl');
    const value = (f: string) => c.fitted.find((x) => x.figure === f)?.value;
    for (const a of ['fine-tune', 'use-as-is', 'train-from-scratch'] as const) {
      const groups = history.filter((p) => p.actual.approach === a).length;
      if (groups >= 3) expect(value(`effortScale.${a}`)).toBeCloseTo(truth.effortScale[a].value, 1);
    }
    expect(value('mfuCalibration'), JSON.stringify(c, null, 1)).toBeCloseTo(0.6, 1);
    for (const f of c.fitted) expect(Math.abs(Math.log(f.after))).toBeLessThan(Math.log(1.1));
    expect(c.layer.estimates.effortScale?.all?.projects).toBe(history.length);
  });

  it('the layer works with --rules like any other: the calibrated estimates meet the history', () => {
    const c = calibrate(history, rs, 'past.jsonl');
    const layered = { ...est, effortScale: c.layer.estimates.effortScale ?? {}, ...(c.layer.estimates.mfuCalibration ? { mfuCalibration: c.layer.estimates.mfuCalibration } : {}) };
    for (const p of history.filter((h) => c.fitted.some((f) => f.figure === `effortScale.${h.actual.approach}`))) {
      const raw = histories[p.row - 1]!;
      const weeks = spots(raw, layered)[p.actual.approach].estimate.time.likely;
      expect(weeks / p.actual.weeks!).toBeGreaterThan(0.85);
      expect(weeks / p.actual.weeks!).toBeLessThan(1.15);
    }
  });

  it('reports too few projects and contradictory ones instead of fitting them', () => {
    const two = calibrate(history.slice(0, 2), rs, 'x');
    expect(two.fitted).toEqual([]);
    expect(two.notFitted.find((n) => n.figure === 'effortScale.all')!.why).toContain('at least 3');
    const wild = history.slice(0, 4).map((p, i) => ({ ...p, actual: { ...p.actual, weeks: p.actual.weeks! * [0.1, 10, 0.1, 10][i]!, costUsd: p.actual.costUsd! * [0.1, 10, 0.1, 10][i]! } }));
    const c = calibrate(wild, rs, 'x');
    expect(c.notFitted.some((n) => /contradict/.test(n.why))).toBe(true);
  });

  it('reads a row with its actuals and says what is missing', () => {
    expect(pastProjectFrom({ task: 'text-classification', existingModel: 'close', actual: { approach: 'fine-tune' } }, 1).issues[0]!.message).toContain('actual.weeks or actual.costUsd');
    expect(pastProjectFrom({ task: 'text-classification', existingModel: 'close', actual: { approach: 'fine-tune', weeks: 4 } }, 1).project!.actual.weeks).toBe(4);
    expect(pastProjectFrom({ task: 'text-classification', existingModel: 'close' }, 1).issues[0]!.path).toEqual(['actual']);
  });
});
