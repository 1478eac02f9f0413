// batch --format compact: each line is the projection of the full row (decided through the
// summary path), valid against `schema compact`, with gates and errors as the other formats.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, jsonLines } from '../helpers.js';

type Row = Record<string, unknown> & { row: number };
const lines = (text: string): Row[] => jsonLines<Row>(text);

const rows = [
  ...Array.from({ length: 24 }, (_, i) => ({
    task: ['text-classification', 'object-detection', 'tabular-classification', 'chat-assistant', 'speech-recognition', 'summarization'][i % 6],
    existingModel: ['exact', 'close', 'none', 'unknown'][(i >> 1) % 4],
    labeledExamples: (i * 7919) % 40000,
    budgetUsd: 5000 + ((i * 104729) % 200000),
    timelineWeeks: 2 + (i % 20),
    mlExpertise: ['none', 'some', 'strong'][i % 3],
  })),
  { task: 'text-classification', existingModel: 'clsoe' },
];
const input = rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('batch --format compact', () => {
  it('is the projection of the full rows, gates included, and an invalid row keeps its error', async () => {
    const args = ['batch', '-', '--max-cost', '50000', '--quiet'];
    const [full, compact] = await Promise.all([runCli([...args, '--format', 'jsonl'], { input }), runCli([...args, '--format', 'compact'], { input })]);
    expect(compact.code).toBe(full.code);
    expect(compact.code).toBe(3);
    const want = lines(full.stdout).map((r) => {
      if ('error' in r) return { row: r.row, error: r.error };
      const rec = r.recommendation as { approach: string; position: number; confidence: string };
      const spot = (r.spectrum as { cost?: { likely: number; high: number }; time?: { likely: number; high: number } }[])[rec.position]!;
      return {
        row: r.row,
        approach: rec.approach,
        position: rec.position,
        confidence: rec.confidence,
        ...(spot.cost ? { cost: { likely: spot.cost.likely, high: spot.cost.high } } : {}),
        ...(spot.time ? { weeks: { likely: spot.time.likely, high: spot.time.high } } : {}),
        warnings: (r.warnings as { id: string }[]).map((w) => w.id),
        ...(r.failedGates ? { failedGates: r.failedGates } : {}),
      };
    });
    expect(lines(compact.stdout)).toEqual(want);
  }, 60_000);

  it('every line validates against schema compact', async () => {
    const schema = JSON.parse((await runCli(['schema', 'compact'])).stdout) as object;
    const validate = new Ajv2020({ allowUnionTypes: true, strict: false }).compile(schema);
    const out = await runCli(['batch', join(ROOT, 'examples', 'portfolio.jsonl'), '--format', 'compact', '--fail-on', 'heavy-fine-tune', '--quiet']);
    for (const r of lines(out.stdout)) expect(validate(r), JSON.stringify(validate.errors)).toBe(true);
  });
});
