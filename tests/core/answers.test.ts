import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkAnswers, coerceFieldText, fieldAccepts, missingRequired, parseHumanNumber, parseSetArgument } from '../../src/core/answers/check.js';
import { fieldSchema } from '../../src/core/answers/schema.js';
import { FIELDS, FIELD_BY_NAME, TASKS, TASK_MODALITY } from '../../src/core/answers/fields.js';
import { closest } from '../../src/core/text/closest.js';
import { formatNumber } from '../../src/core/text/format.js';

describe('parseHumanNumber', () => {
  it.each([
    ['1,000', 1000],
    ['10k', 10000],
    ['2.5M', 2500000],
    ['3B', 3e9],
    ['1e6', 1e6],
    ['1_000_000', 1e6],
    [' 42 ', 42],
    ['0.35', 0.35],
    ['.5k', 500],
    ['-3', -3],
  ])('%s → %d', (text, n) => expect(parseHumanNumber(text)).toBe(n));
  it.each(['', 'abc', '10kk', '1,0x', 'k', 'NaN', 'Infinity', '1e999'])('rejects %j', (text) => expect(parseHumanNumber(text)).toBeUndefined());
});

describe('coerceFieldText', () => {
  it('turns text into the field type, leaving what cannot convert for validation to report', () => {
    expect(coerceFieldText(FIELD_BY_NAME.get('labeledExamples')!, '5k')).toBe(5000);
    expect(coerceFieldText(FIELD_BY_NAME.get('labeledExamples')!, 'lots')).toBe('lots');
    expect(coerceFieldText(FIELD_BY_NAME.get('proprietaryData')!, 'yes')).toBe(true);
    expect(coerceFieldText(FIELD_BY_NAME.get('proprietaryData')!, 'FALSE')).toBe(false);
    expect(coerceFieldText(FIELD_BY_NAME.get('proprietaryData')!, 'maybe')).toBe('maybe');
    expect(coerceFieldText(FIELD_BY_NAME.get('task')!, ' summarization ')).toBe('summarization');
  });
  it('parseSetArgument splits on the first = and names unknown fields', () => {
    expect(parseSetArgument('gpu=a100-80gb')).toEqual({ field: 'gpu', value: 'a100-80gb' });
    expect(parseSetArgument('budgetUsd=50,000')).toEqual({ field: 'budgetUsd', value: 50000 });
    expect(() => parseSetArgument('budget=5')).toThrow(/did you mean `budgetUsd`/);
    expect(() => parseSetArgument('noequals')).toThrow(/FIELD=VALUE/);
  });
});

describe('checkAnswers', () => {
  it('fills documented defaults and derives the modality from the task', () => {
    const r = checkAnswers({ task: 'object-detection', existingModel: 'close' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.answers).toEqual({
      task: 'object-detection', modality: 'image', existingModel: 'close', offTheShelfResult: 'not-evaluated', domainShift: 'moderate',
      labeledExamples: 0, unlabeledExamples: 0, labelSource: 'in-house', proprietaryData: false, mlExpertise: 'some', sensitiveDomain: 'none',
      privacy: 'cloud-ok', deployment: 'cloud', accuracyTarget: 'production', baselineTried: false, dataQuality: 'unknown', horizonMonths: 12,
    });
    expect([...r.given].sort()).toEqual(['existingModel', 'task']);
  });
  it('every task but other has a modality', () => {
    for (const t of TASKS) if (t !== 'other') expect(TASK_MODALITY[t]).toBeDefined();
  });
  it.each([
    [{ task: 'text-classification' }, ['existingModel'], /missing required/],
    [{ task: 'other', existingModel: 'none' }, ['modality'], /needs a modality/],
    [{ task: 'text-classification', existingModel: 'close', labeledExamples: Number.NaN }, ['labeledExamples'], /found NaN/],
    [{ task: 'text-classification', existingModel: 'close', timelineWeeks: 0 }, ['timelineWeeks'], /> 0/],
    [{ task: 'text-classification', existingModel: 'close', gpuCount: 0 }, ['gpuCount'], /≥ 1/],
    [{ task: 'text-classification', existingModel: 'close', labeledExamples: 2 ** 60 }, ['labeledExamples'], /whole number/],
    [{ task: 'text-classification', existingModel: 'close', Task: 'x' }, ['Task'], /unknown field/],
  ])('%j is rejected at %j', (input, path, msg) => {
    const r = checkAnswers(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]!.path).toEqual(path);
    expect(r.issues[0]!.message).toMatch(msg);
  });
  it('suggests the closest field for a misspelling', () => {
    const r = checkAnswers({ task: 'text-classification', existingModel: 'close', labelledExamples: 3 });
    expect(!r.ok && r.issues[0]!.hint).toBe('did you mean `labeledExamples`?');
  });
  it('missingRequired lists what a questionnaire must still ask', () => {
    expect(missingRequired({}).map((f) => f.name)).toEqual(['task', 'existingModel']);
    expect(missingRequired({ task: 'other', existingModel: 'none' }).map((f) => f.name)).toEqual(['modality']);
  });
  it('the hand-written check and the zod schema agree on every field', () => {
    const values = fc.oneof(fc.double(), fc.integer({ min: -10, max: 1e7 }), fc.boolean(), fc.string(), fc.constantFrom(null, undefined, 'close', 'exact', 'a100-80gb', 0.5, 1, 0, -1, 2 ** 60), fc.array(fc.integer()));
    for (const f of FIELDS) {
      const schema = fieldSchema(f);
      fc.assert(fc.property(values, (v) => fieldAccepts(f, v) === schema.safeParse(v).success), { numRuns: 300 });
      for (const c of f.choices ?? []) expect(fieldAccepts(f, c.value)).toBe(true);
    }
  });
});

describe('closest and formatNumber', () => {
  it.each([
    ['labelledExamples', 'labeledExamples'],
    ['budget', 'budgetUsd'],
    ['TASK', 'task'],
    ['zzzzzz', undefined],
  ])('closest(%s)', (input, want) => expect(closest(input, FIELDS.map((f) => f.name))).toBe(want));
  it.each([
    [0, '0'],
    [1234, '1,234'],
    [1234567.891, '1,234,567.89'],
    [-5000, '-5,000'],
    [0.35, '0.35'],
  ])('formatNumber(%d) = %s', (n, s) => expect(formatNumber(n)).toBe(s));
});

describe('formatNumber agrees with the locale formatter', () => {
  // Up to 1e12 (beyond any estimate): past that toFixed shows binary digits the locale formatter rounds away.
  it("for numbers up to a trillion and 0–3 decimals", () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.integer(), fc.constantFrom(0, -0, 0.5, 999.999, 1e20, -1234.5, 0.004, -0.004)), fc.integer({ min: 0, max: 3 }), (n, d) => {
        const want = n.toLocaleString('en-US', { maximumFractionDigits: d, useGrouping: true });
        expect(formatNumber(n, d)).toBe(want === '-0' ? '0' : want);
      }),
      { numRuns: 2000 },
    );
  });
});
