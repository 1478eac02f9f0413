// The compiled predicates must agree with the traced walk over the condition tree (traceCondition,
// an independent recursive evaluation), for every built-in rule and any answers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAnswers } from '../../src/core/answers/check.js';
import { FIELDS } from '../../src/core/answers/fields.js';
import { evaluate, leavesOf, traceCondition } from '../../src/core/rules/conditions.js';
import { builtInRuleSet } from '../helpers.js';

const answer = fc.record(
  Object.fromEntries(
    FIELDS.filter((f) => f.section !== 'refine').map((f) => {
      const arb: fc.Arbitrary<unknown> = f.kind === 'enum'
        ? fc.constantFrom(...f.choices!.map((c) => c.value).filter((v) => v !== 'other'))
        : f.kind === 'boolean'
          ? fc.boolean()
          : fc.oneof(fc.constantFrom(1, 100, 999, 1000, 5000, 10000, 50000, 100000, 1e6), fc.integer({ min: 1, max: 2_000_000 }));
      return [f.name, f.required ? arb : fc.option(arb, { nil: undefined })];
    }),
  ),
  { requiredKeys: [] },
);

describe('evaluate', () => {
  it('gives the same answer with and without a trace, for every rule', () => {
    const rs = builtInRuleSet();
    fc.assert(
      fc.property(answer, (raw) => {
        const check = checkAnswers(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
        if (!check.ok) return;
        for (const approach of [undefined, 'fine-tune', 'train-from-scratch'] as const) {
          const facts = { ...check.answers, approach };
          for (const rule of rs.rules) expect(evaluate(rule.when, facts, rs.defines)).toBe(traceCondition(rule.when, facts, rs.defines, []));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('leavesOf without a list hands back the same frozen list each time', () => {
    const rs = builtInRuleSet();
    const rule = rs.rules.find((r) => leavesOf(r.when, rs.defines).length > 1)!;
    const a = leavesOf(rule.when, rs.defines);
    expect(leavesOf(rule.when, rs.defines)).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(leavesOf(rule.when, rs.defines, [])).toEqual(a);
  });
});
