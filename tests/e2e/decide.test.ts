// The built binary, end to end: results, exit codes, and every kind of bad answers file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

let dir: string;
const ESC = String.fromCharCode(27);
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ml-advisor-e2e-'));
});

const GOOD = { task: 'text-classification', existingModel: 'close', domainShift: 'small', labeledExamples: 2500 };

describe('decide --answers', () => {
  it('prints the contract result as JSON', async () => {
    const r = await runCli(['decide', '--answers', file('good.json', JSON.stringify(GOOD)), '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.schemaVersion).toBe(1);
    expect(out.recommendation.approach).toBe('fine-tune');
    expect(out.recommendation.position).toBe(2);
    expect(out.spectrum.map((s: { approach: string }) => s.approach)).toEqual(['use-as-is', 'feature-extraction', 'fine-tune', 'heavy-fine-tune', 'train-from-scratch']);
    expect(out.framework).toHaveLength(3);
    expect(out.rationale[0]).toMatchObject({ rule: 'fine-tune-with-labels' });
    expect(out.rationale[0].facts).toContain('labeledExamples = 2,500');
    expect(out.answers).toMatchObject({ ...GOOD, modality: 'text', mlExpertise: 'some', privacy: 'cloud-ok' });
    expect(out.warnings.map((w: { id: string }) => w.id)).toContain('evaluate-on-own-data');
    expect(out.whatWouldChange.some((w: { text: string }) => /fewer than 1,000 labelled examples this becomes feature-extraction/.test(w.text))).toBe(true);
  });

  it('gives byte-identical output for the same input', async () => {
    const p = file('same.yaml', 'task: chat-assistant\nexistingModel: close\nlabeledExamples: 20000\n');
    const a = await runCli(['decide', '--answers', p, '--json']);
    const b = await runCli(['decide', '--answers', p, '--json']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('reads answers from stdin with --answers -', async () => {
    const r = await runCli(['decide', '--answers', '-', '--format', 'yaml'], { input: 'task: sentiment-analysis\nexistingModel: exact\ndomainShift: small\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^schemaVersion: 1\nrecommendation:\n {2}approach: use-as-is/);
  });

  it('applies --set over the file, and --set alone is enough', async () => {
    const r = await runCli(['decide', '--answers', file('s.json', JSON.stringify(GOOD)), '--set', 'labeledExamples=200', '--json']);
    expect(JSON.parse(r.stdout).recommendation.approach).toBe('feature-extraction');
    const s = await runCli(['decide', '--set', 'task=music-generation', '--set', 'existingModel=exact', '--set', 'offTheShelfResult=meets-target', '--no-input', '--json']);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout).recommendation.approach).toBe('use-as-is');
  });

  it('accepts human numbers in --set', async () => {
    const r = await runCli(['decide', '--set', 'task=text-classification', '--set', 'existingModel=close', '--set', 'labeledExamples=10k', '--set', 'domainShift=large', '--set', 'mlExpertise=strong', '--json']);
    expect(JSON.parse(r.stdout).answers.labeledExamples).toBe(10000);
  });

  it('prints readable text, one screen at 80 columns, and no colour when piped', async () => {
    const r = await runCli(['decide', '--answers', file('t.json', JSON.stringify(GOOD))]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Recommendation: Fine-tune');
    expect(r.stdout).toMatch(/▶ fine-tune +[·├─●┤ ]+ \d+k /);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(30);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
    expect(r.stdout).not.toContain('Has someone already solved this?');
    expect(r.stdout).not.toContain(`${ESC}[`);
  });

  it('--verbose adds the three questions, the reasons and the assumptions; COLUMNS sets the width of a pipe', async () => {
    const r = await runCli(['decide', '--answers', file('v.json', JSON.stringify(GOOD)), '--verbose'], { env: { COLUMNS: '120' } });
    expect(r.code).toBe(0);
    for (const h of ['The three questions', 'Why', 'The other spots', 'Where to start', 'What would change the recommendation', 'Assumptions']) expect(r.stdout).toContain(`\n${h}\n`);
    const widths = r.stdout.split('\n').map((l) => [...l].length);
    expect(Math.max(...widths)).toBeLessThanOrEqual(120);
    expect(Math.max(...widths)).toBeGreaterThan(80);
  });

  it('colours text only when forced on a pipe, and never with --no-color', async () => {
    const p = file('c.json', JSON.stringify(GOOD));
    const forced = await runCli(['decide', '--answers', p], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain(`${ESC}[`);
    const off = await runCli(['decide', '--answers', p, '--no-color'], { env: { FORCE_COLOR: '1' } });
    expect(off.stdout).not.toContain(`${ESC}[`);
    const noColor = await runCli(['decide', '--answers', p], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(noColor.stdout).not.toContain(`${ESC}[`);
  });

  it('accepts a BOM and CRLF line endings', async () => {
    const yaml = '\uFEFFtask: text-classification\r\nexistingModel: close\r\nlabeledExamples: 2500\r\ndomainShift: small\r\n';
    const r = await runCli(['decide', '--answers', file('bom.yaml', yaml), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).recommendation.approach).toBe('fine-tune');
    const j = await runCli(['decide', '--answers', file('bom.json', '\uFEFF' + JSON.stringify(GOOD, null, 2).replace(/\n/g, '\r\n')), '--json']);
    expect(j.code).toBe(0);
  });
});

describe('usage errors exit 2', () => {
  it('no answers and no terminal: exits at once without reading stdin', async () => {
    const r = await runCli(['decide'], { timeoutMs: 5000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no answers given, and there is no terminal/);
    expect(r.stdout).toBe('');
  });
  it('--no-input with no answers', async () => {
    const r = await runCli(['decide', '--no-input']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--no-input/);
  });
  it('unknown flag suggests the closest', async () => {
    const r = await runCli(['decide', '--answer', 'x.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--answers/);
  });
  it('bad --format value', async () => {
    const r = await runCli(['decide', '--answers', 'examples/support-tickets.yaml', '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/text, json, yaml/);
  });
  it('missing file', async () => {
    const r = await runCli(['decide', '--answers', join(dir, 'nope.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no such file/);
  });
  it('--set with an unknown field', async () => {
    const r = await runCli(['decide', '--set', 'labelledExamples=5', '--set', 'task=other']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/did you mean `labeledExamples`/);
  });
});

// Each bad answers file: a clear exit 3 naming the place, never a crash or a stack trace.
const BAD: [string, string, string | Buffer, RegExp][] = [
  ['empty file', 'empty.json', '', /empty/],
  ['whitespace only', 'ws.yaml', '  \n\n', /empty/],
  ['truncated JSON', 'trunc.json', '{"task": "text-classification", "existingMo', /trunc\.json:1:\d+: not valid JSON/],
  ['wrong type', 'type.json', JSON.stringify({ ...GOOD, labeledExamples: 'many' }), /type\.json:1:\d+ \(labeledExamples\): expected a whole number ≥ 0 and ≤ 1,000,000,000,000, found "many" \(words\)\n\s+→ write it in digits, e\.g\. 2,500/],
  ['a percentage for a count', 'pct.yaml', 'task: text-classification\nexistingModel: close\nlabeledExamples: 35%\n', /pct\.yaml:3:18 \(labeledExamples\): expected a whole number ≥ 0 and ≤ 1,000,000,000,000, found "35%" \(a percentage, but this is a count of labelled examples\)/],
  ['negative count', 'neg.yaml', 'task: text-classification\nexistingModel: close\nlabeledExamples: -5\n', /neg\.yaml:3:18 \(labeledExamples\): expected a whole number ≥ 0 and ≤ 1,000,000,000,000, found -5/],
  ['fractional count', 'frac.yaml', 'task: text-classification\nexistingModel: close\nlabeledExamples: 2.5\n', /whole number/],
  ['out of range mfu', 'mfu.yaml', 'task: text-classification\nexistingModel: close\nmfu: 1.5\n', /mfu\): expected a number ≥ 0.001 and ≤ 1, found 1.5/],
  ['infinite number in YAML', 'inf.yaml', 'task: text-classification\nexistingModel: close\nbudgetUsd: .inf\n', /budgetUsd\): expected a number ≥ 0 and ≤ 1,000,000,000,000, found Infinity/],
  ['enum typo', 'enum.yaml', 'task: text-clasification\nexistingModel: close\n', /enum\.yaml:1:7 \(task\):[\s\S]*did you mean "text-classification"/],
  ['unknown field', 'unknown.yaml', 'task: text-classification\nexistingModel: close\nlabelledExamples: 10\n', /unknown\.yaml:3:1 \(labelledExamples\): unknown field[\s\S]*did you mean `labeledExamples`/],
  ['missing required', 'missing.yaml', 'task: text-classification\n', /missing required answer "existingModel"/],
  ['other without modality', 'other.yaml', 'task: other\nexistingModel: none\n', /modality/],
  ['a list instead of an object', 'list.json', '[1,2,3]', /expected an object of answers, found a list/],
  ['a scalar', 'scalar.yaml', 'hello\n', /expected an object of answers/],
  ['YAML alias bomb', 'bomb.yaml', 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n', /alias/],
  ['duplicate keys in YAML', 'dup.yaml', 'task: text-classification\ntask: summarization\nexistingModel: close\n', /dup\.yaml:2:1: duplicate key/],
  ['duplicate keys in JSON', 'dup.json', '{"task": "text-classification", "existingModel": "close", "task": "summarization"}', /dup\.json:1:59: duplicate key "task"/],
  ['__proto__ key', 'proto.json', '{"task": "text-classification", "existingModel": "close", "__proto__": {"polluted": true}}', /unknown field "__proto__"/],
  ['constructor key', 'ctor.yaml', 'task: text-classification\nexistingModel: close\nconstructor: 1\n', /unknown field "constructor"/],
  ['deeply nested JSON', 'deep.json', '{"task": ' + '['.repeat(5000) + ']'.repeat(5000) + '}', /nest/],
  ['deeply nested YAML', 'deep.yaml', 'task: ' + '['.repeat(3000) + ']'.repeat(3000) + '\n', /deep|nest|YAML/],
  ['binary garbage', 'garbage.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe, 0x13, 0x37]), /not UTF-8 text|binary/],
  ['invalid JSON that YAML would accept', 'lax.json', "{task: 'text-classification', existingModel: close}", /not valid JSON/],
  ['null value', 'null.json', JSON.stringify({ ...GOOD, domainShift: null }), /domainShift\): expected one of none, small, moderate, large, found null/],
];

describe('bad answers exit 3 with a located message', () => {
  it.each(BAD)('%s', async (_name, fname, content, pattern) => {
    const r = await runCli(['decide', '--answers', file(fname, content), '--json']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/); // no stack trace
    expect(r.stderr.split('\n').length).toBeLessThan(12);
  });

  it('reports every problem, not only the first', async () => {
    const r = await runCli(['decide', '--answers', file('many.yaml', 'task: txt\nexistingModel: maybe\nlabeledExamples: -1\nfoo: 1\n')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/4 problems/);
    for (const f of ['task', 'existingModel', 'labeledExamples', 'foo']) expect(r.stderr).toContain(`(${f})`);
  });

  it('a bad --set value names the flag', async () => {
    const r = await runCli(['decide', '--answers', file('g2.json', JSON.stringify(GOOD)), '--set', 'labeledExamples=lots']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/--set labeledExamples: expected a whole number/);
  });

  it('a --set value the catalogs refuse names --set, not the answers file', async () => {
    const r = await runCli(['decide', '--answers', file('g3.json', JSON.stringify(GOOD)), '--set', 'gpu=tpu-v5']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^ {2}--set gpu: unknown GPU "tpu-v5"/m);
    expect(r.stderr).not.toContain('g3.json');
  });

  it.each([
    ['--max-cost', '15k', 0, /gate failed: --max-cost 15,000/],
    ['--max-cost', '$15,000', 0, /gate failed: --max-cost 15,000/],
    ['--max-weeks', 'abc', 2, /error: --max-weeks: expected a number of weeks, found "abc"\n {2}→ e\.g\. --max-weeks 12/],
    ['--max-cost', '35%', 2, /--max-cost: expected an amount in USD, found "35%" \(a percentage/],
    ['--max-weeks', '3 months', 2, /about 13 weeks/],
  ])('%s %s: human numbers, and a hint that fits the mistake', async (flag, value, code, pattern) => {
    const r = await runCli(['decide', '--answers', file('g4.json', JSON.stringify(GOOD)), flag, value, '--json']);
    expect(r.code).toBe(code === 0 ? 1 : code);
    expect(r.stderr).toMatch(pattern);
  });

  it('answers files take human numbers and money with a $', async () => {
    const r = await runCli(['decide', '--answers', file('human.yaml', 'task: text-classification\nexistingModel: close\nlabeledExamples: 10k\nbudgetUsd: $60,000\nmodelParams: 110M\n'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).answers).toMatchObject({ labeledExamples: 10000, budgetUsd: 60000, modelParams: 110e6 });
  });
});

describe('internal errors', () => {
  it('--help and --version exit 0', async () => {
    const h = await runCli(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^Usage: ml-advisor/);
    const d = await runCli(['decide', '--help']);
    expect(d.stdout).toMatch(/Examples:/);
    const v = await runCli(['--version']);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
