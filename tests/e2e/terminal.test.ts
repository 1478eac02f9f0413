// The built binary (dist/cli.cjs) in a real pseudo-terminal, made by tests/e2e/pty-driver.py:
// a walk to a result, Ctrl-C, and saved answers that decide the same without a terminal.
// Run `npm run build` first (`npm test` does).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli, tempDirs } from '../helpers.js';

interface PtyRun {
  code: number | null;
  signal: number | null;
  stdout: string;
  screen: string;
  failedStep: number | null;
}

const DRIVER = join(ROOT, 'tests', 'e2e', 'pty-driver.py');
const ENTER = '\r';
const DOWN = '\x1b[B';
const UP = '\x1b[A';
const CTRL_C = '\x03';

function inTerminal(args: string[], steps: { expect: string; send: string }[], cwd: string): Promise<PtyRun> {
  const spec = {
    argv: [process.execPath, CLI, ...args],
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, TERM: 'xterm-256color', CI: 'true' },
    steps,
    timeout: 40,
  };
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [DRIVER], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`pty driver failed (${code}): ${err}`));
      else resolve(JSON.parse(out) as PtyRun);
    });
    child.stdin.end(JSON.stringify(spec));
  });
}

const q = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const tmp = tempDirs('ml-advisor-pty-');

// The support-tickets example, answered by hand.
const WALK = [
  { expect: q('? What should the model do?'), send: ENTER }, // text-classification
  { expect: q('? Does a public pre-trained model already do this?'), send: DOWN + ENTER }, // close
  { expect: q('? How did the best pre-trained model score'), send: ENTER }, // not-evaluated
  { expect: 'Question 2: ' + q('Is my problem close to something that has been solved?'), send: '' },
  { expect: q('? How far is your data'), send: UP + ENTER }, // small
  { expect: q('? How many labelled examples'), send: '2,500' + ENTER },
  { expect: q('? How many unlabelled examples'), send: ENTER },
  { expect: q('? Who would label more examples?'), send: ENTER },
  { expect: q('? Is your data of a kind no public model has seen?'), send: ENTER },
  { expect: q('? What is the whole budget'), send: '40k' + ENTER },
  { expect: q('? In how many weeks'), send: '8' + ENTER },
  { expect: q('? Can the team design, train and debug models?'), send: ENTER },
  { expect: q('? Will decisions affect people'), send: ENTER },
  { expect: q('? May the data leave'), send: ENTER },
  { expect: q('? Where will the model run?'), send: ENTER },
  { expect: q('? What p95 latency'), send: ENTER },
  { expect: q('? How good must it be?'), send: ENTER },
  { expect: q('? Have you tried a simple baseline'), send: 'y' + ENTER },
  { expect: q('? How clean are your labels and data?'), send: UP + UP + ENTER }, // clean
  { expect: q('? Sharpen the estimates'), send: ENTER }, // no
  { expect: 'labeledExamples +2,500', send: '' },
  { expect: q('? Decide with these answers, or change one?'), send: ENTER },
];

// A walk spawns node in a pty several times over; give a loaded CI machine room.
describe('on a real terminal (built binary)', { timeout: 60000 }, () => {
  it('walks to a result, saves the answers, and they decide the same without a terminal', async () => {
    const dir = tmp();
    const run = await inTerminal(['decide'], [
      ...WALK,
      { expect: q('? Save these answers to a file'), send: 'y' + ENTER },
      { expect: q('? File name:'), send: 'answers.yaml' + ENTER },
      { expect: 'Saved to answers.yaml', send: '' },
    ], dir);
    expect(run.failedStep, run.screen).toBeNull();
    expect(run.code).toBe(0);
    // stdout is a pipe: the plain text result and nothing else (the prompts went to the terminal).
    expect(run.stdout).toMatch(/^Recommendation: Fine-tune {2}\(position 2 of 4, confidence high\)\n/);
    expect(run.stdout).not.toContain('What should the model do');
    expect(run.stdout).not.toContain('\x1b[');
    expect(run.screen).toContain('Question 1: Has someone already solved this?');
    expect(run.screen).toContain('Question 3: Is my problem truly unique?');

    const saved = readFileSync(join(dir, 'answers.yaml'), 'utf8');
    expect(saved).toMatch(/^labeledExamples: 2500$/m);
    expect(saved).toMatch(/^budgetUsd: 40000$/m);
    const again = await runCli(['decide', '--answers', 'answers.yaml'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(run.stdout);
    // ...and the same as the example these answers were taken from.
    const example = await runCli(['decide', '--answers', join(ROOT, 'examples', 'support-tickets.yaml')]);
    expect(example.stdout).toBe(run.stdout);
  });

  it.each([
    ['at the first question', [{ expect: q('? What should the model do?'), send: CTRL_C }]],
    ['halfway, in a number prompt', [...WALK.slice(0, 5), { expect: q('? How many labelled examples'), send: '12' + CTRL_C }]],
    ['at the summary', [...WALK.slice(0, -1), { expect: q('? Decide with these answers, or change one?'), send: CTRL_C }]],
  ])('Ctrl-C %s prints "Cancelled." and exits 130, with no stack trace', async (_where, steps) => {
    const dir = tmp();
    const run = await inTerminal(['decide'], steps, dir);
    expect(run.failedStep, run.screen).toBeNull();
    expect(run.code).toBe(130);
    expect(run.screen).toMatch(/Cancelled\.\s*$/);
    expect(run.screen).not.toMatch(/\n\s+at |Error|internal error/);
    expect(run.stdout).toBe('');
  });

  it('asks only for what an answers file lacks', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'partial.yaml'), 'task: sentiment-analysis\nlabeledExamples: 300\n');
    const run = await inTerminal(['decide', '--answers', 'partial.yaml', '--json'], [
      { expect: 'partial.yaml lacks existingModel', send: '' },
      { expect: q('? Does a public pre-trained model already do this?'), send: ENTER }, // exact
    ], dir);
    expect(run.failedStep, run.screen).toBeNull();
    expect(run.code).toBe(0);
    expect(run.screen).not.toContain('What should the model do');
    const result = JSON.parse(run.stdout) as { answers: { existingModel: string; task: string } };
    expect(result.answers).toMatchObject({ task: 'sentiment-analysis', existingModel: 'exact' });
  });

  it('--no-input never prompts, even on a terminal', async () => {
    const run = await inTerminal(['decide', '--no-input'], [], tmp());
    expect(run.code).toBe(2);
    expect(run.screen).toContain('no answers given and --no-input forbids asking');
    expect(run.screen).not.toContain('?');
  });
});

describe('without a terminal', () => {
  it('never prompts: no answers is a usage error (2)', async () => {
    const run = await runCli(['decide']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('there is no terminal to ask on');
    expect(run.stdout).toBe('');
  });

  it('never prompts: answers lacking a required field are invalid (3)', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'partial.yaml'), 'task: sentiment-analysis\n');
    const run = await runCli(['decide', '--answers', 'partial.yaml'], { cwd: dir });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('missing required answer "existingModel"');
  });

  it('--save writes the answers, and never replaces an existing file', async () => {
    const dir = tmp();
    const first = await runCli(['decide', '--answers', join(ROOT, 'examples', 'support-tickets.yaml'), '--save', 'copy.yaml', '--json'], { cwd: dir });
    expect(first.code).toBe(0);
    const again = await runCli(['decide', '--answers', 'copy.yaml', '--json'], { cwd: dir });
    expect(again.stdout).toBe(first.stdout);
    writeFileSync(join(dir, 'copy.yaml'), 'keep: me\n');
    const clash = await runCli(['decide', '--answers', join(ROOT, 'examples', 'support-tickets.yaml'), '--save', 'copy.yaml'], { cwd: dir });
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('copy.yaml: the file already exists');
    expect(clash.stdout).toBe('');
    expect(readFileSync(join(dir, 'copy.yaml'), 'utf8')).toBe('keep: me\n');
    expect(clash.stderr).toContain('add --force to replace it');
    // --force replaces it, with the answers that decide the same way.
    const forced = await runCli(['decide', '--answers', join(ROOT, 'examples', 'support-tickets.yaml'), '--save', 'copy.yaml', '--force', '--json'], { cwd: dir });
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(dir, 'copy.yaml'), 'utf8')).toContain('labeledExamples: 2500');
    expect((await runCli(['decide', '--answers', 'copy.yaml', '--json'], { cwd: dir })).stdout).toBe(first.stdout);
    const alone = await runCli(['decide', '--answers', join(ROOT, 'examples', 'support-tickets.yaml'), '--force'], { cwd: dir });
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--force replaces the file --save writes, but no --save was given');
  });

  it('-v prints the version, and after a command it is still that command\'s --verbose', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['-v', '-V', '--version']) {
      const r = await runCli([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
    }
    const verbose = await runCli(['decide', '--answers', join(ROOT, 'examples', 'support-tickets.yaml'), '-v']);
    expect(verbose.stdout).toContain('\nAssumptions\n');
    const cases = await runCli(['rules', 'test', '-v']);
    expect(cases.stdout).toMatch(/passed, 0 failed/);
    expect(cases.stdout).not.toBe(`${version}\n`);
  });
});
