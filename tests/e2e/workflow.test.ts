// The README's GitHub Actions workflow, run step by step as the runner would (bash -eo pipefail)
// on the shipped examples laid out as the workflow expects them (ai/ticket-router.yaml,
// ai/portfolio.csv), with the exit codes the README promises: every step passes on them, the gate
// fails on expensive work, and the portfolio step fails on a row that is custom training from scratch.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, tempDirs } from '../helpers.js';

const tempDir = tempDirs('ml-advisor-workflow-');

interface Step {
  name?: string;
  run?: string;
  uses?: string;
}

function workflowSteps(): Step[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const m = /```yaml\n(# \.github\/workflows\/ml-advisor\.yml\n[\s\S]*?)```/.exec(readme);
  if (!m) throw new Error('README: the workflow block is missing');
  const wf = parse(m[1]!) as { jobs: Record<string, { steps: Step[] }> };
  return Object.values(wf.jobs).flatMap((j) => j.steps);
}

/** The steps that run ml-advisor (installing it is replaced by a shim of the built CLI). */
const steps = workflowSteps().filter((s) => s.run && !/^npm install/.test(s.run));

function checkout(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = tempDir();
  mkdirSync(join(dir, 'ai'));
  mkdirSync(join(dir, 'bin'));
  cpSync(join(ROOT, 'examples', 'support-tickets.yaml'), join(dir, 'ai', 'ticket-router.yaml'));
  cpSync(join(ROOT, 'examples', 'portfolio.csv'), join(dir, 'ai', 'portfolio.csv'));
  writeFileSync(join(dir, 'bin', 'ml-advisor'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(dir, 'bin', 'ml-advisor'), 0o755);
  return { dir, env: { PATH: `${join(dir, 'bin')}:${process.env.PATH}`, HOME: dir, GITHUB_STEP_SUMMARY: join(dir, 'summary.md') } };
}

function run(step: Step, at: { dir: string; env: NodeJS.ProcessEnv }) {
  // GitHub's default shell for `run:` on Linux.
  return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], { cwd: at.dir, env: at.env, encoding: 'utf8', timeout: 60_000 });
}

const named = (name: string) => {
  const s = steps.find((x) => x.name === name);
  if (!s) throw new Error(`README workflow: no step "${name}"`);
  return s;
};

describe("the README's GitHub Actions workflow", () => {
  it('has the steps the README describes', () => {
    expect(steps.map((s) => s.name)).toEqual(['Decision record', 'Gate', 'The whole portfolio', 'The portfolio as a test report']);
  });

  it('passes on the shipped examples: every step exits 0', () => {
    const at = checkout();
    for (const step of steps) {
      const r = run(step, at);
      expect({ step: step.name, code: r.status, stderr: r.status === 0 ? '' : r.stderr }).toEqual({ step: step.name, code: 0, stderr: '' });
    }
    const summary = readFileSync(join(at.dir, 'summary.md'), 'utf8');
    expect(summary).toContain('# Decision');
    expect(summary).toContain('| train-from-scratch | 2 |');
    const report = readFileSync(join(at.dir, 'ml-advisor-report.xml'), 'utf8');
    expect(report).toContain('tests="8" failures="0"');
  }, 120_000);

  it('the gate fails (exit 1) on work that is likely to cost more than 50,000 USD, with an annotation', () => {
    const at = checkout();
    writeFileSync(join(at.dir, 'ai', 'ticket-router.yaml'), 'task: text-classification\nexistingModel: close\ndomainShift: large\nlabeledExamples: 50000\nmlExpertise: strong\nbudgetUsd: 200000\n');
    const r = run(named('Gate'), at);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::error file=ai\/ticket-router\.yaml,line=\d+,title=ml-advisor%3A --fail-on heavy-fine-tune failed::/m);
    expect(r.stdout).toMatch(/^::error file=ai\/ticket-router\.yaml,line=6,title=ml-advisor%3A --max-cost 50%2C000 failed::--max-cost 50,000: heavy-fine-tune would likely cost/m);
  });

  it('the portfolio fails (exit 1) on a row that really is custom training from scratch, and not on the classical rows', () => {
    const at = checkout();
    appendFileSync(join(at.dir, 'ai', 'portfolio.csv'), 'image-classification,none,,large,,20M,true,2M,52,strong,,,,clean,true\n');
    const r = run(named('The whole portfolio'), at);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--fail-on train-from-scratch failed on 1 row (row 9)');
    const report = run(named('The portfolio as a test report'), at);
    expect(report.status).toBe(1);
    const xml = readFileSync(join(at.dir, 'ml-advisor-report.xml'), 'utf8');
    expect(xml).toContain('tests="9" failures="1"');
    expect(xml).toMatch(/<testcase name="row 9: image-classification"[^>]*line="10">\s*<failure type="gate" message="--fail-on train-from-scratch: the recommendation is train-from-scratch"/);
  });

  it('the portfolio exits 3 when a row is invalid', () => {
    const at = checkout();
    appendFileSync(join(at.dir, 'ai', 'portfolio.csv'), 'text-classification,clsoe,,,,,,,,,,,,,\n');
    expect(run(named('The whole portfolio'), at).status).toBe(3);
  });
});
