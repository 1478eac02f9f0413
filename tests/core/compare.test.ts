// Decisions side by side: the library's compare, and the command's scenarios (the answers that
// differ, and the gates judged per column).
import { describe, expect, it } from 'vitest';
import { checkAnswers } from '../../src/core/answers/check.js';
import { decide } from '../../src/core/decide/decide.js';
import { compare, compareScenarios, parseVary, varyAnswers, VaryError } from '../../src/core/pipeline/compare.js';
import { builtInRuleSet } from '../helpers.js';

const BASE = { task: 'text-classification', existingModel: 'close', domainShift: 'small', labeledExamples: 500 };

function decided(raw: Record<string, unknown>) {
  const c = checkAnswers(raw);
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return decide(c.answers, builtInRuleSet(), { given: c.given });
}

const base = { task: 'text-classification', existingModel: 'close', domainShift: 'small', labeledExamples: 2500 };

describe('compare', () => {
  it('lines the decisions up with their spot, cost, time and warnings, and lists the answers that differ', () => {
    const a = decided(base);
    const b = decided({ ...base, labeledExamples: 200, dataQuality: 'noisy' });
    const c = compare([a, b], ['2,500 labels', '200 labels']);
    expect(c.decisions.map((d) => [d.label, d.approach])).toEqual([['2,500 labels', a.recommendation.approach], ['200 labels', b.recommendation.approach]]);
    expect(c.decisions[0]!.cost).toEqual({ low: a.spectrum[a.recommendation.position]!.cost!.low, likely: a.spectrum[a.recommendation.position]!.cost!.likely, high: a.spectrum[a.recommendation.position]!.cost!.high });
    expect(c.differences).toEqual([{ field: 'labeledExamples', values: [2500, 200] }, { field: 'dataQuality', values: ['unknown', 'noisy'] }]);
    expect(c.warnings.find((w) => w.id === 'data-quality')?.raisedBy).toEqual([a.warnings.some((w) => w.id === 'data-quality'), true]);
    expect(c.sameApproach).toBe(a.recommendation.approach === b.recommendation.approach);
  });

  it('numbers the decisions when no labels are given, and refuses labels that do not line up', () => {
    const a = decided(base);
    expect(compare([a, a]).decisions.map((d) => d.label)).toEqual(['1', '2']);
    expect(compare([a, a]).differences).toEqual([]);
    expect(() => compare([a, a], ['one'])).toThrow(RangeError);
  });
});

describe('parseVary', () => {
  it('reads FIELD=V1,V2 as the field reads values', () => {
    const v = parseVary('labeledExamples=500,5k');
    expect(v.field.name).toBe('labeledExamples');
    expect(v.texts).toEqual(['500', '5k']);
    expect(v.values).toEqual([500, 5000]);
  });

  it('splits at semicolons when there is one, so thousands separators survive', () => {
    expect(parseVary('budgetUsd=10,000;50,000').values).toEqual([10000, 50000]);
  });

  it.each([
    ['labeledExamples', /expects FIELD=V1,V2/],
    ['labeledExample=1,2', /unknown field "labeledExample"/],
    ['labeledExamples=500', /at least two values/],
    ['labeledExamples=500,,5000', /an empty value/],
  ])('%j is refused with a hint', (spec, pattern) => {
    expect(() => parseVary(spec)).toThrow(VaryError);
    expect(() => parseVary(spec)).toThrow(pattern);
  });

  it('suggests the closest field', () => {
    try {
      parseVary('labeledExample=1,2');
    } catch (e) {
      expect((e as VaryError).hint).toBe('did you mean `labeledExamples`?');
    }
  });
});

describe('varyAnswers', () => {
  it('makes one answer set per value, labelled FIELD=VALUE, and every combination of several', () => {
    const sets = varyAnswers(BASE, [parseVary('labeledExamples=500,5000'), parseVary('mlExpertise=some,strong')]);
    expect(sets.map((s) => s.label)).toEqual([
      'labeledExamples=500, mlExpertise=some', 'labeledExamples=500, mlExpertise=strong',
      'labeledExamples=5000, mlExpertise=some', 'labeledExamples=5000, mlExpertise=strong',
    ]);
    expect(sets[3]!.answers).toMatchObject({ ...BASE, labeledExamples: 5000, mlExpertise: 'strong' });
  });
});

describe('compareScenarios', () => {
  it('lists the answers that differ, in field order, and nothing else', () => {
    const cmp = compareScenarios([
      { label: 'few', result: decided(BASE) },
      { label: 'many', result: decided({ ...BASE, labeledExamples: 5000, budgetUsd: 40000 }) },
    ]);
    expect(cmp.differences).toEqual([
      { field: 'labeledExamples', values: [500, 5000] },
      { field: 'budgetUsd', values: [undefined, 40000] },
    ]);
    expect(cmp.columns.map((c) => c.label)).toEqual(['few', 'many']);
  });

  it('judges the gates for each column as decide does', () => {
    const a = decided(BASE);
    const b = decided({ ...BASE, existingModel: 'none', proprietaryData: true, mlExpertise: 'strong', labeledExamples: 2_000_000, unlabeledExamples: 50_000_000 });
    const cost = a.spectrum[a.recommendation.position]!.cost!.likely;
    const cmp = compareScenarios([{ label: 'a', result: a }, { label: 'b', result: b }], { maxCost: cost, failOn: 'heavy-fine-tune' });
    expect(cmp.columns[0]!.failedGates).toEqual([]);
    expect(cmp.columns[1]!.failedGates.map((g) => g.gate)).toContain('fail-on');
    expect(cmp.gateFailed).toBe(true);
  });
});
