// A seeded, time-bounded fuzz run over the three readers (answers, batch rows, rule layers),
// through the same commander tree and error mapping as the binary, in-process so that thousands
// of inputs fit in a few seconds. Whatever comes in: an exit code of the contract, never 4
// (a bug), no stack trace, and with exit 0 and --json a parseable result with finite numbers.
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { errorExit } from '../../src/exit.js';
import { buildProgram } from '../../src/program.js';
import { PROTOTYPE_NAMES } from '../../src/core/text/own.js';
import { FIELDS } from '../../src/core/answers/fields.js';
import type { IO } from '../../src/io/io.js';
import { tempDirs } from '../helpers.js';

const dir = tempDirs('ml-advisor-fuzz-')();
const SEED = 1617;
const TIME = 3000;

interface Ran { code: number; stdout: string; stderr: string }

async function run(args: string[]): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const io: IO = {
    stdout: { write: (s: string) => ((stdout += s), true) },
    stderr: { write: (s: string) => ((stderr += s), true) },
    stdin: new PassThrough(),
    stdinIsTTY: false,
    env: {},
    cwd: dir,
    readStdin: async () => '',
  };
  const state = { exitCode: 0, debug: false };
  let code: number;
  try {
    await buildProgram(io, state).parseAsync(['node', 'ml-advisor', ...args]);
    code = state.exitCode;
  } catch (e) {
    code = errorExit(e, false, io.stderr);
  }
  return { code, stdout, stderr };
}

function finiteEverywhere(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (v && typeof v === 'object') return Object.values(v).every(finiteEverywhere);
  return true;
}

const hostileString = fc.oneof(fc.string(), fc.constantFrom(...PROTOTYPE_NAMES, '', '1,5', '9007199254740993', '1e308', '-0', 'NaN', '2026-13', '\u0000', '\uFEFF', '!!js/function'));
const hostileNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(1e308, -1e308, 5e-324, 2 ** 53 + 2, 0, -1));
const fieldValue = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
const nearAnswers = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS.map((f) => f.name)), fc.constantFrom(...PROTOTYPE_NAMES), fc.string()), fieldValue, { maxKeys: 8 })
  .map((o) => ({ task: 'text-classification', existingModel: 'close', ...o }));
const yamlish = fc.array(fc.oneof(fc.constantFrom('task: ', 'existingModel: close\n', 'labeledExamples: ', '!!float ', '!!js/function ', '!x ', '&a ', '*a ', '<<: ', '- ', '{', '}', '[', ']', ': ', '\n', '  ', '"', "'", '#', '%YAML 1.1\n---\n', 'gpu: __proto__\n', '1e308', '0x1F', '.inf', 'yes'), fc.string({ maxLength: 6 })), { maxLength: 30 }).map((a) => a.join(''));
const document = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
  nearAnswers.map((v) => Buffer.from(JSON.stringify(v))),
  yamlish.map((t) => Buffer.from(t)),
);

const CONTRACT = [0, 1, 2, 3];
function expectContract(r: Ran): void {
  expect(CONTRACT).toContain(r.code);
  expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  expect(r.stderr).not.toContain('internal error');
}

let n = 0;
const name = (ext: string) => join(dir, `in-${n++}${ext}`);
const OPTS = { seed: SEED, numRuns: 100_000, interruptAfterTimeLimit: TIME, markInterruptAsFailure: false };

describe('fuzz (seeded, about three seconds each)', () => {
  it('the answers reader: decide --answers FILE --json', async () => {
    let ran = 0;
    await fc.assert(fc.asyncProperty(document, fc.constantFrom('.json', '.yaml'), async (bytes, ext) => {
      const f = name(ext);
      writeFileSync(f, bytes);
      const r = await run(['decide', '--answers', f, '--json', '--no-input']);
      ran++;
      expectContract(r);
      if (r.code === 0) expect(finiteEverywhere(JSON.parse(r.stdout))).toBe(true);
    }), OPTS);
    expect(ran).toBeGreaterThan(5);
  }, 30_000);

  it('the batch reader: batch FILE in every input format', async () => {
    let ran = 0;
    await fc.assert(fc.asyncProperty(fc.array(document, { maxLength: 4 }), fc.constantFrom('.jsonl', '.json', '.yaml', '.csv'), async (docs, ext) => {
      const f = name(ext);
      writeFileSync(f, ext === '.jsonl' ? Buffer.concat(docs.flatMap((d) => [d, Buffer.from('\n')])) : ext === '.csv' ? Buffer.concat([Buffer.from('task,existingModel,gpu\n'), ...docs]) : docs[0] ?? Buffer.alloc(0));
      const r = await run(['batch', f, '--format', 'jsonl', '--max-cost', '1000000']);
      ran++;
      expectContract(r);
      if (r.code !== 2) for (const line of r.stdout.split('\n').filter(Boolean)) expect(finiteEverywhere(JSON.parse(line))).toBe(true);
    }), OPTS);
    expect(ran).toBeGreaterThan(5);
  }, 30_000);

  const layer = fc.record({
    version: fc.constantFrom(1, 1, 2, '1'),
    define: fc.option(fc.dictionary(fc.oneof(fc.string(), fc.constantFrom(...PROTOTYPE_NAMES)), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), { nil: undefined }),
    estimates: fc.option(fc.dictionary(fc.constantFrom('prices', 'hardware', 'mfu', 'families', 'teamSize', 'evaluatedOn', 'labeling'), fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(fc.oneof(fc.constantFrom('h100-sxm', 'a100-80gb', '__proto__', 'constructor'), fc.string()), fc.record({ likely: hostileNumber, low: hostileNumber, high: hostileNumber, value: hostileNumber, source: fc.constant('s'), asOf: fc.constantFrom('2026-01', '2026-13') }, { requiredKeys: [] }), { maxKeys: 2 })), { maxKeys: 3 }), { nil: undefined }),
    rules: fc.option(fc.array(fc.record({ id: hostileString, kind: fc.constantFrom('decide', 'warn', 'limit', 'x'), priority: hostileNumber, when: fc.jsonValue({ maxDepth: 3 }), then: fc.jsonValue({ maxDepth: 2 }), because: hostileString }, { requiredKeys: ['id'] }), { maxLength: 3 }), { nil: undefined }),
  }, { requiredKeys: ['version'] });

  it('the rules loader: rules validate FILE, and decide over the layer', async () => {
    let ran = 0;
    await fc.assert(fc.asyncProperty(fc.oneof(layer.map((l) => Buffer.from(JSON.stringify(l))), document), async (bytes) => {
      const f = name('.json');
      writeFileSync(f, bytes);
      expectContract(await run(['rules', 'validate', f]));
      const d = await run(['decide', '--rules', f, '--no-input', '--set', 'task=text-classification', '--set', 'existingModel=close', '--json']);
      ran++;
      expectContract(d);
      if (d.code === 0) expect(finiteEverywhere(JSON.parse(d.stdout))).toBe(true);
    }), OPTS);
    expect(ran).toBeGreaterThan(0);
  }, 30_000);
});
