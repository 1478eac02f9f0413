// compare: several results side by side, shared by `ml-advisor compare` and the library.
import { describe, expect, it } from 'vitest';
import { checkAnswers } from '../../src/core/answers/check.js';
import { decide } from '../../src/core/decide/decide.js';
import { compare } from '../../src/core/pipeline/compare.js';
import { builtInRuleSet } from '../helpers.js';

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
