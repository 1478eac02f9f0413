// Properties of the decision over the whole answer space, and table tests of its parts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkAnswers } from '../../src/core/answers/check.js';
import { APPROACHES, FIELDS } from '../../src/core/answers/fields.js';
import { decide } from '../../src/core/decide/decide.js';
import { choose } from '../../src/core/decide/choose.js';
import type { Answers } from '../../src/core/answers/fields.js';
import { builtInRuleSet } from '../helpers.js';
import { answersArb } from '../arbitraries.js';

export { answersArb };

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
  it('a losing spot names the change that would make it the recommendation, as what-would-change says it', () => {
    // Was "Would fit if labeledExamples < 1,000 — rule few-labels-near-domain", a rule's condition
    // that need not be enough on its own; now the probe that re-decides says it (issue 9).
    const r = decide(valid({ task: 'text-classification', existingModel: 'close', domainShift: 'small', labeledExamples: 2500 }).answers, rs);
    expect(r.spectrum[1]!.why).toBe('Would be the recommendation with fewer than 1,000 labelled examples.');
    expect(r.whatWouldChange).toContainEqual({ field: 'labeledExamples', value: 999, approach: 'feature-extraction', text: 'with fewer than 1,000 labelled examples this becomes feature-extraction' });
  });
  it('a losing spot whose rule needs one more thing says where that alone would lead', () => {
    const r = decide(valid({ task: 'text-classification', existingModel: 'close', domainShift: 'small', labeledExamples: 2500 }).answers, rs);
    expect(r.spectrum[3]!.why).toMatch(/^Rule nothing-close-start-from-base chooses it when existingModel is none \(you: close\)/);
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
  // The oracle is decide() itself on the changed answers: the rules, the limits and fitting the
  // budget and the timeline, as a user who made that change would see it.
  const decideWith = (answers: Answers, field: string, value: unknown) => decide({ ...answers, [field]: value } as Answers, rs).recommendation.approach;
  it('every change it reports is what the whole decision gives for that answer, and no enum change is missed', () => {
    fc.assert(
      fc.property(answersArb, (raw) => {
        const { answers } = valid(raw);
        const r = decide(answers, rs);
        const current = r.recommendation.approach;
        for (const c of r.whatWouldChange) expect(decideWith(answers, c.field, c.value)).toBe(c.approach);
        if (r.whatWouldChange.length >= 8) return;
        for (const field of ['existingModel', 'offTheShelfResult', 'domainShift', 'mlExpertise', 'privacy', 'accuracyTarget']) {
          for (const c of FIELDS.find((f) => f.name === field)!.choices!) {
            if (c.value === (answers as unknown as Record<string, unknown>)[field] || c.value === 'unknown' || c.value === 'not-evaluated') continue;
            const alt = decideWith(answers, field, c.value);
            if (alt !== current) expect(r.whatWouldChange.some((x) => x.field === field && x.approach === alt)).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  }, 120_000);
  it('a spot that one change would make the recommendation quotes an entry of what-would-change, and it is true', () => {
    let quoted = 0;
    fc.assert(
      fc.property(answersArb, (raw) => {
        const { answers } = valid(raw);
        const r = decide(answers, rs);
        for (const s of r.spectrum) {
          const m = /^Would be the recommendation (with .*?)\.(?: |$)/.exec(s.why);
          if (!m) continue;
          quoted++;
          const entry = r.whatWouldChange.find((c) => c.text === `${m[1]} this becomes ${s.approach}`);
          if (r.whatWouldChange.length < 8) expect(entry, s.why).toBeDefined();
          if (entry) expect(decideWith(answers, entry.field, entry.value)).toBe(s.approach);
        }
      }),
      { numRuns: 300 },
    );
    expect(quoted).toBeGreaterThan(0);
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

describe('one definition of a classical problem', () => {
  const rs = builtInRuleSet();
  it('a forecast over a graph is not classical anywhere: rules, verdict, methods and estimates agree', () => {
    // Before, the family map called it classical (the task's family) while the rules' define did not.
    const r = decide(valid({ task: 'time-series-forecasting', modality: 'graph', existingModel: 'none' }).answers, rs);
    expect(r.framework[1]!.verdict).not.toMatch(/classical/);
    expect(r.spectrum[4]!.method).not.toMatch(/classical/);
    expect(r.spectrum[4]!.compute?.gpu).not.toBe('cpu');
  });
  it('the same task on time-series data is classical everywhere', () => {
    const r = decide(valid({ task: 'time-series-forecasting', existingModel: 'none', labeledExamples: 5000 }).answers, rs);
    expect(r.framework[1]!.verdict).toMatch(/classical/);
    expect(r.spectrum[4]!.method).toMatch(/classical/);
    expect(r.spectrum[4]!.compute?.gpu).toBe('cpu');
  });
  it('the question plan, the family and the rules read the one define', async () => {
    const { classicalTestFor, familyFor, isClassicalProblem } = await import('../../src/core/rules/classes.js');
    const plan = classicalTestFor(rs);
    fc.assert(
      fc.property(answersArb, (raw) => {
        const { answers } = valid(raw);
        const classical = isClassicalProblem(rs, answers);
        expect(familyFor(rs, answers) === 'classical').toBe(classical);
        expect(plan({ task: answers.task, ...(raw.modality ? { modality: answers.modality } : {}) })).toBe(classical);
      }),
      { numRuns: 300 },
    );
  });
});
