// The row serializer against its oracle, JSON.stringify (rowJson): the same bytes for every rule
// case and a random sample of the answer space, decided in one batch so the shared records are
// reused; and for random values whose records change between rows (never reused, only frozen
// ones are), so a reuse that went stale would show.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkCases } from '../../src/core/pipeline/cases.js';
import { decideRow, type BatchRow } from '../../src/core/pipeline/batch.js';
import { gatesFor } from '../../src/core/result/row-gates.js';
import { ByteBuffer, JsonRowEncoder } from '../../src/io/json-bytes.js';
import { batchWriter, encodeRow, rowJson } from '../../src/io/render-batch.js';
import { Sink } from '../../src/io/batch-output.js';
import { answersArb } from '../core/arbitraries.js';
import { ROOT, builtInRuleSet } from '../helpers.js';

const rs = builtInRuleSet();
const dir = join(ROOT, 'rules', 'tests');
const caseAnswers = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => checkCases(parse(readFileSync(join(dir, f), 'utf8')), rs).cases!.map((c) => c.answers as unknown));
const sampled = fc.sample(answersArb, { numRuns: 150, seed: 15 }) as unknown[];

/** Every case and sample as a batch row: decided (some with gates), or invalid. */
function batchRows(): BatchRow[] {
  const gates = [gatesFor({ maxCost: 30000 })];
  return [...caseAnswers, ...sampled, { task: 'nope' }].map((answers, i) => {
    const d = decideRow(answers, {}, rs, i % 3 === 0 ? gates : []);
    return d.ok ? { row: i + 1, summary: d.summary, result: d.result, ...(d.failedGates ? { failedGates: d.failedGates } : {}) } : { row: i + 1, error: { message: d.issues[0]!.message } };
  });
}

/** Encodes each row, taking the bytes out at uneven points (as flushes do), and joins them. */
function encodeAll(rows: BatchRow[], encode: (r: BatchRow, into: ByteBuffer) => void, slab: number): Buffer {
  const into = new ByteBuffer(slab);
  const out: Buffer[] = [];
  rows.forEach((r, i) => {
    encode(r, into);
    if (i % 7 === 3) out.push(into.take());
  });
  out.push(into.take());
  return Buffer.concat(out);
}

describe('JsonRowEncoder', () => {
  const rows = batchRows();
  const oracle = rows.map((r) => rowJson(r) + '\n').join('');

  it('writes the bytes of JSON.stringify for every rule case and sampled answers, twice over', () => {
    expect(rows.length).toBeGreaterThan(180);
    const encoder = new JsonRowEncoder();
    for (const slab of [1 << 20, 4096]) {
      const bytes = encodeAll([...rows, ...rows], (r, into) => encodeRow(encoder, r, into, '', '\n'), slab);
      expect(bytes.toString('utf8')).toBe(oracle + oracle);
    }
  });

  it('the JSON writer encodes what its row() prints', () => {
    const [text, bytes] = [batchWriter('json'), batchWriter('json')];
    const printed = text.start() + rows.map((r) => text.row(r)).join('') + text.end({} as never);
    expect(bytes.encode).toBeDefined();
    const encoded = bytes.start() + encodeAll(rows, (r, into) => bytes.encode!(r, into), 1 << 16).toString('utf8') + bytes.end({} as never);
    expect(encoded).toBe(printed);
    expect(JSON.parse(encoded)).toHaveLength(rows.length);
  });

  it('through a Sink, at 64 kB boundaries, the bytes are the same', () => {
    const chunks: Buffer[] = [];
    const sink = new Sink({ write: (c: string | Buffer) => chunks.push(Buffer.from(c)) });
    const w = batchWriter('jsonl');
    for (const r of rows) sink.encode((into) => w.encode!(r, into));
    sink.flush();
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks.slice(0, -1)) expect(c.at(-1)).toBe(0x0a);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(oracle);
  });

  it('encodes a frozen record once however many rows hold it, and the catalog records are frozen', () => {
    let reads = 0;
    const shared = Object.freeze({
      get what() {
        reads++;
        return 'Compute formula';
      },
    });
    const encoder = new JsonRowEncoder();
    const into = new ByteBuffer(256);
    for (let i = 1; i <= 5; i++) encodeRow(encoder, { row: i, summary: {} as never, result: { assumptions: [shared] } as never }, into, '', '\n');
    expect(into.take().toString('utf8')).toBe([1, 2, 3, 4, 5].map((i) => `{"row":${i},"assumptions":[{"what":"Compute formula"}]}\n`).join(''));
    // Once to see it holds plain values, once to make its bytes: not once a row.
    expect(reads).toBe(2);
    const decided = rows.find((r) => 'result' in r && r.result) as { result: { assumptions: object[]; rulesLayers: object[] } };
    expect(decided.result.assumptions.filter((a) => Object.isFrozen(a)).length).toBeGreaterThan(3);
    expect(decided.result.rulesLayers.every((l) => Object.isFrozen(l))).toBe(true);
  });

  const primitive = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null));
  const record = fc.dictionary(fc.string({ maxLength: 6 }), primitive, { maxKeys: 5 });
  type Edit = { at: number; key: string; value: unknown; kind: 'set' | 'delete' | 'reorder' | 'none' };
  const edit = fc.record({ at: fc.nat(), key: fc.string({ maxLength: 6 }), value: fc.oneof(primitive, fc.constant(undefined), fc.constant({ nested: 1 })), kind: fc.constantFrom('set', 'delete', 'reorder', 'none', 'none') }) as fc.Arbitrary<Edit>;

  it('random rows whose shared records change between rows: the bytes of JSON.stringify, never stale ones', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 6 }), fc.array(fc.tuple(fc.array(fc.nat(), { maxLength: 8 }), fc.jsonValue(), edit), { minLength: 1, maxLength: 12 }), (pool, plan) => {
        const encoder = new JsonRowEncoder();
        const into = new ByteBuffer(256);
        // Half the records are frozen, as the catalog's shared ones are (their bytes are reused);
        // the others change between rows (theirs must never be).
        pool.forEach((r, i) => i % 2 === 0 && Object.freeze(r));
        let want = '';
        plan.forEach(([picks, other, e], i) => {
          const shared = picks.map((p) => pool[p % pool.length]!);
          const mixed = [...shared, other, undefined, () => 1];
          const value: Record<string, unknown> = { a: shared, b: other, c: mixed, d: undefined, e: new Date(0), f: [{ toJSON: (k: string) => k }, ...shared] };
          if (i % 2) delete value.a;
          const r = { row: i + 1, summary: {} as never, result: value as never };
          encodeRow(encoder, r, into, i ? ',' : '', '\n');
          want += (i ? ',' : '') + rowJson(r) + '\n';
          const target = pool[e.at % pool.length]!;
          if (Object.isFrozen(target)) return;
          if (e.kind === 'set') target[e.key] = e.value as never;
          else if (e.kind === 'delete') delete target[Object.keys(target)[0] ?? e.key];
          else if (e.kind === 'reorder') {
            const entries = Object.entries(target);
            for (const [k] of entries) delete target[k];
            for (const [k, v] of entries.reverse()) target[k] = v;
          }
        });
        expect(into.take().toString('utf8')).toBe(want);
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});
