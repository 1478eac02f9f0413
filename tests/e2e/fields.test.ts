// batch --fields: each row is the full row projected (through arrays, in the order asked), with
// row, errors and gates kept; a path the result schema lacks is a usage error before any work.
import { describe, expect, it } from 'vitest';
import { runCli, jsonLines } from '../helpers.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Row = { [k: string]: Json } & { row: number };
const lines = (text: string): Row[] => jsonLines<Row>(text);

const rows = [
  ...Array.from({ length: 18 }, (_, i) => ({
    task: ['text-classification', 'object-detection', 'tabular-classification', 'chat-assistant', 'speech-recognition', 'summarization'][i % 6],
    existingModel: ['exact', 'close', 'none', 'unknown'][(i >> 1) % 4],
    labeledExamples: (i * 7919) % 40000,
    budgetUsd: 5000 + ((i * 104729) % 200000),
    mlExpertise: ['none', 'some', 'strong'][i % 3],
    ...(i % 4 === 0 ? { requestsPerMonth: 100000 } : {}),
  })),
  { task: 'text-classification', existingModel: 'clsoe' },
];
const input = rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** The reference projection, written apart from the one under test: one path at a time. */
function pick(value: Json, path: string[]): Json | undefined {
  if (!path.length) return value;
  if (Array.isArray(value)) return value.map((v) => pick(v, path) ?? {});
  if (value === null || typeof value !== 'object' || !(path[0]! in value)) return undefined;
  const inner = pick(value[path[0]!]!, path.slice(1));
  return inner === undefined ? undefined : { [path[0]!]: inner };
}
function merge(a: Json | undefined, b: Json | undefined): Json | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (Array.isArray(a) && Array.isArray(b)) return a.map((x, i) => merge(x, b[i])!);
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const out: { [k: string]: Json } = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = merge(out[k], v)!;
    return out;
  }
  return b;
}
function projected(full: Row[], paths: string[]): Row[] {
  return full.map((r) => {
    if ('error' in r) return { row: r.row, error: r.error };
    let out: Json | undefined = {};
    for (const p of paths) out = merge(out, pick(r, p.split('.')));
    return { row: r.row, ...(out as object), ...(r.failedGates ? { failedGates: r.failedGates } : {}) } as Row;
  });
}

describe('batch --fields', () => {
  const gated = ['batch', '-', '--max-cost', '40000', '--quiet'];

  it('is the full row projected, through arrays, in the order asked, with row, errors and gates kept', async () => {
    const paths = ['spectrum.cost', 'recommendation.approach', 'spectrum.running.how', 'assumptions', 'answers.budgetUsd'];
    const [full, picked] = await Promise.all([runCli([...gated, '--format', 'jsonl'], { input }), runCli([...gated, '--fields', paths.join(',')], { input })]);
    expect(picked.code).toBe(3);
    expect(picked.code).toBe(full.code);
    const got = lines(picked.stdout);
    expect(got).toEqual(projected(lines(full.stdout), paths));
    // Order as asked, row first and the gates last; every spot keeps its place in the array.
    expect(Object.keys(got[0]!)).toEqual(['row', 'spectrum', 'recommendation', 'assumptions', 'answers', 'failedGates']);
    expect(got[0]!.spectrum).toHaveLength(5);
    expect(Object.keys((got[0]!.spectrum as Row[])[0]!)).toEqual(['cost', 'running']);
    expect(got.at(-1)).toEqual({ row: rows.length, error: expect.objectContaining({ path: 'existingModel' }) as Json });
  }, 60_000);

  it('fields a summary carries (decided through the lean path) equal the full result projected', async () => {
    const paths = ['warnings.id', 'recommendation.confidence', 'answers.task', 'recommendation.position', 'recommendation.approach'];
    const [full, picked] = await Promise.all([runCli([...gated, '--format', 'jsonl'], { input }), runCli([...gated, '--fields', paths.join(','), '--format', 'json'], { input })]);
    expect(picked.code).toBe(3);
    expect(JSON.parse(picked.stdout)).toEqual(projected(lines(full.stdout), paths));
  }, 60_000);

  it('a whole value asked for wins over some of its fields, repeats are dropped, and --fields repeats', async () => {
    const [full, picked] = await Promise.all([
      runCli(['batch', '-', '--quiet', '--format', 'jsonl'], { input }),
      runCli(['batch', '-', '--quiet', '--fields', 'spectrum.cost,recommendation', '--fields', 'spectrum,recommendation'], { input }),
    ]);
    expect(lines(picked.stdout)).toEqual(projected(lines(full.stdout), ['spectrum', 'recommendation']));
  }, 60_000);

  it('an unknown path is a usage error naming it, with the closest path and the top-level fields', async () => {
    const r = await runCli(['batch', '-', '--fields', 'recommendation.aproach,spectrum.cost'], { input });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('"recommendation.aproach"');
    expect(r.stderr).toContain('did you mean "recommendation.approach"?');
    expect(r.stderr).toMatch(/top-level fields: schemaVersion, recommendation, spectrum, .*answers/);
    const top = await runCli(['batch', '-', '--fields', 'spectrun.cost'], { input });
    expect(top.code).toBe(2);
    expect(top.stderr).toContain('did you mean "spectrum"?');
    const leaf = await runCli(['batch', '-', '--fields', 'recommendation.approach.name'], { input });
    expect(leaf.code).toBe(2);
    expect(leaf.stderr).toContain('recommendation.approach has no fields inside it');
  });

  it('is refused with a format other than jsonl or json, before any row is read', async () => {
    for (const format of ['csv', 'compact', 'table']) {
      const r = await runCli(['batch', '/nonexistent/rows.jsonl', '--format', format, '--fields', 'recommendation'], { input });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`--fields projects JSON rows, but the format is ${format}`);
    }
  });
});
