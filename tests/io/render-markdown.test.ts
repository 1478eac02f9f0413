// The decision record fills its cost and time columns from the estimates when a result has them.
import { describe, expect, it } from 'vitest';
import { checkAnswers } from '../../src/core/answers/check.js';
import { decide } from '../../src/core/decide/decide.js';
import { renderMarkdown } from '../../src/io/render-markdown.js';
import { markdownCell as escapeCell } from '../../src/core/text/escape.js';
import { builtInRuleSet } from '../helpers.js';

function result() {
  const check = checkAnswers({ task: 'text-classification', existingModel: 'close', domainShift: 'small', labeledExamples: 2500 });
  if (!check.ok) throw new Error('bad answers');
  return decide(check.answers, builtInRuleSet(), { given: check.given });
}

describe('renderMarkdown', () => {
  it('shows — where a spot has no estimate', () => {
    const r = result();
    r.spectrum = r.spectrum.map(({ cost: _c, time: _t, compute: _g, ...s }) => s);
    const spots = renderMarkdown(r).split('\n').filter((l) => /^\| [0-4] \| /.test(l));
    expect(spots).toHaveLength(5);
    for (const s of spots) expect(s).toMatch(/\| — \| — \|/);
  });

  it('shows likely (low–high) cost and time where the estimates exist, and budgets the recommended spot', () => {
    const r = result();
    r.spectrum = r.spectrum.map((s) => ({
      ...s,
      cost: { currency: 'USD', low: 1000 * (s.position + 1), likely: 2000 * (s.position + 1), high: 5000 * (s.position + 1), breakdown: { compute: 0, labeling: 0, engineering: 0 } },
      time: { unit: 'weeks', low: 1, likely: 2.5, high: 4 },
    }));
    const md = renderMarkdown(r);
    expect(md).toContain('| 6,000 (3,000–15,000) | 2.5 (1–4) |');
    expect(md).toContain('- Budget about 6,000 (3,000–15,000) USD and 2.5 (1–4) weeks.');
  });

  it('escapes table cells', () => {
    expect(escapeCell('a | b\nc \\ d')).toBe('a \\| b c \\\\ d');
  });
});
