// Human numbers (contract §4), and hints that fit the mistake made.
import { describe, expect, it } from 'vitest';
import { FIELD_BY_NAME } from '../../src/core/answers/fields.js';
import { parseHumanNumber, readFieldNumber, readNumber } from '../../src/core/answers/human-number.js';
import { checkAnswers } from '../../src/core/answers/check.js';
import { answersFromCells } from '../../src/core/pipeline/batch.js';

const field = (name: string) => FIELD_BY_NAME.get(name)!;
const read = (name: string, text: string) => readFieldNumber(field(name), text);

describe('reading numbers as people write them', () => {
  it.each([
    ['1,000', 1000], ['10k', 10_000], ['2.5M', 2_500_000], ['7B', 7e9], ['1.4T', 1.4e12], ['1e6', 1e6], ['1_000', 1000],
    ['1 000 000', 1e6], ['12,345.5', 12345.5], ['10 k', 10_000], ['3 thousand', 3000], ['0.5', 0.5], ['.5', 0.5],
  ])('%s is %d', (text, value) => {
    expect(parseHumanNumber(text)).toBe(value);
  });

  it.each(['', '2,5', '1,00', 'ten', '5k-10k', '10x', '$5k', '35%'])('%j is not a plain number', (text) => {
    expect(parseHumanNumber(text)).toBeUndefined();
  });

  it('takes a leading $ (or a trailing USD) for money, and only for money', () => {
    expect(read('budgetUsd', '$60,000')).toEqual({ ok: true, value: 60000 });
    expect(read('budgetUsd', 'US$ 40k')).toEqual({ ok: true, value: 40000 });
    expect(read('budgetUsd', '40k USD')).toEqual({ ok: true, value: 40000 });
    expect(read('gpuHourlyUsd', '$2.50')).toEqual({ ok: true, value: 2.5 });
    const r = read('labeledExamples', '$500');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('money');
  });

  it('reads a share as a percentage where the field is between 0 and 1', () => {
    expect(read('mfu', '35%')).toEqual({ ok: true, value: 0.35 });
  });

  it('takes the field\'s own unit', () => {
    expect(read('timelineWeeks', '12 weeks')).toEqual({ ok: true, value: 12 });
    expect(read('latencyMs', '100ms')).toEqual({ ok: true, value: 100 });
  });
});

describe('hints that fit the mistake', () => {
  const hint = (name: string, text: string) => {
    const r = read(name, text);
    if (r.ok) throw new Error(`${text} was read as ${r.value}`);
    return `${r.message} → ${r.hint}`;
  };
  it.each([
    ['labeledExamples', '35%', /percentage.*count of labelled examples/],
    ['budgetUsd', '€5,000', /another currency.*convert it to USD/],
    ['labeledExamples', '5k-10k', /\(a range\).*give one figure/],
    ['labeledExamples', 'ten', /\(words\).*digits, e\.g\. 2,500/],
    ['labeledExamples', '2,5', /decimal comma.*use a point for decimals \(2\.5\)/],
    ['labeledExamples', '10x', /unknown suffix "x".*k \(thousand\)/],
    ['timelineWeeks', '3 months', /\(months, but this is in weeks\).*about 13 weeks/],
    ['labeledExamples', '~5k', /approximate.*5k/],
    ['labeledExamples', '>5000', /a bound/],
    ['budgetUsd', 'abc', /expected a budget in USD.*\$40k/],
  ])('%s = %j', (name, text, pattern) => {
    expect(hint(name, text)).toMatch(pattern);
  });

  it('names the example the caller gives', () => {
    const r = readNumber('abc', { what: 'weeks', example: '--max-weeks 12' });
    expect(r).toMatchObject({ ok: false, hint: 'e.g. --max-weeks 12' });
  });
});

describe('every way in reads them the same', () => {
  it('CSV cells', () => {
    expect(answersFromCells(['labeledExamples', 'budgetUsd', 'modelParams', 'mfu'], ['2,500', '$40,000', '7B', '35%'])).toEqual({ labeledExamples: 2500, budgetUsd: 40000, modelParams: 7e9, mfu: 0.35 });
  });

  it('answers files (strings where YAML or JSON would have a number), with the hint located at the field', () => {
    const ok = checkAnswers({ task: 'text-classification', existingModel: 'close', labeledExamples: '10k', budgetUsd: '$60,000', trainingTokens: '1.4T' });
    expect(ok.ok && ok.answers).toMatchObject({ labeledExamples: 10000, budgetUsd: 60000, trainingTokens: 1.4e12 });
    const bad = checkAnswers({ task: 'text-classification', existingModel: 'close', labeledExamples: '35%' });
    expect(bad.ok ? [] : bad.issues).toEqual([{ path: ['labeledExamples'], message: 'expected a whole number ≥ 0 and ≤ 1,000,000,000,000, found "35%" (a percentage, but this is a count of labelled examples)', hint: 'write the figure itself, e.g. 2,500' }]);
  });

  it('numbers out of range get a hint about that: round a count, a share as a fraction', () => {
    const frac = checkAnswers({ task: 'text-classification', existingModel: 'close', labeledExamples: 2.5 });
    expect(frac.ok ? undefined : frac.issues[0]!.hint).toBe('a count is a whole number: 3?');
    const share = checkAnswers({ task: 'text-classification', existingModel: 'close', mfu: 35 });
    expect(share.ok ? undefined : share.issues[0]!.hint).toBe('a share between 0 and 1: 35% is 0.35');
  });
});
