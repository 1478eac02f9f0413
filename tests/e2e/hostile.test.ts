// Hostile and faulty input against the built binary (issues 16 and 17): each case exits with a
// code of the contract, says where and what, and never hangs, crashes or prints a stack.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/errors.js';
import { CLI, ROOT, runCli, tempDirs } from '../helpers.js';

const dir = tempDirs('ml-advisor-hostile-')();
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const GOOD = { task: 'text-classification', existingModel: 'close' };
const SET = ['--no-input', '--set', 'task=text-classification', '--set', 'existingModel=close'];
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .*:\d+:\d+/);

describe('keys that name a prototype', () => {
  it.each(['__proto__', 'constructor', 'hasOwnProperty', 'toString'])('--set gpu=%s is an unknown GPU and the gate is not bypassed (decide and batch)', async (name) => {
    const d = await runCli(['decide', ...SET, '--set', `gpu=${name}`, '--max-cost', '1', '--json']);
    expect(d.code).toBe(3);
    noStack(d.stderr);
    expect(d.stderr).toContain(`unknown GPU "${name}"`);
    const b = await runCli(['batch', '-', '--max-cost', '1'], { input: JSON.stringify({ ...GOOD, gpu: name }) + '\n' });
    expect(b.code).toBe(3);
    expect(JSON.parse(b.stdout).error.message).toContain(`unknown GPU "${name}"`);
  });

  it('a CSV column named __proto__ is an unknown field', async () => {
    const r = await runCli(['batch', file('p.csv', 'task,existingModel,__proto__\ntext-classification,close,x\n')]);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).error.message).toContain('unknown field "__proto__"');
  });

  it.each([
    ['define.yaml', 'version: 1\ndefine:\n  __proto__: {field: task, is: other}\n', 'define.yaml:3:3 (define.__proto__)'],
    ['families.json', '{"version":1,"estimates":{"families":{"__proto__":{"model":"x"}}}}', 'families.json:1:39 (estimates.families.__proto__)'],
    ['hardware.yaml', 'version: 1\nestimates:\n  hardware:\n    constructor: {name: X, tflops: 1, memoryGb: 1, generation: hopper, source: s, asOf: 2026-01}\n', 'hardware.yaml:4:5 (estimates.hardware.constructor)'],
  ])('a rules layer with a prototype name as a key (%s) is refused at the key', async (name, content, where) => {
    const r = await runCli(['rules', 'validate', file(name, content)]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(where);
  });
});

describe('figures and dates', () => {
  it.each([['engineerWeeklyUsd', '1e308'], ['gpuHourlyUsd', '1e308'], ['modelParams', '1e308'], ['trainingTokens', '1e300'], ['trainingSamples', '1e300'], ['teamSize', '1e300']])('--set %s=%s is refused with the range', async (field, v) => {
    const r = await runCli(['decide', ...SET, '--set', `${field}=${v}`, '--json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`--set ${field}: expected .* ≤ [\\d,.]+, found`));
  });

  it('a layer with a price of 1e308 is refused at its line', async () => {
    const r = await runCli(['decide', ...SET, '--rules', file('price.yaml', 'version: 1\nestimates:\n  prices:\n    h100-sxm: {likely: 1e308, source: s, asOf: 2026-01}\n'), '--json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/price\.yaml:4:\d+ \(estimates\.prices\.h100-sxm\.likely\): expected a price in USD per GPU-hour ≥ 0 and ≤ 1,000, found 1e\+308/);
  });

  it('--as-of 2026-13 is a usage error; evaluatedOn: 2026-13 an invalid layer', async () => {
    expect((await runCli(['decide', ...SET, '--as-of', '2026-13'])).code).toBe(2);
    const r = await runCli(['rules', 'validate', file('date.yaml', 'version: 1\nestimates:\n  evaluatedOn: 2026-13\n')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/date\.yaml:3:\d+ .*real date/);
  });

  it('--set budgetUsd=1,5 is not 15', async () => {
    const r = await runCli(['decide', ...SET, '--set', 'budgetUsd=1,5', '--json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('found "1,5"');
    expect(r.stderr).toContain('commas only group thousands');
  });

  it('9007199254740993 is reported as written', async () => {
    const r = await runCli(['decide', '--answers', file('big.json', '{"task":"text-classification","existingModel":"close","labeledExamples":9007199254740993}')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('big.json:1:73: the number 9007199254740993 cannot be read exactly');
  });
});

describe('YAML: the core schema only', () => {
  it.each([
    ['js.yaml', 'version: 1\ndescription: !!js/function "function () {}"\n', 'js.yaml:2:', '!!js/function'],
    ['custom.yaml', 'version: 1\ndescription: !mine x\n', 'custom.yaml:2:', '!mine'],
    ['binary.yaml', 'version: 1\ndescription: !!binary aGk=\n', 'binary.yaml:2:', '!!binary'],
  ])('a rules layer with a tag outside it (%s) is refused at its position', async (name, content, where, tag) => {
    const r = await runCli(['rules', 'validate', file(name, content)]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(where);
    expect(r.stderr).toContain(tag);
  });

  it('!!float on a whole number in answers is refused with a position; !!int and !!str work', async () => {
    const bad = await runCli(['decide', '--answers', file('f.yaml', 'task: text-classification\nexistingModel: close\nlabeledExamples: !!float 100\n'), '--json']);
    expect(bad.code).toBe(3);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/f\.yaml:3:\d+: the value does not fit its tag !!float/);
    const ok = await runCli(['decide', '--answers', file('ok.yaml', 'task: !!str text-classification\nexistingModel: close\nlabeledExamples: !!int 100\n'), '--json']);
    expect(ok.code).toBe(0);
  });
});

describe('inputs are bounded', () => {
  it.each([
    [['decide', '--answers', '/dev/zero'], 2, 'is a device'],
    [['batch', '/dev/zero', '--input-format', 'jsonl'], 2, 'is a device'],
    [['decide', ...SET], 2, 'is a device', { ML_ADVISOR_RULES: '/dev/zero' }],
  ] as [string[], number, string, NodeJS.ProcessEnv?][])('%j is refused at once', async (args, code, message, env) => {
    const t = Date.now();
    const r = await runCli(args, { env, timeoutMs: 10000 });
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
    expect(Date.now() - t).toBeLessThan(8000);
  });

  it('an answers file over 4 MB is refused; so are 5 MB of answers on standard input', async () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    const r = await runCli(['decide', '--answers', file('huge.yaml', `# ${big}\ntask: text-classification\n`)]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('more than the 4 MB an answers file may be');
    const s = await runCli(['decide', '--answers', '-'], { input: `{"task": "${big}"}` });
    expect(s.code).toBe(3);
    expect(s.stderr).toContain('more than the 4 MB');
  });

  it('a 2 MB line in JSON Lines is that row\'s error, and the batch goes on', async () => {
    const input = `${JSON.stringify({ ...GOOD, note: 'x'.repeat(2 * 1024 * 1024) })}\n${JSON.stringify(GOOD)}\n`;
    const r = await runCli(['batch', '-'], { input });
    expect(r.code).toBe(3);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { row: number; error?: { message: string }; recommendation?: unknown });
    expect(rows.map((x) => x.row)).toEqual([1, 2]);
    expect(rows[0]!.error!.message).toContain('longer than 1 MB');
    expect(rows[1]!.recommendation).toBeDefined();
  });

  it('a JSON array is streamed: positions inside an element are the file\'s', async () => {
    const r = await runCli(['batch', file('rows.json', `[\n  ${JSON.stringify(GOOD)},\n  {"task": "text-classification", "existingModel": "clsoe"}\n]\n`)]);
    expect(r.code).toBe(3);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { row: number; error?: { line: number; column: number } });
    expect(rows[1]!.error).toMatchObject({ line: 3, column: 35 });
  });

  it('a 10 MB enum value and a 10 MB unknown key are answered fast, quoted by an excerpt', async () => {
    const long = 'y'.repeat(10 * 1024 * 1024);
    for (const doc of [{ ...GOOD, domainShift: long }, { ...GOOD, [long]: 1 }]) {
      const t = Date.now();
      const r = await runCli(['batch', '-'], { input: JSON.stringify(doc) + '\n' });
      // Over the row limit: the row is refused unread.
      expect(r.code).toBe(3);
      expect(r.stdout.length + r.stderr.length).toBeLessThan(4000);
      expect(Date.now() - t).toBeLessThan(10000);
    }
    const r = await runCli(['decide', '--answers', file('key.json', JSON.stringify({ ...GOOD, ['k'.repeat(1024 * 1024)]: 1 }))]);
    expect(r.code).toBe(3);
    expect(r.stderr.length).toBeLessThan(2000);
    expect(r.stderr).toContain('characters)');
  });
});

describe('named pipes', () => {
  it('a FIFO with no writer does not freeze the process: Ctrl-C ends it; one with a writer is read', async () => {
    const fifo = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const child = spawn(process.execPath, [CLI, 'decide', '--answers', fifo, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise((r) => setTimeout(r, 1500));
    const sent = Date.now();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(Date.now() - sent).toBeLessThan(5000);
    const reader = runCli(['decide', '--answers', fifo, '--json']);
    await new Promise((r) => setTimeout(r, 500));
    writeFileSync(fifo, 'task: translation\nexistingModel: exact\n');
    const r = await reader;
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).answers.task).toBe('translation');
  });
});

describe('text encodings and empty files', () => {
  it('a UTF-16 file with a byte-order mark is read', async () => {
    const text = JSON.stringify(GOOD);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [name, bytes] of [['le.json', le], ['be.json', be]] as const) {
      const r = await runCli(['decide', '--answers', file(name, bytes), '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).answers.task).toBe('text-classification');
    }
  });

  it('an empty rules file gets a hint about rules, not answers', async () => {
    const r = await runCli(['rules', 'validate', file('empty.yaml', '')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('a rules layer starts with `version: 1`');
    expect(r.stderr).not.toContain('answers');
  });
});

describe('the README', () => {
  it('lists every exit code the tool returns', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| exit code | meaning |'));
    for (const code of Object.values(EXIT)) expect(table).toMatch(new RegExp(`\\n\\| ${code} \\|`));
  });
});
