// `compare`: several decisions side by side, through the built binary.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDirs } from '../helpers.js';

const tmp = tempDirs('ml-advisor-compare-');
const ex = (name: string) => join(ROOT, 'examples', name);

describe('ml-advisor compare', () => {
  it('--vary: one column per value, the field named once, fitted to 80 columns', async () => {
    const r = await runCli(['compare', ex('support-tickets.yaml'), '--vary', 'labeledExamples=500,5k']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^labeledExamples = +500 +5k$/);
    expect(r.stdout).toMatch(/^spot +feature-extraction +fine-tune$/m);
    expect(r.stdout).toMatch(/^confidence +medium +high$/m);
    expect(r.stdout).toMatch(/^likely cost, USD +6,189 +18,558$/m);
    expect(r.stdout).toMatch(/answers that differ\nlabeledExamples +500 +5,000$/m);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
  });

  it('files side by side, with the answers that differ; --json is the list of results with labels', async () => {
    const r = await runCli(['compare', 'examples/support-tickets.yaml', 'examples/chat-assistant.json', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as { label: string; recommendation: { approach: string }; answers: { task: string }; rulesLayers: unknown[] }[];
    expect(list.map((x) => x.label)).toEqual(['examples/support-tickets.yaml', 'examples/chat-assistant.json']);
    expect(list.map((x) => x.answers.task)).toEqual(['text-classification', 'chat-assistant']);
    // Each is exactly what decide --json prints, with the label first.
    const one = await runCli(['decide', '--answers', 'examples/support-tickets.yaml', '--json']);
    const { label: _label, ...rest } = list[0]!;
    expect(JSON.stringify(rest, null, 2) + '\n').toBe(one.stdout);
    const text = await runCli(['compare', 'examples/support-tickets.yaml', 'examples/chat-assistant.json']);
    expect(text.stdout).toMatch(/^ +support-tickets +chat-assistant$/m);
    expect(text.stdout).toMatch(/^task +text-classification +chat-assistant$/m);
  });

  it('--format markdown is a table for a pull-request comment', async () => {
    const r = await runCli(['compare', ex('support-tickets.yaml'), '--vary', 'budgetUsd=20k;40,000', '--format', 'markdown']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('|  | budgetUsd=20k | budgetUsd=40,000 |\n|---|---|---|\n| **spot** |');
    expect(r.stdout).toMatch(/\| `budgetUsd` \| 20,000 \| 40,000 \|/);
  });

  it('applies the gates to each column as decide does: exit 1, and which column failed', async () => {
    const r = await runCli(['compare', ex('support-tickets.yaml'), '--vary', 'labeledExamples=500,5000', '--max-cost', '15k']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^gates +pass +FAILS --max-cost 15,000$/m);
    expect(r.stderr).toBe('gate failed: labeledExamples=5000: --max-cost 15,000: fine-tune would likely cost 18,558 USD\n');
  });

  it.each([
    [['compare', 'examples/support-tickets.yaml'], 2, /needs two or more answers files, or one with --vary/],
    [['compare', 'examples/support-tickets.yaml', 'examples/chat-assistant.json', '--vary', 'labeledExamples=1,2'], 2, /--vary compares variations of one answers file, but 2 were given/],
    [['compare', 'examples/support-tickets.yaml', '--vary', 'labelledExamples=1,2'], 2, /unknown field "labelledExamples"\n {2}→ did you mean `labeledExamples`\?/],
    [['compare', 'examples/support-tickets.yaml', '--vary', 'labeledExamples=500,35%'], 3, / {2}--vary labeledExamples=35%: expected a whole number ≥ 0 and ≤ 1,000,000,000,000, found "35%" \(a percentage/],
  ])('%j exits %i with a message that says what to do', async (args, code, pattern) => {
    const r = await runCli(args);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(pattern);
    expect(r.stdout).toBe('');
  });

  it('names the file of an invalid scenario', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bad.yaml'), 'task: text-classification\nexistingModel: clsoe\n');
    const r = await runCli(['compare', 'bad.yaml', join(ROOT, 'examples', 'support-tickets.yaml')], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/bad\.yaml:2:\d+ \(existingModel\): expected one of/);
  });
});
