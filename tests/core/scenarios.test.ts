// The built-in scenarios (rules/tests/*.yaml) through the pure core: each is a table row.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkCases, runCase, type CheckedCase } from '../../src/core/pipeline/cases.js';
import { ROOT, builtInRuleSet } from '../helpers.js';

const dir = join(ROOT, 'rules', 'tests');
const cases: CheckedCase[] = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => {
    const checked = checkCases(parse(readFileSync(join(dir, f), 'utf8')), builtInRuleSet());
    if (!checked.cases) throw new Error(`${f}: ${JSON.stringify(checked.issues)}`);
    return checked.cases;
  });

describe('built-in scenarios', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const outcome = runCase(c, builtInRuleSet());
    expect(outcome.failures).toEqual([]);
  });
});
