// CI-native reports: `failedGates` in decide --json, GitHub workflow commands (`--format github`)
// pointing at the answers file and the line of the field concerned, JUnit XML for batch and for
// rules test, and the classical spot under --fail-on.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDirs } from '../helpers.js';

const tempDir = tempDirs('ml-advisor-ci-');
const ex = (f: string) => join(ROOT, 'examples', f);

describe('decide --json: failedGates', () => {
  it('is absent without gates', async () => {
    const r = await runCli(['decide', '--answers', ex('support-tickets.yaml'), '--json']);
    expect(JSON.parse(r.stdout)).not.toHaveProperty('failedGates');
  });

  it('is [] when every gate passed, and lists each failed gate otherwise', async () => {
    const pass = await runCli(['decide', '--answers', ex('support-tickets.yaml'), '--max-cost', '100000', '--json']);
    expect(pass.code).toBe(0);
    expect(JSON.parse(pass.stdout).failedGates).toEqual([]);
    const fail = await runCli(['decide', '--answers', ex('support-tickets.yaml'), '--max-cost', '10000', '--fail-on', 'fine-tune', '--json']);
    expect(fail.code).toBe(1);
    expect(JSON.parse(fail.stdout).failedGates).toEqual([
      { gate: 'max-cost', message: '--max-cost 10,000: fine-tune would likely cost 18,567 USD' },
      { gate: 'fail-on', message: '--fail-on fine-tune: the recommendation is fine-tune' },
    ]);
    expect(fail.stderr).toContain('gate failed: --fail-on fine-tune');
  });
});

describe('decide --format github', () => {
  it('annotates the answers file at the line of the field each gate and warning is about', async () => {
    const dir = tempDir();
    const file = join(dir, 'answers.yaml');
    writeFileSync(file, ['task: text-classification', 'existingModel: close', 'domainShift: small', 'labeledExamples: 2500', 'budgetUsd: 20000', 'dataQuality: noisy', ''].join('\n'));
    const r = await runCli(['decide', '--answers', 'answers.yaml', '--max-cost', '5000', '--format', 'github'], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    // The cost gate points at the budget; the data-quality warning at dataQuality; over-budget at budgetUsd.
    expect(lines.filter((l) => l.startsWith('::error'))).toEqual([expect.stringMatching(/^::error file=answers\.yaml,line=5,title=ml-advisor%3A --max-cost 5%2C000 failed::--max-cost 5,000: [a-z-]+ would likely cost [\d,]+ USD$/)]);
    expect(lines.find((l) => l.includes('title=ml-advisor%3A data-quality::'))).toMatch(/^::warning file=answers\.yaml,line=6,/);
    expect(lines.find((l) => l.includes('title=ml-advisor%3A over-budget::'))).toMatch(/^::warning file=answers\.yaml,line=5,/);
    expect(lines.at(-1)).toMatch(/^::notice file=answers\.yaml,line=1,title=ml-advisor%3A [a-z-]+::/);
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) [^\n]*::[^\n]+$/);
  });

  it('escapes what would break a workflow command, and names no file for standard input', async () => {
    const r = await runCli(['decide', '--answers', '-', '--format', 'github', '--fail-on', 'use-as-is'], { input: '{"task": "text-classification", "existingModel": "close"}' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error title=ml-advisor%3A --fail-on use-as-is failed::--fail-on use-as-is: the recommendation is/m);
    expect(r.stdout).not.toContain('file=');
  });
});

describe('the classical spot and --fail-on', () => {
  const tabular = ['decide', '--no-input', '--set', 'task=tabular-classification', '--set', 'existingModel=none', '--set', 'labeledExamples=50000'];

  it('is marked in the result and passes --fail-on train-from-scratch with a note', async () => {
    const r = await runCli([...tabular, '--fail-on', 'train-from-scratch', '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { recommendation: { approach: string; position: number }; spectrum: { classical?: boolean }[]; failedGates: unknown[] };
    expect(result.recommendation.approach).toBe('train-from-scratch');
    expect(result.spectrum.map((s) => s.classical)).toEqual([undefined, undefined, undefined, undefined, true]);
    expect(result.failedGates).toEqual([]);
    expect(r.stderr).toBe('note: --fail-on train-from-scratch passed: train-from-scratch here is a classical model trained on your own rows, which --fail-on counts as feature-extraction; gate its cost and time with --max-cost and --max-weeks\n');
  });

  it('counts as feature-extraction, and the gate says so', async () => {
    const r = await runCli([...tabular, '--fail-on', 'feature-extraction', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).failedGates).toEqual([{ gate: 'fail-on', message: '--fail-on feature-extraction: the recommendation is train-from-scratch (a classical model trained on your own rows, which --fail-on counts as feature-extraction)' }]);
  });

  it('is judged on cost and weeks like any spot', async () => {
    const r = await runCli([...tabular, '--max-cost', '1000', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).failedGates[0].message).toMatch(/^--max-cost 1,000: train-from-scratch \(a classical model trained on your own rows\) would likely cost [\d,]+ USD$/);
  });

  it('a deep model trained from scratch still fails --fail-on train-from-scratch', async () => {
    const r = await runCli(['decide', '--no-input', '--set', 'task=image-classification', '--set', 'existingModel=none', '--set', 'proprietaryData=true', '--set', 'domainShift=large', '--set', 'mlExpertise=strong', '--set', 'unlabeledExamples=20M', '--set', 'budgetUsd=2M', '--set', 'timelineWeeks=52', '--fail-on', 'train-from-scratch', '--json']);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as { spectrum: { classical?: boolean }[] };
    expect(result.spectrum[4]!.classical).toBeUndefined();
  });
});

describe('batch --format junit and github', () => {
  it('junit: one test case per row, failures for invalid rows and failed gates', async () => {
    const dir = tempDir();
    const file = join(dir, 'rows.jsonl');
    writeFileSync(file, ['{"task": "text-classification", "existingModel": "close", "labeledExamples": 2500}', '{"task": "text-classification", "existingModel": "clsoe"}', '{"task": "chat-assistant", "existingModel": "exact"}', ''].join('\n'));
    const r = await runCli(['batch', 'rows.jsonl', '--fail-on', 'fine-tune', '--format', 'junit', '-q'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="ml-advisor" tests="3" failures="2" errors="0" skipped="0">\n/);
    expect(r.stdout).toContain('<testcase name="row 1: text-classification" classname="rows.jsonl" file="rows.jsonl" line="1">\n      <failure type="gate" message="--fail-on fine-tune: the recommendation is fine-tune">');
    expect(r.stdout).toContain('<testcase name="row 2" classname="rows.jsonl" file="rows.jsonl" line="2">\n      <failure type="invalid-row" message="existingModel at line 2, column 33: expected one of exact, close, none, unknown, found &quot;clsoe&quot;">');
    expect(r.stdout).toContain('<testcase name="row 3: chat-assistant" classname="rows.jsonl" file="rows.jsonl" line="3"/>');
    expect(r.stdout.endsWith('  </testsuite>\n</testsuites>\n')).toBe(true);
  });

  it('--output FILE.xml writes JUnit', async () => {
    const dir = tempDir();
    const r = await runCli(['batch', ex('portfolio.csv'), '--output', join(dir, 'report.xml'), '-q']);
    expect(r.code).toBe(0);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(dir, 'report.xml'), 'utf8')).toContain('tests="8" failures="0"');
  });

  it('github: an error at the row for an invalid row and a failed gate, warnings at the row', async () => {
    const r = await runCli(['batch', 'examples/portfolio.csv', '--fail-on', 'heavy-fine-tune', '--max-cost', '30000', '--format', 'github', '-q']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    // The rows over 30,000 USD, from the same batch as JSON: each gets its error at its line (the header is line 1).
    const rows = (await runCli(['batch', 'examples/portfolio.csv', '--max-cost', '30000', '-q'])).stdout.trim().split('\n').map((l) => JSON.parse(l) as { row: number; failedGates: { message: string }[] });
    const over = rows.filter((x) => x.failedGates.length);
    expect(over.length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.startsWith('::error'))).toEqual(over.map((x) => `::error file=examples/portfolio.csv,line=${x.row + 1},title=ml-advisor row ${x.row}%3A --max-cost 30%2C000 failed::${x.failedGates[0]!.message}`));
    expect(lines).toContain('::warning file=examples/portfolio.csv,line=7,title=ml-advisor row 6%3A bias-audit::Decisions in this domain affect people. Audit the model for bias and fairness across groups before launch, including any pre-trained model, which carries the biases of data you cannot inspect.');
  });
});

describe('rules test --format junit', () => {
  it('one test case per case, at its line, a failure per failing case', async () => {
    const r = await runCli(['rules', 'test', 'examples/company-tests.yaml', '--format', 'junit']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/<testsuites name="ml-advisor" tests="4" failures="3" errors="0" skipped="0">/);
    expect(r.stdout).toContain('<testcase name="a chat assistant goes through the LLM gateway first" classname="examples/company-tests.yaml" file="examples/company-tests.yaml" line="6">\n      <failure type="case" message="approach: expected use-as-is, got');
    const pass = await runCli(['rules', 'test', 'examples/company-tests.yaml', '--rules', 'examples/company-rules.yaml', '--format', 'junit']);
    expect(pass.code).toBe(0);
    expect(pass.stdout).toContain('tests="4" failures="0"');
  });
});
