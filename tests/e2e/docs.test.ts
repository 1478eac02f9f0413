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

describe('docs/calibrate.md', () => {
  const text = readFileSync(join(ROOT, 'docs', 'calibrate.md'), 'utf8');
  it('the worked example prints what the page says, and the layer works with --rules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-advisor-calibrate-'));
    const out = join(dir, 'calibrated.yaml');
    const r = await runCli(['calibrate', 'examples/past-projects.csv', '-o', out]);
    expect(r.code).toBe(0);
    for (const line of r.stderr.trim().split('\n').slice(1)) expect(text).toContain(line);
    const before = JSON.parse((await runCli(['decide', '--answers', 'examples/support-tickets.yaml', '--json'])).stdout);
    const after = JSON.parse((await runCli(['decide', '--answers', 'examples/support-tickets.yaml', '--json', '--rules', out])).stdout);
    expect(after.spectrum[2].cost.likely).toBeGreaterThan(before.spectrum[2].cost.likely * 1.5);
    expect(after.assumptions.some((a: { what: string }) => a.what === 'Effort scale, fine-tune')).toBe(true);
  });
  it('too few projects are reported, not fitted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-advisor-calibrate-'));
    const f = join(dir, 'two.jsonl');
    writeFileSync(f, ['{"task":"text-classification","existingModel":"close","actual":{"approach":"fine-tune","weeks":6}}', '{"task":"text-classification","existingModel":"close","actual":{"approach":"fine-tune","weeks":8}}'].join('\n'));
    const r = await runCli(['calibrate', f]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('effortScale.all not fitted (2 projects): 2 projects; at least 3 are needed');
    expect(r.stdout).not.toMatch(/^ {2}effortScale:/m);
  });
  it('a row without actuals is an input error with its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-advisor-calibrate-'));
    const f = join(dir, 'bad.jsonl');
    writeFileSync(f, '{"task":"text-classification","existingModel":"close"}\n');
    const r = await runCli(['calibrate', f]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('bad.jsonl:1');
    expect(r.stderr).toContain('missing `actual`');
  });
});
