import { describe, expect, it } from 'vitest';
import { bar, compact, drawEstimates } from '../../src/io/render-text.js';
import { makeChalk } from '../../src/io/color.js';
import { decide } from '../../src/core/decide/decide.js';
import { checkAnswers } from '../../src/core/answers/check.js';
import { builtInRuleSet } from '../helpers.js';

describe('cost table', () => {
  it('compacts money for a column', () => {
    expect(compact(0)).toBe('0');
    expect(compact(1.82)).toBe('1.82');
    expect(compact(37117)).toBe('37k');
    expect(compact(4330)).toBe('4.3k');
    expect(compact(2_500_000)).toBe('2.5M');
  });

  it('draws bars in eighths of a cell, shaded on to the high figure', () => {
    expect(bar(50, 50, 100, 4)).toBe('██');
    expect(bar(50, 100, 100, 4)).toBe('██░░');
    expect(bar(10, 10, 100, 4)).toBe('▍'); // 10% of 32 eighths = 3.2 → 3 eighths
    expect(bar(0.001, 0.001, 100, 4)).toBe('▏'); // never invisible when above zero
    expect(bar(0, 0, 100, 4)).toBe('');
  });

  it('marks the recommended row, and colours only through the Chalk it is given', () => {
    const c = checkAnswers({ task: 'text-classification', existingModel: 'close', domainShift: 'small', labeledExamples: 2500 });
    if (!c.ok) throw new Error('answers');
    const r = decide(c.answers, builtInRuleSet());
    const plain = drawEstimates(r, makeChalk(false));
    expect(plain).toHaveLength(7);
    expect(plain.filter((l) => l.includes('▶ fine-tune'))).toHaveLength(1);
    expect(plain.join('\n')).not.toContain('\u001b[');
    expect(drawEstimates(r, makeChalk(true)).join('\n')).toContain('\u001b[');
  });
});

describe('wrap', () => {
  it('does not count colour escapes as width', async () => {
    const { wrap } = await import('../../src/io/render-text.js');
    const { Chalk } = await import('chalk');
    const c = new Chalk({ level: 1 });
    const words = Array.from({ length: 12 }, (_, i) => `word${i}`);
    const plain = wrap(words.join(' '), '  ', 40);
    const colored = wrap(words.map((w) => c.yellow(w)).join(' '), '  ', 40);
    expect(colored.replace(new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g'), '')).toBe(plain);
  });
});
