// The YAML in docs/rules.md is checked like any other rule or case file, so the docs cannot drift
// from the format.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, builtInRuleSet, runCli } from '../helpers.js';

const doc = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => b.startsWith('version: 1'));

describe('docs/rules.md', () => {
  it('has rule and case examples', () => {
    expect(blocks.filter((b) => /^rules:/m.test(b)).length).toBeGreaterThanOrEqual(2);
    expect(blocks.filter((b) => /^cases:/m.test(b)).length).toBe(1);
  });

  it.each(blocks.map((b, i) => [i, b] as const))('example %i is valid', async (i, block) => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-advisor-docs-'));
    const f = join(dir, `example-${i}.yaml`);
    // `…` stands for prose in the docs.
    writeFileSync(f, block.replace(/because: …/g, 'because: a reason'));
    const r = /^cases:/m.test(block) ? await runCli(['rules', 'test', f]) : await runCli(['rules', 'validate', f]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('the company example in the docs makes the same changes as the shipped file', async () => {
    const shipped = await runCli(['rules', 'show', '--json', '--rules', join(ROOT, 'examples', 'company-rules.yaml')]);
    const ids = (JSON.parse(shipped.stdout) as { rules: { id: string }[] }).rules.map((r) => r.id);
    for (const id of ['fine-tune-with-labels', 'warn-self-hosted', 'acme-llm-gateway', 'acme-legal-review']) {
      expect(ids).toContain(id);
      expect(doc).toContain(`id: ${id}`);
    }
  });

  it('cites the guidance behind every built-in decide rule', () => {
    const table = doc.slice(doc.indexOf('## Where the built-in rules come from'), doc.indexOf('## Starting models'));
    const decideRules = builtInRuleSet().rules.filter((r) => r.kind === 'decide');
    expect(decideRules.length).toBeGreaterThan(20);
    for (const r of decideRules) expect(table, r.id).toContain(`\`${r.id}\``);
  });
});
