// The lint analysis on small rule sets, and the encoding of "the spot the rules choose" as a
// condition, checked against the real `choose` on many answer sets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAnswers } from '../../src/core/answers/check.js';
import { choose } from '../../src/core/decide/choose.js';
import { APPROACHES, FIELD_BY_NAME } from '../../src/core/answers/fields.js';
import { decisionConditions, lintRuleSet } from '../../src/core/rules/lint.js';
import { evaluate } from '../../src/core/rules/conditions.js';
import { buildRuleSet } from '../../src/core/rules/layering.js';
import type { RuleSet } from '../../src/core/rules/rule-set.js';
import { builtInRuleSet } from '../helpers.js';

function ruleSet(rules: unknown[], extra: Record<string, unknown> = {}): RuleSet {
  const { ruleSet: rs, issues } = buildRuleSet([{ origin: 'test.yaml', data: { version: 1, rules, default: { approach: 'fine-tune', because: 'default' }, ...extra } }]);
  if (!rs) throw new Error(JSON.stringify(issues));
  return rs;
}
const decideRule = (id: string, priority: number, when: unknown, approach = 'fine-tune') => ({ id, kind: 'decide', priority, when, then: { approach }, because: id });
const codes = (rs: RuleSet) => lintRuleSet(rs).map((f) => `${f.severity} ${f.code} ${f.rule ?? ''}`.trim());

describe('lintRuleSet', () => {
  it('finds nothing on the built-in set: no errors, no warnings, and no answer falls through to the default', () => {
    const f = lintRuleSet(builtInRuleSet());
    // some-expertise-no-scratch binds: unique-and-resourced trains from scratch with some expertise
    // too, and the limit then moves it to heavy-fine-tune. Every region that used to reach the
    // default is decided by a rule on purpose (issue 12), each with a case in rules/tests.
    expect(f.map((x) => `${x.severity} ${x.code} ${x.rule ?? ''}`)).toEqual([]);
  });

  it('a limit that moves some answer is not reported; one that never can is', () => {
    const rs = ruleSet([
      decideRule('heavy', 50, [{ field: 'labeledExamples', gte: 10000 }], 'heavy-fine-tune'),
      { id: 'binds', kind: 'limit', when: [{ field: 'mlExpertise', is: 'none' }], then: { atMost: 'fine-tune' }, because: 'b' },
      { id: 'idle', kind: 'limit', when: [{ field: 'labeledExamples', lt: 100 }], then: { atMost: 'fine-tune' }, because: 'b' },
    ]);
    expect(codes(rs)).toContain('warning limit-never-binds idle');
    expect(codes(rs)).not.toContain('warning limit-never-binds binds');
  });

  it('finds a contradiction, also through a named condition and numeric ranges', () => {
    const rs = ruleSet(
      [
        decideRule('enum-clash', 10, [{ field: 'existingModel', is: 'exact' }, { ref: 'nothing' }]),
        decideRule('range-clash', 20, [{ field: 'labeledExamples', gte: 1000 }, { field: 'labeledExamples', lt: 500 }]),
        decideRule('fine', 30, [{ field: 'labeledExamples', gte: 1000 }, { field: 'labeledExamples', lt: 5000 }]),
      ],
      { define: { nothing: [{ field: 'existingModel', is: 'none' }] } },
    );
    expect(codes(rs)).toEqual(expect.arrayContaining(['error contradiction enum-clash', 'error contradiction range-clash']));
    expect(codes(rs)).not.toContain('error contradiction fine');
  });

  it('finds a rule shadowed by one stronger rule, and by several together', () => {
    const rs = ruleSet([
      decideRule('broad', 50, [{ field: 'labeledExamples', gte: 100 }]),
      decideRule('narrow', 40, [{ field: 'labeledExamples', gte: 1000 }], 'heavy-fine-tune'),
      decideRule('exact', 60, [{ field: 'existingModel', in: ['exact', 'close'] }, { field: 'task', is: 'translation' }]),
      decideRule('other', 60, [{ field: 'existingModel', in: ['none', 'unknown'] }, { field: 'task', is: 'translation' }]),
      decideRule('covered-by-two', 10, [{ field: 'task', is: 'translation' }], 'use-as-is'),
      decideRule('not-covered', 45, [{ field: 'labeledExamples', lt: 100 }, { field: 'existingModel', is: 'none' }], 'use-as-is'),
    ]);
    const f = lintRuleSet(rs);
    expect(f.find((x) => x.rule === 'narrow')?.message).toContain('"broad" (priority 50) holds whenever it does');
    expect(f.find((x) => x.rule === 'covered-by-two')?.message).toMatch(/whenever it holds, one of .*"exact" \(60\), "other" \(60\).* holds too/);
    expect(f.some((x) => x.rule === 'not-covered' && x.code === 'shadowed')).toBe(false);
    expect(f.some((x) => x.rule === 'broad' && x.code === 'shadowed')).toBe(false);
    // the two rules at 60 never hold together: a note, not a warning
    expect(f.find((x) => x.rule === 'other' && x.code === 'equal-priority')?.severity).toBe('info');
  });

  it('handles fractional thresholds on whole-number fields', () => {
    const rs = ruleSet([decideRule('a', 50, [{ field: 'labeledExamples', gt: 2.5 }, { field: 'labeledExamples', lt: 3.5 }]), decideRule('b', 40, [{ field: 'labeledExamples', gte: 3 }, { field: 'labeledExamples', lte: 3 }], 'use-as-is')]);
    // a holds only at 3, and so does b: b is shadowed, and neither contradicts itself
    expect(codes(rs)).toContain('error shadowed b');
    expect(codes(rs).filter((c) => c.includes('contradiction'))).toEqual([]);
    // alone, a's only value (3) lies between two fractional thresholds
    const alone = ruleSet([decideRule('a', 50, [{ field: 'labeledExamples', gt: 2.5 }, { field: 'labeledExamples', lt: 3.5 }])]);
    expect(codes(alone).filter((c) => c.includes('contradiction'))).toEqual([]);
    const empty = ruleSet([decideRule('a', 50, [{ field: 'labeledExamples', gt: 2.5 }, { field: 'labeledExamples', lt: 2.9 }])]);
    expect(codes(empty)).toContain('error contradiction a');
  });

  it('on a tie of priorities the rule declared first wins, so the second can be shadowed', () => {
    const rs = ruleSet([decideRule('first', 50, [{ field: 'labeledExamples', gte: 100 }], 'use-as-is'), decideRule('second', 50, [{ field: 'labeledExamples', gte: 200 }])]);
    expect(codes(rs)).toContain('error shadowed second');
  });

  it('tells a harmless tie from one that matters', () => {
    const harmless = ruleSet([decideRule('a', 50, [{ field: 'labeledExamples', gte: 100 }]), decideRule('b', 50, [{ field: 'labeledExamples', lt: 100 }], 'use-as-is')]);
    expect(codes(harmless)).toContain('info equal-priority b');
    const matters = ruleSet([decideRule('a', 50, [{ field: 'labeledExamples', gte: 100 }]), decideRule('b', 50, [{ field: 'existingModel', is: 'exact' }], 'use-as-is')]);
    expect(codes(matters)).toContain('warning equal-priority b');
  });

  it('finds duplicates even when written differently (order, refs)', () => {
    const rs = ruleSet(
      [
        { id: 'w1', kind: 'warn', when: [{ field: 'dataQuality', is: 'noisy' }, { field: 'labeledExamples', lt: 10 }], then: { warning: 'x', message: 'm' }, because: 'b' },
        { id: 'w2', kind: 'warn', when: [{ field: 'labeledExamples', lt: 10 }, { ref: 'noisy' }], then: { warning: 'x', message: 'm' }, because: 'b' },
      ],
      { define: { noisy: [{ field: 'dataQuality', is: 'noisy' }] } },
    );
    expect(codes(rs)).toContain('error duplicate w2');
  });

  it('lists the answers that fall through to the default, in words', () => {
    const rs = ruleSet([decideRule('labels', 50, [{ field: 'labeledExamples', gte: 100 }]), decideRule('exact', 60, [{ field: 'existingModel', is: 'exact' }], 'use-as-is')]);
    const note = lintRuleSet(rs).find((f) => f.code === 'falls-to-default')!;
    expect(note.severity).toBe('info');
    expect(note.message).toContain('1 region of the answers fall through to the default (fine-tune)');
    expect(note.message).toMatch(/existingModel in \[close, none, unknown\]|existingModel ≠ exact/);
    expect(note.message).toContain('labeledExamples < 100');
  });

  it('a complete rule set has nothing falling through', () => {
    const rs = ruleSet([decideRule('many', 50, [{ field: 'labeledExamples', gte: 100 }]), decideRule('few', 40, [{ field: 'labeledExamples', lt: 100 }], 'use-as-is')]);
    expect(codes(rs).filter((c) => c.includes('falls-to-default'))).toEqual([]);
  });
});

describe('decisionConditions', () => {
  const rs = builtInRuleSet();
  const conds = decisionConditions(rs);
  const enumArb = (name: string) => fc.constantFrom(...FIELD_BY_NAME.get(name)!.choices!.map((c) => c.value));
  const count = fc.constantFrom(0, 10, 49, 50, 99, 100, 299, 300, 499, 500, 999, 1000, 9999, 10000, 99999, 100000, 999999, 1000000, 20000000);
  const answers = fc.record({
    task: enumArb('task').filter((t) => t !== 'other'),
    existingModel: enumArb('existingModel'),
    offTheShelfResult: enumArb('offTheShelfResult'),
    domainShift: enumArb('domainShift'),
    mlExpertise: enumArb('mlExpertise'),
    privacy: enumArb('privacy'),
    accuracyTarget: enumArb('accuracyTarget'),
    labeledExamples: count,
    unlabeledExamples: count,
    proprietaryData: fc.boolean(),
    budgetUsd: fc.constantFrom(1000, 499999, 500000, 2000000),
  });

  it('exactly one spot condition holds, and it is the spot choose() picks', () => {
    fc.assert(
      fc.property(answers, (raw) => {
        const check = checkAnswers(raw);
        if (!check.ok) throw new Error(JSON.stringify(check.issues));
        const holding = APPROACHES.filter((_, k) => evaluate(conds[k]!, check.answers, rs.defines));
        expect(holding).toEqual([choose(check.answers, rs).approach]);
      }),
      { numRuns: 400, seed: 6 },
    );
  });
});
