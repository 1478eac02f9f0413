// Hostile input against the pure core: prototype names as keys, figures past physical sense,
// dates that are no dates, numbers people mistype, and inputs big enough to be slow.
import fc from 'fast-check';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { checkAnswers, parseHumanNumber, parseSetArgument } from '../../src/core/answers/check.js';
import { FIELDS } from '../../src/core/answers/fields.js';
import { catalogSections } from '../../src/core/catalog/schema.js';
import { decide } from '../../src/core/decide/decide.js';
import { answersFromCells } from '../../src/core/pipeline/batch.js';
import { resolveAnswers } from '../../src/core/pipeline/resolve.js';
import { soundEstimates, unsoundFigure } from '../../src/core/result/figures.js';
import { buildRuleSet } from '../../src/core/rules/layering.js';
import { lintRuleSet, LINT_BUDGET } from '../../src/core/rules/lint.js';
import { closest } from '../../src/core/text/closest.js';
import { isCalendarDate } from '../../src/core/text/date.js';
import { PROTOTYPE_NAMES } from '../../src/core/text/own.js';
import { builtInRuleFiles } from '../../src/io/rules-files.js';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { builtInRuleSet } from '../helpers.js';

const NAMES = [...PROTOTYPE_NAMES];
const BASE = { task: 'text-classification', existingModel: 'close' };
const builtIn = () => builtInRuleFiles().map((f) => ({ origin: `rules/${f.split('/').pop()}`, data: parse(readFileSync(f, 'utf8')) as unknown }));
/** An object with `key` as its own property, as JSON.parse and the YAML reader make it. */
const withKey = (key: string, value: unknown, rest: object = {}) => JSON.parse(JSON.stringify({ ...rest, [`@${key}`]: value }).replace(`"@${key}"`, JSON.stringify(key))) as Record<string, unknown>;

describe('prototype names never reach a prototype', () => {
  const rs = builtInRuleSet();

  it.each(NAMES)('%s as an answers key is an unknown field', (name) => {
    const c = checkAnswers(withKey(name, 1, BASE));
    expect(c.ok).toBe(false);
    expect(!c.ok && c.issues.map((i) => i.path[0])).toContain(name);
  });

  it.each(NAMES)('%s as a CSV column is an unknown field', (name) => {
    const c = checkAnswers(answersFromCells(['task', 'existingModel', name], ['text-classification', 'close', 'x']));
    expect(!c.ok && c.issues.some((i) => i.path[0] === name && i.message.includes('unknown field'))).toBe(true);
  });

  it.each(NAMES)('--set %s=… is an unknown field', (name) => {
    expect(() => parseSetArgument(`${name}=1`)).toThrow(/unknown field/);
  });

  it.each(NAMES)('gpu: %s is an unknown GPU with the usual hint', (name) => {
    const r = resolveAnswers({ ...BASE, gpu: name }, rs);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]!.message).toContain(`unknown GPU "${name}"`);
  });

  it.each(NAMES)('every enum field refuses %s', (name) => {
    for (const f of FIELDS.filter((x) => x.kind === 'enum')) expect(checkAnswers({ ...BASE, [f.name]: name }).ok).toBe(false);
  });

  // Every keyed map of a rule file, and the top level.
  const MAPS: [string, (key: string) => unknown][] = [
    ['top level', (k) => withKey(k, 1, { version: 1 })],
    ['define', (k) => ({ version: 1, define: withKey(k, { field: 'task', is: 'other' }) })],
    ...(['hardware', 'prices', 'mfu', 'labeling', 'labelsNeeded', 'labelKinds', 'families', 'engineeringWeeks'] as const).map((m) => [`estimates.${m}`, (k: string) => ({ version: 1, estimates: { [m]: withKey(k, { likely: 1 }) } })] as [string, (key: string) => unknown]),
    ['families', (k) => ({ version: 1, families: withKey(k, { 'use-as-is': 'x' }) })],
    ['tasks', (k) => ({ version: 1, tasks: withKey(k, 'llm') })],
    ['a rule', (k) => ({ version: 1, rules: [withKey(k, 1, { id: 'r', kind: 'warn', when: { field: 'task', is: 'other' }, then: { warning: 'w', message: 'm' }, because: 'b' })] })],
  ];
  it.each(MAPS.flatMap(([where, make]) => NAMES.map((n) => [where, n, make] as const)))('a rules layer with %s key %s is refused at that key', (_where, name, make) => {
    const { ruleSet, issues } = buildRuleSet([...builtIn(), { origin: 'layer.yaml', data: make(name) }]);
    expect(ruleSet).toBeUndefined();
    expect(issues.some((i) => i.origin === 'layer.yaml' && i.path[i.path.length - 1] === name)).toBe(true);
  });

  it.each(NAMES)('ref: %s and field: %s in a condition are refused', (name) => {
    for (const when of [{ ref: name }, { field: name, is: 1 }]) {
      const { ruleSet } = buildRuleSet([...builtIn(), { origin: 'l.yaml', data: { version: 1, rules: [{ id: 'r', kind: 'warn', when, then: { warning: 'w', message: 'm' }, because: 'b' }] } }]);
      expect(ruleSet).toBeUndefined();
    }
  });
});

describe('figures are bounded where they enter', () => {
  it('every number field of the answers has a maximum of physical sense', () => {
    expect(FIELDS.filter((f) => (f.kind === 'number' || f.kind === 'integer') && !(f.max !== undefined && Number.isFinite(f.max))).map((f) => f.name)).toEqual([]);
  });

  it('every number in the catalog sections of a rule file has a maximum', () => {
    const missing: string[] = [];
    const walk = (s: unknown, path: string) => {
      if (!s || typeof s !== 'object') return;
      const o = s as Record<string, unknown>;
      if ((o.type === 'number' || o.type === 'integer') && o.maximum === undefined) missing.push(path);
      for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`);
    };
    walk(z.toJSONSchema(z.object(catalogSections), { io: 'input', unrepresentable: 'any' }), 'catalog');
    expect(missing).toEqual([]);
  });

  it.each([
    ['hardware tflops', { hardware: { x: { name: 'X', tflops: 1e300, memoryGb: 80, generation: 'hopper', source: 's', asOf: '2026-01' } } }, /TFLOP\/s/],
    ['a price', { prices: { h100: { likely: 1e308, source: 's', asOf: '2026-01' } } }, /price in USD per GPU-hour/],
    ['a team', { teamSize: { value: 1e300, source: 's', asOf: '2026-01' } }, /team size/],
    ['a label price', { labeling: { x: { labelSource: 'crowd', kind: 'any', likely: 1e300, source: 's', asOf: '2026-01' } } }, /label price/],
    ['an overhead', { overheadGpuHours: { likely: 1e300, source: 's', asOf: '2026-01' } }, /overhead/],
    ['evaluatedOn 2026-13', { evaluatedOn: '2026-13' }, /real date/],
    ['asOf 2026-02-30', { teamSize: { value: 2, source: 's', asOf: '2026-02-30' } }, /real date/],
    ['an MFU generation no GPU has', { mfu: { odd: { generations: ['nosuch'], job: 'small', likely: 0.2, source: 's', asOf: '2026-01' } } }, /generation "nosuch"/],
  ])('a layer with %s is refused with the field and range', (_name, estimates, message) => {
    const { ruleSet, issues } = buildRuleSet([...builtIn(), { origin: 'l.yaml', data: { version: 1, estimates } }]);
    expect(ruleSet).toBeUndefined();
    expect(issues.map((i) => i.message).join('\n')).toMatch(message);
  });

  it('answers at the top of every bound still give finite, ordered figures', () => {
    const rs = builtInRuleSet();
    const numeric = FIELDS.filter((f) => f.kind === 'number' || f.kind === 'integer');
    fc.assert(
      fc.property(fc.subarray(numeric.map((f) => f.name)), fc.constantFrom('text-classification', 'chat-assistant', 'image-classification', 'tabular-regression', 'speech-recognition'), fc.constantFrom('exact', 'close', 'none'), (fields, task, existingModel) => {
        const raw: Record<string, unknown> = { task, existingModel };
        for (const name of fields) raw[name] = numeric.find((f) => f.name === name)!.max;
        const r = resolveAnswers(raw, rs);
        if (!r.ok) return;
        const result = decide(r.answers, rs, { given: r.given });
        for (const spot of result.spectrum) expect(unsoundFigure({ cost: spot.cost, time: spot.time, compute: spot.compute })).toBeUndefined();
      }),
      { seed: 16, numRuns: 60 },
    );
  });

  it('the result builder leaves out a spot whose figures are not finite, and says so', () => {
    const est = { spots: [{ approach: 'fine-tune', estimate: { cost: { currency: 'USD', low: 1, likely: Infinity, high: 2, breakdown: { compute: 0, labeling: 0, engineering: 0 } }, time: { unit: 'weeks', low: 1, likely: 1, high: 1 }, compute: { gpu: 'x', gpuHours: { low: 0, likely: 0, high: 0 }, flops: 0 } } }], assumptions: [], stale: [], staleAfterMonths: 12, issues: [] };
    const sound = soundEstimates(est as never);
    expect(sound.spots).toEqual([]);
    expect(sound.dropped).toEqual([{ approach: 'fine-tune', why: 'cost.likely is Infinity' }]);
    expect(sound.assumptions[0]!.value).toMatch(/not estimated/);
    expect(unsoundFigure({ low: 3, likely: 2, high: 4 })).toMatch(/out of order/);
  });
});

describe('what people type', () => {
  it.each([
    ['1,000', 1000], ['2,500,000', 2_500_000], ['12 345', 12345], ['1,234.5', 1234.5], ['10k', 10_000], ['2.5M', 2_500_000], ['1_000', 1000],
    ['1,5', undefined], ['1,50', undefined], ['1,0000', undefined], ['9007199254740993', undefined], ['9007199254740992', 9007199254740992],
  ])('%j → %s', (text, n) => {
    expect(parseHumanNumber(text)).toBe(n);
  });

  it.each([['2026-11', true], ['2026-12-31', true], ['2024-02-29', true], ['2026-13', false], ['2026-00', false], ['2025-02-29', false], ['2026-1', false], ['soon', false]])('%s is a real date: %s', (s, ok) => {
    expect(isCalendarDate(s)).toBe(ok);
  });
});

describe('sizes that once were slow', () => {
  it('a 10 MB enum value is refused at once, quoted by an excerpt', () => {
    const t = Date.now();
    const c = checkAnswers({ ...BASE, domainShift: 'x'.repeat(10 * 1024 * 1024) });
    expect(Date.now() - t).toBeLessThan(1000);
    expect(!c.ok && c.issues[0]!.message.length).toBeLessThan(300);
    expect(closest('text-classification' + 'x'.repeat(1e6), ['text-classification'])).toBe('text-classification');
  });

  it('rules lint over 1,000 rules ends within its budget and says it was not exact', () => {
    const apps = ['use-as-is', 'feature-extraction', 'fine-tune', 'heavy-fine-tune', 'train-from-scratch'];
    const rules = Array.from({ length: 1000 }, (_, i) => ({ id: `extra-${i}`, kind: 'decide', priority: (i * 37) % 100, when: [{ field: 'labeledExamples', gte: (i % 9) * 500 }, { field: 'domainShift', is: ['none', 'small', 'moderate', 'large'][i % 4] }, { field: 'budgetUsd', lt: 1000 * (1 + (i % 13)) }], then: { approach: apps[i % 5] }, because: 'generated' }));
    const { ruleSet } = buildRuleSet([...builtIn(), { origin: 'big.yaml', data: { version: 1, rules } }]);
    const t = Date.now();
    // A small budget keeps this test fast; the default one is measured in the README.
    const findings = lintRuleSet(ruleSet!, { budget: { perSearch: 50_000, total: 2_000_000 } });
    const seconds = (Date.now() - t) / 1000;
    expect(seconds).toBeLessThan(30);
    expect(findings.some((f) => f.code === 'inexact' && /not exact/.test(f.message))).toBe(true);
    expect(LINT_BUDGET.total).toBeGreaterThan(2_000_000);
  }, 60_000);
});
