// Properties of the estimates over many valid answer sets (fast-check, seeded for repeatability).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAnswers } from '../../src/core/answers/check.js';
import { decide } from '../../src/core/decide/decide.js';
import { APPROACHES, FIELDS, TASKS, MODALITIES, type Answers } from '../../src/core/answers/fields.js';
import type { Result, Spot } from '../../src/core/result/result.js';
import { builtInRuleSet } from '../helpers.js';

const rs = builtInRuleSet();
const PRICED_GPUS = Object.keys(rs.catalog.estimates.prices);
const RUNS = { numRuns: 150, seed: 20261127 };

const base = fc.record({
  task: fc.constantFrom(...TASKS),
  modality: fc.constantFrom(...MODALITIES),
  existingModel: fc.constantFrom('exact', 'close', 'none', 'unknown'),
  domainShift: fc.constantFrom('none', 'small', 'moderate', 'large'),
  labeledExamples: fc.integer({ min: 0, max: 2_000_000 }),
  unlabeledExamples: fc.integer({ min: 0, max: 1_000_000 }),
  labelSource: fc.constantFrom('crowd', 'in-house', 'expert'),
  mlExpertise: fc.constantFrom('none', 'some', 'strong'),
  proprietaryData: fc.boolean(),
});
const refine = fc.record(
  {
    budgetUsd: fc.integer({ min: 0, max: 5_000_000 }),
    timelineWeeks: fc.integer({ min: 1, max: 104 }),
    modelParams: fc.double({ min: 1e6, max: 2e11, noNaN: true }),
    trainingTokens: fc.double({ min: 1e5, max: 1e13, noNaN: true }),
    trainingSamples: fc.double({ min: 100, max: 1e9, noNaN: true }),
    gpu: fc.constantFrom(...PRICED_GPUS),
    gpuCount: fc.integer({ min: 1, max: 1024 }),
    gpuHourlyUsd: fc.double({ min: 0.1, max: 20, noNaN: true }),
    mfu: fc.double({ min: 0.01, max: 1, noNaN: true }),
    engineerWeeklyUsd: fc.double({ min: 500, max: 20000, noNaN: true }),
    teamSize: fc.integer({ min: 1, max: 20 }),
  },
  { requiredKeys: [] },
);

function answersOf(raw: Record<string, unknown>): Answers {
  const c = checkAnswers(raw);
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return c.answers;
}
/** The enum fields the arbitraries above leave out, each given or not. */
const otherEnums = fc.record(
  Object.fromEntries(FIELDS.filter((f) => f.kind === 'enum' && f.choices && !['task', 'modality', 'existingModel', 'domainShift', 'labelSource', 'mlExpertise'].includes(f.name)).map((f) => [f.name, fc.constantFrom(...f.choices!.map((c) => c.value))])),
  { requiredKeys: [] },
);
const anyAnswers = fc.tuple(base, refine).map(([b, r]) => answersOf({ ...b, ...r }));
const cost = (r: Result, a: string) => r.spectrum.find((s) => s.approach === a)!.cost!.likely;

function ordered(spot: Spot): void {
  for (const r of [spot.cost!, spot.time!, spot.compute!.gpuHours]) {
    for (const v of [r.low, r.likely, r.high]) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
    }
    expect(r.low).toBeLessThanOrEqual(r.likely);
    expect(r.likely).toBeLessThanOrEqual(r.high);
  }
  expect(Number.isFinite(spot.compute!.flops) && spot.compute!.flops >= 0).toBe(true);
}

describe('estimate properties', () => {
  it('every spot of every valid answer set is estimated: finite, ≥ 0, low ≤ likely ≤ high', () => {
    fc.assert(
      fc.property(anyAnswers, (a) => {
        const r = decide(a, rs);
        expect(r.spectrum.map((s) => s.approach)).toEqual([...APPROACHES]);
        r.spectrum.forEach(ordered);
        expect(r.spectrum.find((s) => s.approach === r.recommendation.approach)).toBeDefined();
      }),
      RUNS,
    );
  });

  it('the same answers give byte-identical results', () => {
    fc.assert(fc.property(anyAnswers, (a) => {
        expect(JSON.stringify(decide(a, rs))).toBe(JSON.stringify(decide(a, rs)));
      }), { ...RUNS, numRuns: 40 });
  });

  const bigger = (field: keyof Answers, lo: number, hi: number) =>
    fc.tuple(base, refine, fc.double({ min: lo, max: hi, noNaN: true }), fc.double({ min: 1, max: 100, noNaN: true })).map(([b, r, v, k]) => [answersOf({ ...b, ...r, [field]: v }), answersOf({ ...b, ...r, [field]: v * k })] as const);

  it.each([
    ['modelParams', 1e6, 2e9],
    ['trainingTokens', 1e5, 1e11],
    ['trainingSamples', 100, 1e7],
    ['gpuHourlyUsd', 0.1, 5],
    ['engineerWeeklyUsd', 500, 1000],
  ] as const)('cost of every spot never falls as %s grows', (field, lo, hi) => {
    fc.assert(
      fc.property(bigger(field, lo, hi), ([small, large]) => {
        const r1 = decide(small, rs);
        const r2 = decide(large, rs);
        for (const a of APPROACHES) expect(cost(r2, a)).toBeGreaterThanOrEqual(cost(r1, a));
      }),
      { ...RUNS, numRuns: 60 },
    );
  });

  it('compute never falls as labelled data grows (labelling cost may: fewer labels to buy)', () => {
    fc.assert(
      fc.property(base, fc.integer({ min: 1, max: 1000 }), (b, k) => {
        const r1 = decide(answersOf(b), rs);
        const r2 = decide(answersOf({ ...b, labeledExamples: b.labeledExamples * k + 1 }), rs);
        for (const a of APPROACHES) {
          const f = (r: Result) => r.spectrum.find((s) => s.approach === a)!.compute!.flops;
          expect(f(r2)).toBeGreaterThanOrEqual(f(r1));
        }
      }),
      { ...RUNS, numRuns: 60 },
    );
  });

  it('for the same problem, cost rises along the spectrum — except a classical model from scratch, and then the output says so', () => {
    // Default data sizes (no trainingTokens / trainingSamples), one GPU choice for all spots or the defaults.
    const sameProblem = fc.tuple(base, fc.record({ teamSize: fc.integer({ min: 1, max: 10 }), engineerWeeklyUsd: fc.double({ min: 500, max: 20000, noNaN: true }) }, { requiredKeys: [] })).map(([b, r]) => answersOf({ ...b, ...r }));
    fc.assert(
      fc.property(sameProblem, (a) => {
        const r = decide(a, rs);
        for (let i = 1; i < APPROACHES.length; i++) {
          const here = r.spectrum[i]!;
          const left = r.spectrum[i - 1]!;
          if (here.cost!.likely >= left.cost!.likely) continue;
          expect(here.approach).toBe('train-from-scratch');
          expect(here.compute!.gpu).toBe('cpu');
          expect(here.why).toContain('classical model trains on a CPU');
        }
      }),
      RUNS,
    );
  });
});

describe('sig3', () => {
  it('equals toPrecision(3) for any finite number', async () => {
    const { sig3 } = await import('../../src/core/estimate/range.js');
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: -1e18, max: 1e18, noNaN: true }), fc.double({ min: 1e-6, max: 10, noNaN: true }), fc.integer()), (n) => {
        expect(sig3(n)).toBe(n === 0 ? n : Number(n.toPrecision(3)));
      }),
      { numRuns: 20000 },
    );
  });
});

describe('the answer fields the estimates read', () => {
  it('are all declared in ESTIMATE_INPUTS (what-would-change reuses estimates for every other field)', async () => {
    const { ESTIMATE_INPUTS } = await import('../../src/core/estimate/inputs.js');
    const { estimateSpectrum } = await import('../../src/core/estimate/spectrum.js');
    const { familyFor } = await import('../../src/core/rules/classes.js');
    const { startingModels } = await import('../../src/core/decide/models.js');
    // Every field of the table may be given: a field the estimates start reading must be declared.
    const others = otherEnums;
    const read = new Set<string>();
    fc.assert(
      fc.property(base, refine, others, (b, r, o) => {
        const answers = answersOf({ ...b, ...r, ...o });
        const watched = new Proxy(answers, { get: (t, k, recv) => (typeof k === 'string' && read.add(k), Reflect.get(t, k, recv)) });
        // As the planner does: the starting models the spots are sized by are chosen from the answers too.
        const starts = startingModels(watched, rs);
        estimateSpectrum(watched, rs.catalog.estimates, familyFor(rs, answers), { startingModels: starts });
        for (const a of APPROACHES) estimateSpectrum(watched, rs.catalog.estimates, familyFor(rs, answers), { figuresOnly: true, spots: [a], startingModels: starts });
      }),
      RUNS,
    );
    expect([...read].filter((f) => !ESTIMATE_INPUTS.has(f as never))).toEqual([]);
    expect(read.size).toBeGreaterThan(5);
  });
});

describe('estimates that never read the timeline', () => {
  it('are the same for every timeline (a probe of the timeline reuses them)', async () => {
    const { estimateSpectrum } = await import('../../src/core/estimate/spectrum.js');
    const { familyFor } = await import('../../src/core/rules/classes.js');
    const { startingModels } = await import('../../src/core/decide/models.js');
    let unread = 0;
    let read = 0;
    fc.assert(
      fc.property(base, refine, fc.integer({ min: 1, max: 104 }), (b, r, weeks) => {
        const answers = answersOf({ ...b, ...r });
        const family = familyFor(rs, answers);
        const starts = startingModels(answers, rs);
        const est = estimateSpectrum(answers, rs.catalog.estimates, family, { startingModels: starts });
        const other = estimateSpectrum({ ...answers, timelineWeeks: weeks }, rs.catalog.estimates, family, { startingModels: starts });
        // Spot by spot: one whose GPUs the timeline did not move is the same under any timeline.
        for (const s of est.spots) if (!s.readsTimeline) expect(other.spots.find((o) => o.approach === s.approach)).toEqual(s);
        // With no spot's GPUs moved by it, the timeline changes nothing in the whole estimate.
        if (est.spots.some((s) => s.readsTimeline)) return void read++;
        unread++;
        expect(other.spots).toEqual(est.spots);
      }),
      { ...RUNS, numRuns: 300 },
    );
    // Both kinds occur, or the property says nothing.
    expect(unread).toBeGreaterThan(10);
    expect(read).toBeGreaterThan(0);
  });
});

describe('the compute one decision has priced', () => {
  it('is reused by a probe only when it prices the same run: a probe with the memo equals one without', async () => {
    const { estimateSpectrum } = await import('../../src/core/estimate/spectrum.js');
    const { familyFor } = await import('../../src/core/rules/classes.js');
    const { startingModels } = await import('../../src/core/decide/models.js');
    const enums = otherEnums;
    const anyOf = fc.tuple(base, refine, enums).map(([b, r, o]) => ({ ...b, ...r, ...o }) as Record<string, unknown>);
    let reused = 0;
    fc.assert(
      fc.property(anyOf, anyOf, fc.nat(), (rawA, rawB, pick) => {
        const answers = answersOf(rawA);
        // One answer changed, as a what-would-change probe changes it.
        const names = [...new Set([...Object.keys(rawA), ...Object.keys(rawB)])];
        const field = names[pick % names.length]!;
        const raw = { ...rawA };
        if (rawB[field] === undefined) delete raw[field];
        else raw[field] = rawB[field];
        const c = checkAnswers(raw);
        if (!c.ok) return;
        const variant = c.answers;
        const family = familyFor(rs, answers);
        const memo = new Map();
        estimateSpectrum(answers, rs.catalog.estimates, family, { figuresOnly: true, startingModels: startingModels(answers, rs), computeMemo: memo });
        const starts = startingModels(variant, rs);
        for (const a of APPROACHES) {
          const before = memo.size;
          const withMemo = estimateSpectrum(variant, rs.catalog.estimates, family, { probe: true, spots: [a], startingModels: starts, computeMemo: memo });
          if (memo.size === before) reused++;
          const without = estimateSpectrum(variant, rs.catalog.estimates, family, { probe: true, spots: [a], startingModels: starts });
          expect(withMemo.spots).toEqual(without.spots);
        }
      }),
      { ...RUNS, numRuns: 300 },
    );
    // The memo was used, or the property says nothing.
    expect(reused).toBeGreaterThan(100);
  });
});
