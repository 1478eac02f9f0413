// The caches keyed by a few answers (catalog/values-cache.ts) are right only if what they cache
// reads no other answer. Each property: two answer sets that agree on a cache's key give the same
// result when both are made fresh (a copy of the catalog has an empty cache), whatever the other
// answers are.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAnswers } from '../../src/core/answers/check.js';
import { APPROACHES, type Answers } from '../../src/core/answers/fields.js';
import { rankModels, startingModels } from '../../src/core/decide/models.js';
import { defaultExpertLabel, labelPlan } from '../../src/core/estimate/labels.js';
import type { Context } from '../../src/core/estimate/context.js';
import type { LabelKind } from '../../src/core/catalog/catalog.js';
import type { RuleSet } from '../../src/core/rules/rule-set.js';
import { holdsDefine } from '../../src/core/rules/classes.js';
import { answersArb, enumOf } from './arbitraries.js';
import { builtInRuleSet } from '../helpers.js';

const rs = builtInRuleSet();
const RUNS = { numRuns: 200, seed: 20261201 };
const KINDS: LabelKind[] = ['classification', 'box', 'segmentation', 'transcript', 'demonstration', 'caption', 'recording', 'preference'];

/** Any valid answers, with the label answers the shared arbitrary leaves out given or not. */
const anyAnswers = fc
  .tuple(
    answersArb,
    fc.record(
      {
        labelers: fc.integer({ min: 1, max: 50 }),
        labelCostUsd: fc.double({ min: 0.01, max: 200, noNaN: true }),
        expertLabel: enumOf('expertLabel'),
      },
      { requiredKeys: [] },
    ),
  )
  .map(([a, b]) => {
    const c = checkAnswers({ ...a, ...b });
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    return c.answers;
  });

/** `other` with `from`'s values for `keys`. */
const agreeingOn = (from: Answers, other: Answers, keys: readonly (keyof Answers)[]): Answers => {
  const out = { ...other } as Record<string, unknown>;
  for (const k of keys) {
    if (from[k] === undefined) delete out[k];
    else out[k] = from[k];
  }
  return out as unknown as Answers;
};

/** A rule set whose catalogs are copies: the caches keyed by them start empty. */
const freshRuleSet = (): RuleSet => ({ ...rs, catalog: { ...rs.catalog, models: rs.catalog.models.map((m) => ({ ...m })), estimates: structuredClone(rs.catalog.estimates) } });
const freshPlan = (answers: Answers, kind: LabelKind) => labelPlan({ answers, est: freshRuleSet().catalog.estimates } as Context, kind);

describe('caches keyed by answers read nothing but their keys', () => {
  it('a label plan depends only on the kind, the label source, the expert, the modality, the labellers and a given price', () => {
    fc.assert(
      fc.property(anyAnswers, anyAnswers, fc.constantFrom(...KINDS), (a, other, kind) => {
        // The expert the plan prices is named (the default for the problem is another answer's consequence).
        const named = a.labelSource === 'expert' ? { ...a, expertLabel: a.expertLabel ?? defaultExpertLabel(a) } : a;
        const b = agreeingOn(named, other, ['labelSource', 'expertLabel', 'modality', 'labelers', 'labelCostUsd']);
        const want = freshPlan(named, kind);
        expect(freshPlan(a, kind)).toEqual(want);
        expect(freshPlan(b, kind)).toEqual(want);
      }),
      RUNS,
    );
  });

  it('a ranking of the models depends only on the task, modality, privacy, deployment, domain, device and spot', () => {
    fc.assert(
      fc.property(anyAnswers, anyAnswers, fc.constantFrom(...APPROACHES), fc.boolean(), (a, other, approach, onDevice) => {
        const b = agreeingOn(a, other, ['task', 'modality', 'privacy', 'deployment', 'sensitiveDomain']);
        const names = (x: Answers) => rankModels(freshRuleSet().catalog.models, x, approach, onDevice).map((m) => m.name);
        expect(names(b)).toEqual(names(a));
      }),
      RUNS,
    );
  });

  it('the starting models depend only on the answers their ranking reads', () => {
    fc.assert(
      fc.property(anyAnswers, anyAnswers, (a, other) => {
        const b = agreeingOn(a, other, ['task', 'modality', 'privacy', 'deployment', 'sensitiveDomain']);
        // On-device is a define of the rules: it holds for both or the key differs anyway.
        fc.pre(holdsDefine(rs, 'on-device', a) === holdsDefine(rs, 'on-device', b));
        expect(startingModels(b, freshRuleSet())).toEqual(startingModels(a, freshRuleSet()));
      }),
      RUNS,
    );
  });

  it('draws every label kind the catalog prices', () => {
    const kinds = new Set(Object.values(rs.catalog.estimates.labeling).map((p) => p.kind));
    kinds.delete('any');
    expect([...kinds].filter((k) => !KINDS.includes(k as LabelKind))).toEqual([]);
  });
});
