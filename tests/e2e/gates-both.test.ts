// decide and batch judge the same row the same way: every gate, on the same rows, through both
// commands of the built binary — rows with every figure, rows whose recommended spot has no
// compute estimate (a rules layer that leaves image generation without FLOPs per sample) or a part
// not estimated (the compute cost on a GPU with no published price, which is estimated in hours
// and flagged since issue 11, no longer refused). A gate that cannot judge fails closed, with a
// message saying why.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDirs } from '../helpers.js';

const temp = tempDirs('ml-advisor-gates-');

const ROWS: Record<string, unknown>[] = [
  { task: 'text-classification', existingModel: 'close', labeledExamples: 5000, domainShift: 'small' },
  { task: 'sentiment-analysis', existingModel: 'exact', offTheShelfResult: 'meets-target' },
  { task: 'image-generation', existingModel: 'close', labeledExamples: 5000 },
  { task: 'text-classification', existingModel: 'close', gpu: 'titan-rtx' },
  { task: 'text-classification', existingModel: 'none', proprietaryData: true, labeledExamples: 200000, mlExpertise: 'strong' },
];

const GATES: string[][] = [
  ['--max-cost', '1'],
  ['--max-cost', '1e12'],
  ['--max-weeks', '0.5'],
  ['--max-weeks', '1e6'],
  ['--fail-on', 'fine-tune'],
];

/**
 * A layer under which image generation has no FLOPs per sample: its spots' compute is not estimated.
 * (An MFU range missing for a generation no longer leaves a spot without estimates: the class's
 * range from another generation is borrowed and the assumption says so.)
 */
const HOLE = 'version: 1\nestimates:\n  families:\n    image-generation: { model: an unsized generator, params: 860000000, epochs: 1, gpu: a100-80gb, scratchGpu: a100-80gb, source: "test: a hole", asOf: 2026-11 }\n';

interface Verdict {
  kind: 'pass' | 'gate' | 'invalid';
  gates: string[];
}

async function viaDecide(dir: string, row: Record<string, unknown>, args: string[]): Promise<Verdict> {
  const file = join(dir, `row-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(row));
  const r = await runCli(['decide', '--answers', file, '--json', ...args]);
  const gates = r.stderr.split('\n').filter((l) => l.startsWith('gate failed: ')).map((l) => l.slice('gate failed: '.length));
  if (r.code === 3) return { kind: 'invalid', gates: [] };
  expect([0, 1], r.stderr).toContain(r.code);
  return { kind: r.code === 1 ? 'gate' : 'pass', gates };
}

async function viaBatch(dir: string, args: string[]): Promise<Verdict[]> {
  const file = join(dir, 'rows.jsonl');
  writeFileSync(file, ROWS.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const r = await runCli(['batch', file, '--format', 'jsonl', '--quiet', ...args]);
  return r.stdout.trimEnd().split('\n').map((l) => {
    const row = JSON.parse(l) as { error?: unknown; failedGates?: { message: string }[] };
    if (row.error) return { kind: 'invalid', gates: [] };
    const gates = (row.failedGates ?? []).map((g) => g.message);
    return { kind: gates.length ? 'gate' : 'pass', gates };
  });
}

describe('every gate, the same rows, through decide and through batch', () => {
  for (const layer of [undefined, HOLE]) {
    it(layer ? 'with a layer that leaves spots without estimates' : 'with the built-in rules', async () => {
      const dir = temp();
      const rules: string[] = [];
      if (layer) {
        writeFileSync(join(dir, 'hole.yaml'), layer);
        rules.push('--rules', join(dir, 'hole.yaml'));
      }
      const seen = new Set<string>();
      for (const gate of GATES) {
        const args = [...rules, ...gate];
        const batch = await viaBatch(dir, args);
        expect(batch).toHaveLength(ROWS.length);
        const decide: Verdict[] = [];
        for (const row of ROWS) decide.push(await viaDecide(dir, row, args));
        expect(batch, gate.join(' ')).toEqual(decide);
        for (const v of decide) for (const g of v.gates) seen.add(g.replace(/^--[a-z-]+ [^:]+: /, '').replace(/ [\d,.]+ (USD|weeks)/, ' N $1').slice(0, 60));
      }
      // The cases the rows are there for did come up.
      const all = [...seen].join('\n');
      expect(all).toMatch(/cannot judge: [a-z-]+ would likely cost N/);
    }, 120_000);
  }
});

describe('a gate that cannot judge fails closed, saying why', () => {
  it('decide: a spot whose compute cannot be estimated → exit 1, not 0', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'hole.yaml'), HOLE);
    const r = await runCli(['decide', '--no-input', '--set', 'task=image-generation', '--set', 'existingModel=close', '--set', 'labeledExamples=5000', '--rules', join(dir, 'hole.yaml'), '--max-cost', '1e9', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^gate failed: --max-cost 1,000,000,000: cannot judge: fine-tune would likely cost [\d,]+ USD without its compute, which could not be estimated/);
  });

  it('a part not estimated: fails when under the limit, is judged when over it anyway', async () => {
    // The TITAN RTX has no rental price: its GPU-hours are estimated, its compute cost is not.
    const base = ['decide', '--no-input', '--set', 'task=text-classification', '--set', 'existingModel=close', '--set', 'labeledExamples=5000', '--set', 'gpu=titan-rtx', '--json'];
    const under = await runCli([...base, '--max-cost', '1e9']);
    expect(under.code).toBe(1);
    expect(under.stderr).toMatch(/^gate failed: --max-cost 1,000,000,000: cannot judge: fine-tune would likely cost [\d,]+ USD without its compute, which could not be estimated/);
    const over = await runCli([...base, '--max-cost', '10']);
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/^gate failed: --max-cost 10: fine-tune would likely cost [\d,]+ USD \(compute not counted\)\n$/);
    expect(JSON.parse(over.stdout).spectrum[2].cost.notEstimated).toEqual(['compute']);
  });

  it('batch: a GPU with no price is a valid row whose cost gate fails closed (exit 1), as in decide', async () => {
    const r = await runCli(['batch', '-', '--max-cost', '1', '--format', 'csv'], { input: '{"task":"text-classification","existingModel":"close","gpu":"titan-rtx"}\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('no published price');
  });
});
