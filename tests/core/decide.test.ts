// Properties of the decision over the whole answer space, and table tests of its parts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkAnswers } from '../../src/core/answers/check.js';
import { APPROACHES, FIELDS, TASKS } from '../../src/core/answers/fields.js';
import { decide, choose, whatWouldChange } from '../../src/core/decide/decide.js';
import { builtInRuleSet } from '../helpers.js';

const enumOf = (name: string) => fc.constantFrom(...FIELDS.find((f) => f.name === name)!.choices!.map((c) => c.value));

/** Any valid answer set: every enum value, counts across the thresholds, optional fields on or off. */
export const answersArb = fc
  .record(
    {
      task: fc.constantFrom(...TASKS),
      modality: enumOf('modality'),
      existingModel: enumOf('existingModel'),
      offTheShelfResult: enumOf('offTheShelfResult'),
      domainShift: enumOf('domainShift'),
      labeledExamples: fc.oneof(fc.nat({ max: 2000 }), fc.nat({ max: 20_000_000 })),
      unlabeledExamples: fc.oneof(fc.constant(0), fc.nat({ max: 100_000_000 })),
      labelSource: enumOf('labelSource'),
      proprietaryData: fc.boolean(),
      budgetUsd: fc.double({ min: 0, max: 5e6, noNaN: true }),
      timelineWeeks: fc.double({ min: 0.5, max: 200, noNaN: true }),
      mlExpertise: enumOf('mlExpertise'),
      sensitiveDomain: enumOf('sensitiveDomain'),
      privacy: enumOf('privacy'),
      deployment: enumOf('deployment'),
      latencyMs: fc.double({ min: 1, max: 10000, noNaN: true }),
      accuracyTarget: enumOf('accuracyTarget'),
      baselineTried: fc.boolean(),
      dataQuality: enumOf('dataQuality'),
    },
    { requiredKeys: ['task', 'existingModel', 'modality'] },
  );

function valid(raw: Record<string, unknown>) {
  const r = checkAnswers(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
}

describe('decide over the whole answer space', () => {
  const rs = builtInRuleSet();
  it('every valid answer set gets exactly one recommendation, explained', () => {
    fc.assert(
      fc.property(answersArb, (raw) => {
        const { answers, given } = valid(raw);
        const r = decide(answers, rs, { given });
        expect(APPROACHES).toContain(r.recommendation.approach);
        expect(r.recommendation.position).toBe(APPROACHES.indexOf(r.recommendation.approach));
        expect(r.spectrum.map((s) => s.approach)).toEqual([...APPROACHES]);
        expect(r.spectrum.filter((s) => s.why.startsWith('Recommended')).map((s) => s.approach)).toEqual([r.recommendation.approach]);
        // The recommended spot is feasible, unless nothing the rules allow fits the budget or the
        // timeline: then the rules' choice stands, with the warning that says so.
        if (!r.spectrum.find((s) => s.approach === r.recommendation.approach)!.feasible) {
          expect(r.warnings.map((w) => w.id)).toEqual(expect.arrayContaining([expect.stringMatching(/^over-(budget|timeline)$/)]));
        }
        expect(['high', 'medium', 'low']).toContain(r.recommendation.confidence);
        expect(r.rationale.length).toBeGreaterThan(0);
        expect(r.framework.map((f) => f.verdict.length > 10)).toEqual([true, true, true]);
        expect(new Set(r.warnings.map((w) => w.id)).size).toBe(r.warnings.length);
        for (const w of r.whatWouldChange) expect(w.approach).not.toBe(r.recommendation.approach);
      }),
      { numRuns: 400 },
    );
  });
  it('the same input gives the same output', () => {
    fc.assert(
      fc.property(answersArb, (raw) => {
        const a = valid(raw);
        const b = valid(structuredClone(raw));
        expect(JSON.stringify(decide(a.answers, rs, { given: a.given }))).toBe(JSON.stringify(decide(b.answers, rs, { given: b.given })));
      }),
      { numRuns: 150 },
    );
  });
  it('self-hosted-only never suggests a model that cannot be self-hosted', () => {
    fc.assert(
      fc.property(answersArb, (raw) => {
        const { answers } = valid({ ...raw, privacy: 'self-hosted-only' });
        for (const m of decide(answers, rs).suggestedModels) expect(m.selfHostable).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
  it('no ML expertise never lands right of fine-tune outside classical problems', () => {
    fc.assert(
      fc.property(answersArb, (raw) => {
        const { answers } = valid({ ...raw, mlExpertise: 'none', task: 'image-classification', modality: 'image' });
        expect(APPROACHES.indexOf(choose(answers, rs).approach)).toBeLessThanOrEqual(2);
      }),
      { numRuns: 200 },
    );
  });
});

describe('explanations', () => {
  const rs = builtInRuleSet();
  it('says what would change the recommendation, with the threshold', () => {
    const { answers, given } = valid({ task: 'text-classification', existingModel: 'close', domainShift: 'small', labeledExamples: 400 });
    const r = decide(answers, rs, { given });
    expect(r.recommendation.approach).toBe('feature-extraction');
    expect(r.whatWouldChange).toContainEqual(expect.objectContaining({ field: 'labeledExamples', value: 1000, approach: 'fine-tune', text: 'with 1,000 labelled examples or more this becomes fine-tune' }));
  });
  it('a near tie lowers confidence', () => {
    const far = decide(valid({ task: 'text-classification', existingModel: 'close', domainShift: 'small', labeledExamples: 5000, dataQuality: 'clean' }).answers, rs);
    const near = decide(valid({ task: 'text-classification', existingModel: 'close', domainShift: 'small', labeledExamples: 1100, dataQuality: 'clean' }).answers, rs);
    expect(far.recommendation.confidence).toBe('high');
    expect(near.recommendation.confidence).toBe('medium');
  });
  it('defaults the decision leaned on lower confidence', () => {
    const given = valid({ task: 'image-classification', existingModel: 'close', labeledExamples: 5000, domainShift: 'moderate' });
    const defaulted = valid({ task: 'image-classification', existingModel: 'close', labeledExamples: 5000 });
    expect(decide(given.answers, rs, { given: given.given }).recommendation.confidence).toBe('high');
    expect(decide(defaulted.answers, rs, { given: defaulted.given }).recommendation.confidence).toBe('high'); // domainShift not used by the deciding rule
    const fe = valid({ task: 'image-classification', existingModel: 'close', labeledExamples: 100 });
    expect(decide(fe.answers, rs, { given: fe.given }).rationale[0]!.rule).toBe('very-few-labels-moderate-shift');
    expect(decide(fe.answers, rs, { given: fe.given }).recommendation.confidence).toBe('low'); // rule says medium, and leaned on the default domainShift
  });
  it('a spot ruled out by a limit is infeasible and says which rule', () => {
    const r = decide(valid({ task: 'image-classification', existingModel: 'close', domainShift: 'large', labeledExamples: 50000, mlExpertise: 'none' }).answers, rs);
    expect(r.recommendation.approach).toBe('fine-tune');
    const heavy = r.spectrum[3]!;
    expect(heavy.feasible).toBe(false);
    expect(heavy.why).toMatch(/^Ruled out by no-expertise-stay-left/);
    expect(r.rationale.find((x) => x.rule === 'no-expertise-stay-left')!.because).toMatch(/moved the answer from heavy-fine-tune to fine-tune/);
  });
  it('a losing spot names the rule that would choose it and the failed condition', () => {
    const r = decide(valid({ task: 'text-classification', existingModel: 'close', domainShift: 'small', labeledExamples: 2500 }).answers, rs);
    expect(r.spectrum[1]!.why).toBe('Would fit if labeledExamples < 1,000 (you: 2,500) — rule few-labels-near-domain.');
  });
  it('use-as-is is infeasible when nothing exists', () => {
    const r = decide(valid({ task: 'other', modality: 'graph', existingModel: 'none' }).answers, rs);
    expect(r.spectrum[0]!.feasible).toBe(false);
  });
  it('models for devices are small ones', () => {
    const r = decide(valid({ task: 'speech-recognition', existingModel: 'exact', deployment: 'mobile' }).answers, rs);
    expect(r.suggestedModels.map((m) => m.name)).toEqual(['Whisper tiny']);
  });
  it('the trace lists every rule with its conditions', () => {
    const { answers } = valid({ task: 'text-classification', existingModel: 'close', labeledExamples: 2500 });
    const r = decide(answers, rs, { explain: true });
    expect(r.trace!.length).toBe(rs.rules.length);
    const hit = r.trace!.find((t) => t.rule === 'fine-tune-with-labels')!;
    expect(hit.matched).toBe(true);
    expect(hit.conditions).toContainEqual({ field: 'labeledExamples', op: 'gte', expected: 100, actual: 2500, holds: true });
  });
});

describe('what would change, checked against a full re-decision', () => {
  const rs = builtInRuleSet();
  it('every change it reports is what choose() gives for that answer, and no enum change is missed', () => {
    fc.assert(
      fc.property(answersArb, (raw) => {
        const { answers } = valid(raw);
        const current = choose(answers, rs).approach;
        const { changes } = whatWouldChange(answers, rs, current);
        for (const c of changes) expect(choose({ ...answers, [c.field]: c.value } as typeof answers, rs).approach).toBe(c.approach);
        if (changes.length >= 8) return;
        for (const field of ['existingModel', 'offTheShelfResult', 'domainShift', 'mlExpertise', 'privacy', 'accuracyTarget']) {
          for (const c of FIELDS.find((f) => f.name === field)!.choices!) {
            if (c.value === (answers as unknown as Record<string, unknown>)[field] || c.value === 'unknown' || c.value === 'not-evaluated') continue;
            const alt = choose({ ...answers, [field]: c.value } as typeof answers, rs).approach;
            if (alt !== current) expect(changes.some((x) => x.field === field && x.approach === alt)).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('failed conditions', () => {
  it('the fast list of a rule\'s failed conditions equals the traced one, for every rule', async () => {
    // The oracle is the --explain walk (traceCondition), without the tests it marks as under `not`.
    const { traceCondition, plainLeaves } = await import('../../src/core/rules/conditions.js');
    const rs = builtInRuleSet();
    fc.assert(
      fc.property(answersArb, (raw) => {
        const { answers } = valid(raw);
        for (const rule of rs.rules) {
          const all: { field: string; holds: boolean; negated?: boolean }[] = [];
          traceCondition(rule.when, answers, rs.defines, all as never);
          const traced = all.filter((l) => !l.negated);
          const fast = plainLeaves(rule.when, rs.defines).map(({ leaf, holds }) => ({ field: leaf.field, holds: holds(answers) }));
          expect(fast).toEqual(traced.map((l) => ({ field: l.field, holds: l.holds })));
        }
      }),
      { numRuns: 200 },
    );
  });
});
