// The text result: one screen that decides, fitted to the terminal's width and height.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { compact, drawChart, oneLine, renderText, wrap } from '../../src/io/render-text.js';
import { logScale } from '../../src/io/log-scale.js';
import { makeChalk } from '../../src/io/color.js';
import { decide } from '../../src/core/decide/decide.js';
import { checkAnswers } from '../../src/core/answers/check.js';
import { builtInRuleSet } from '../helpers.js';
import { answersArb } from '../core/arbitraries.js';

const plain = makeChalk(false);
function result(raw: Record<string, unknown> = { task: 'text-classification', existingModel: 'close', domainShift: 'small', labeledExamples: 2500 }) {
  const c = checkAnswers(raw);
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return decide(c.answers, builtInRuleSet(), { given: c.given });
}

const ESC = new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g');

describe('log scale', () => {
  it('spans whole decades around the values and labels each decade', () => {
    const s = logScale([4300, 12000, 391000]);
    expect([s.min, s.max]).toEqual([1000, 1e6]);
    expect(s.ticks).toEqual([1000, 10000, 100000, 1e6]);
    expect(s.at(1000)).toBe(0);
    expect(s.at(1e6)).toBe(1);
    expect(s.at(31622.78)).toBeCloseTo(0.5, 3);
  });

  it('labels 1, 2 and 5 within a single decade, and puts zero at the left edge', () => {
    const s = logScale([0, 2, 6]);
    expect(s.ticks).toEqual([1, 2, 5, 10]);
    expect(s.at(0)).toBe(0);
  });

  it('gives every order of magnitude the same room: a 166M spot does not flatten a 12k one', () => {
    const s = logScale([12000, 166e6]);
    expect(s.at(120000) - s.at(12000)).toBeCloseTo(s.at(166e6) - s.at(16.6e6), 9);
    expect(s.at(12000)).toBeGreaterThan(0);
  });
});

describe('compact', () => {
  it('shortens figures for a column', () => {
    expect(compact(0)).toBe('0');
    expect(compact(1.82)).toBe('1.82');
    expect(compact(37117)).toBe('37k');
    expect(compact(4330)).toBe('4.3k');
    expect(compact(2_500_000)).toBe('2.5M');
    expect(compact(1.4e12)).toBe('1.4T');
  });
});

describe('wrap and oneLine', () => {
  it('do not count colour escapes as width', () => {
    const c = makeChalk(true);
    const words = Array.from({ length: 12 }, (_, i) => `word${i}`);
    const p = wrap(words.join(' '), '  ', 40);
    const colored = wrap(words.map((w) => c.yellow(w)).join(' '), '  ', 40);
    expect(colored.replace(ESC, '')).toBe(p);
    for (const l of p.split('\n')) expect(l.length).toBeLessThanOrEqual(40);
  });

  it('cut a long line at a word, with an ellipsis', () => {
    expect(oneLine('alpha beta gamma delta', 14)).toBe('alpha beta…');
    expect(oneLine('short', 14)).toBe('short');
  });
});

describe('the chart', () => {
  it('draws each spot as a range on log axes with its likely cost and weeks, and marks the recommended one', () => {
    const r = result();
    const lines = drawChart(r, plain, 80);
    expect(lines).toHaveLength(8); // two heading lines, five spots, the legend
    const rec = lines.find((l) => l.includes('▶ fine-tune'))!;
    expect(rec).toMatch(/├─*●─*┤/);
    // The recommended spot's likely cost, as the compact figure of the estimate.
    expect(rec).toContain(` ${compact(r.spectrum[2]!.cost!.likely)} `);
    expect(lines[1]).toMatch(/1k\s+10k\s+100k/);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(80);
  });
});

describe('renderText', () => {
  it('opens with one screen of at most 30 lines that fits 80 columns, and says where the rest is', () => {
    const text = renderText(result(), plain, { width: 80 });
    const lines = text.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(30);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(80);
    expect(lines[0]).toBe('Recommendation: Fine-tune  (position 2 of 4, confidence high)');
    expect(text).toMatch(/\nWarnings \(\d+\)\n/);
    expect(text).toMatch(/! evaluate-on-own-data: Measure/);
    expect(text).toContain('Next steps');
    expect(text).toContain('Rules: built-in');
    expect(text).toContain('--verbose');
    expect(text).not.toContain('Assumptions');
    expect(text).not.toContain('The three questions');
  });

  it('--verbose adds every section after the same opening', () => {
    const r = result();
    const text = renderText(r, plain, { width: 80, verbose: true });
    for (const h of ['Estimates', 'The three questions', 'Why', 'The other spots', 'Where to start', 'What would change the recommendation', 'Assumptions']) expect(text).toContain(`\n${h}`);
    for (const l of text.split('\n')) expect(stringWidth(l)).toBeLessThanOrEqual(80);
    expect(text).not.toContain('More with --verbose');
  });

  it('fits any answers into the width and height it is given (80×24 and 120×40)', () => {
    fc.assert(
      fc.property(answersArb, fc.constantFrom([80, 23], [120, 39], [60, 30]), (raw, [width, height]) => {
        if (process.env.DEBUG_SCREEN) console.log(JSON.stringify(raw), width, height);
        const c = checkAnswers(raw);
        if (!c.ok) return;
        const r = decide(c.answers, builtInRuleSet(), { given: c.given });
        const lines = renderText(r, makeChalk(true), { width, height }).trimEnd().split('\n');
        expect(lines.length).toBeLessThanOrEqual(height);
        for (const l of lines) expect(stringWidth(l), l).toBeLessThanOrEqual(width);
        expect(lines[0]).toMatch(/^\S*Recommendation: /);
      }),
      { numRuns: 150 },
    );
  });

  it('on a short terminal cuts warnings to one line each and says how many more there are', () => {
    const r = result({ task: 'image-classification', existingModel: 'close', domainShift: 'large', labeledExamples: 200, dataQuality: 'noisy', deployment: 'mobile', sensitiveDomain: 'healthcare' });
    expect(r.warnings.length).toBeGreaterThan(3);
    const text = renderText(r, plain, { width: 80, height: 23 });
    expect(text.trimEnd().split('\n').length).toBeLessThanOrEqual(23);
    expect(text).toMatch(/Warnings \(\d of \d; all with --verbose\)/);
    expect(text.split('\n')[0]).toMatch(/^Recommendation: /);
  });

  it('colours only through the Chalk it is given', () => {
    expect(renderText(result(), plain)).not.toContain('\u001b[');
    expect(renderText(result(), makeChalk(true))).toContain('\u001b[');
  });
});
