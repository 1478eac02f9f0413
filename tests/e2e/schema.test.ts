// `schema answers` and `schema result` as printed by the built binary, checked with a JSON Schema
// validator (ajv) against the shipped examples, the rule test cases and real outputs.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkAnswers } from '../../src/core/answers/check.js';
import { checkCases } from '../../src/core/pipeline/cases.js';
import { decide } from '../../src/core/decide/decide.js';
import { ROOT, builtInRuleSet, runCli } from '../helpers.js';

async function schemaOf(kind: string): Promise<ValidateFunction> {
  const r = await runCli(['schema', kind]);
  expect(r.code).toBe(0);
  return new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(JSON.parse(r.stdout) as object);
}

// The answers files among the examples (the company-* files are a rules layer and its cases).
const examples = readdirSync(join(ROOT, 'examples'))
  .filter((f) => /\.(ya?ml|json)$/.test(f) && !f.startsWith('company-'))
  .map((f) => [f, parse(readFileSync(join(ROOT, 'examples', f), 'utf8')) as unknown] as const);
const portfolio = readFileSync(join(ROOT, 'examples', 'portfolio.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
const cases = checkCases(parse(readFileSync(join(ROOT, 'rules', 'tests', 'scenarios.yaml'), 'utf8')), builtInRuleSet()).cases!;

describe('schema answers', () => {
  let validate: ValidateFunction;
  beforeAll(async () => {
    validate = await schemaOf('answers');
  });

  it('accepts every shipped example and every portfolio row', () => {
    expect(examples.length).toBeGreaterThan(0);
    for (const [name, answers] of examples) expect({ name, errors: validate(answers) ? null : validate.errors }).toEqual({ name, errors: null });
    for (const row of portfolio) expect(validate(row) ? null : validate.errors).toBeNull();
  });

  it('rejects what the CLI rejects: an unknown field, a bad enum value, a negative count, a missing required field', () => {
    const base = { task: 'text-classification', existingModel: 'close' };
    for (const bad of [{ ...base, labelledExamples: 5 }, { ...base, existingModel: 'clsoe' }, { ...base, labeledExamples: -1 }, { task: 'translation' }]) {
      expect(validate(bad)).toBe(false);
      expect(checkAnswers(bad).ok).toBe(false);
    }
  });
});

describe('schema result', () => {
  let validate: ValidateFunction;
  beforeAll(async () => {
    validate = await schemaOf('result');
  });

  it('validates real decide --json output, with and without --explain', async () => {
    for (const args of [[], ['--explain']]) {
      const r = await runCli(['decide', '--answers', 'examples/support-tickets.yaml', '--json', ...args]);
      expect(r.code).toBe(0);
      const result = JSON.parse(r.stdout) as unknown;
      expect(validate(result) ? null : validate.errors).toBeNull();
    }
  });

  it('validates the result of every rule test case', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const c of cases) {
      const check = checkAnswers(c.answers);
      if (!check.ok) throw new Error(`${c.name}: ${JSON.stringify(check.issues)}`);
      const result = decide(check.answers, builtInRuleSet(), { given: check.given });
      expect({ name: c.name, errors: validate(result) ? null : validate.errors }).toEqual({ name: c.name, errors: null });
    }
  });

  it('validates batch rows once "row" (and "failedGates") are taken off', async () => {
    const r = await runCli(['batch', 'examples/portfolio.jsonl', '--fail-on', 'fine-tune']);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(8);
    for (const { row, failedGates: _g, ...result } of rows) {
      expect(typeof row).toBe('number');
      expect(validate(result) ? null : validate.errors).toBeNull();
    }
  });

  it('rejects results that break the contract: four spots, an unknown approach, a negative cost', async () => {
    const r = await runCli(['decide', '--answers', 'examples/support-tickets.yaml', '--json']);
    const good = JSON.parse(r.stdout) as { spectrum: Record<string, unknown>[]; recommendation: Record<string, unknown> };
    const fourSpots = { ...good, spectrum: good.spectrum.slice(0, 4) };
    const badApproach = { ...good, recommendation: { ...good.recommendation, approach: 'prompt-engineering' } };
    const negativeCost = { ...good, spectrum: good.spectrum.map((s) => ({ ...s, cost: { currency: 'USD', low: -1, likely: 0, high: 0, breakdown: { compute: 0, labeling: 0, engineering: 0 } } })) };
    for (const bad of [fourSpots, badApproach, negativeCost]) expect(validate(bad)).toBe(false);
  });

  it('an unknown kind is a usage error that lists both', async () => {
    const r = await runCli(['schema', 'rezult']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('answers, result');
  });
});
