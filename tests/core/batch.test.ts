// The pure parts of batch: CSV cells to answers, one row's decision, gates, the tally, renderers.
import { describe, expect, it } from 'vitest';
import { answersFromCells, BatchTally, decideRow, describeRowError, rowError, summarizeRow } from '../../src/core/pipeline/batch.js';
import { checkRowGates, failOnGate, gatesFor, type GateFailure, type RowGate } from '../../src/core/result/row-gates.js';
import { APPROACHES } from '../../src/core/answers/fields.js';
import type { Result } from '../../src/core/result/result.js';
import { batchWriter, csvCells, rowJson } from '../../src/io/render-batch.js';
import { builtInRuleSet } from '../helpers.js';
import { summaryOf, type DecisionSummary } from '../../src/core/result/summary.js';

const answers = { task: 'text-classification', existingModel: 'close', domainShift: 'small', labeledExamples: 2500 };

function decided(raw: unknown = answers, gates = [] as RowGate[]): { row: number; summary: DecisionSummary; result: Result; failedGates?: GateFailure[] } {
  const d = decideRow(raw, {}, builtInRuleSet(), gates);
  if (!d.ok) throw new Error(JSON.stringify(d.issues));
  return { row: 1, summary: d.summary, result: d.result!, ...(d.failedGates ? { failedGates: d.failedGates } : {}) };
}

describe('answersFromCells', () => {
  it.each([
    [['labeledExamples'], ['2,500'], { labeledExamples: 2500 }],
    [['labeledExamples'], ['10k'], { labeledExamples: 10000 }],
    [['budgetUsd'], ['2.5M'], { budgetUsd: 2500000 }],
    [['proprietaryData'], ['yes'], { proprietaryData: true }],
    [['proprietaryData'], ['FALSE'], { proprietaryData: false }],
    [['task'], ['  translation '], { task: 'translation' }],
    [['task', 'budgetUsd'], ['translation', '   '], { task: 'translation' }],
    [['task', 'budgetUsd'], ['translation'], { task: 'translation' }],
    // Unknown columns and unreadable numbers pass through for validation to name.
    [['labelledExamples'], ['5'], { labelledExamples: '5' }],
    [['labeledExamples'], ['lots'], { labeledExamples: 'lots' }],
  ])('%j %j → %j', (header, cells, expected) => {
    expect(answersFromCells(header, cells)).toEqual(expected);
  });
});

describe('decideRow', () => {
  it('lays --set overrides over the row', () => {
    const d = decideRow(answers, { labeledExamples: 50 }, builtInRuleSet(), []);
    expect(d.ok && d.result!.answers.labeledExamples).toBe(50);
  });
  it('reports every problem with its path', () => {
    const d = decideRow({ task: 'x', existingModel: 'close', labeledExamples: -1 }, {}, builtInRuleSet(), []);
    expect(d.ok).toBe(false);
    expect(!d.ok && d.issues.map((i) => i.path)).toEqual([['task'], ['labeledExamples']]);
  });
  it('a row that is not an object is one problem at the root', () => {
    const d = decideRow([1, 2], { task: 'translation' }, builtInRuleSet(), []);
    expect(!d.ok && d.issues).toHaveLength(1);
  });
});

describe('--fail-on', () => {
  it.each(APPROACHES.map((a, i) => [a, i] as const))('fails at %s only for spots at or right of it', (gateSpot, gatePos) => {
    const gate = failOnGate(gateSpot);
    for (const [pos, a] of APPROACHES.entries()) {
      const result = { recommendation: { approach: a, position: pos }, spectrum: [] as Result['spectrum'] } as Result;
      expect(checkRowGates(result, [gate]).length).toBe(pos >= gatePos ? 1 : 0);
    }
  });
  it('names the gate and the spot', () => {
    const r = decided(answers, [failOnGate('feature-extraction')]);
    expect(r.failedGates).toEqual([{ gate: 'fail-on', message: '--fail-on feature-extraction: the recommendation is fine-tune' }]);
  });
  it('the cost and time gates judge the recommended spot, as decide does', () => {
    const r = decided(answers);
    const spot = r.result.spectrum[r.result.recommendation.position]!;
    expect(checkRowGates(r.result, [gatesFor({ maxCost: spot.cost!.likely + 1, maxWeeks: spot.time!.likely })])).toEqual([]);
    expect(checkRowGates(r.result, [gatesFor({ maxCost: spot.cost!.likely - 1 })]).map((g) => g.gate)).toEqual(['max-cost']);
    expect(checkRowGates(r.result, [gatesFor({ maxWeeks: spot.time!.likely / 2 })]).map((g) => g.gate)).toEqual(['max-weeks']);
  });
});

describe('rows out', () => {
  it('rowJson puts row first and keeps the whole result', () => {
    const r = decided();
    const parsed = JSON.parse(rowJson(r)) as Record<string, unknown>;
    expect(Object.keys(parsed)[0]).toBe('row');
    const { row, ...rest } = parsed;
    expect(row).toBe(1);
    expect(rest).toEqual(JSON.parse(JSON.stringify(r.result)));
  });

  it('summaries read cost and weeks from the recommended spot when the estimates exist', () => {
    const r = decided();
    const plain = summarizeRow(r);
    expect(plain).toMatchObject({ recommendation: 'fine-tune', confidence: expect.any(String), task: 'text-classification' });
    const spot = r.result.spectrum[2]!;
    expect([plain.costLikelyUsd, plain.weeksLikely]).toEqual([spot.cost!.likely, spot.time!.likely]);
    const spectrum = r.result.spectrum.map((s) => (s.position === 2 ? { ...s, cost: { currency: 'USD' as const, low: 1, likely: 2, high: 3, breakdown: { compute: 1, labeling: 0, engineering: 1 } }, time: { unit: 'weeks' as const, low: 1, likely: 4, high: 6 } } : s));
    const withEstimates = summarizeRow({ ...r, summary: summaryOf({ ...r.result, spectrum }) });
    expect([withEstimates.costLikelyUsd, withEstimates.weeksLikely]).toEqual([2, 4]);
    expect(csvCells(withEstimates).slice(5, 7)).toEqual([2, 4]);
  });

  it('an error row keeps its first problem on top and all of them in problems', () => {
    const e = rowError([{ message: 'a', path: 'task', line: 3, column: 9 }, { message: 'b', path: 'gpu', line: 3 }]);
    expect(e).toMatchObject({ message: 'a', path: 'task', line: 3, column: 9 });
    expect(e.problems).toHaveLength(2);
    expect(describeRowError(e)).toBe('task at line 3, column 9: a (and 1 more)');
    expect(rowError([{ message: 'only' }]).problems).toBeUndefined();
  });

  it('csv cells are formula-safe', () => {
    const w = batchWriter('csv');
    const text = w.row({ row: 1, error: { message: '=HYPERLINK("x")', path: '@evil' } });
    expect(text).toContain(`'=HYPERLINK`);
    expect(text).toContain(`'@evil`);
  });

  it('markdown escapes pipes in cells', () => {
    const w = batchWriter('markdown');
    expect(w.row({ row: 1, error: { message: 'a | b' } })).toContain('a \\| b');
  });
});

describe('BatchTally', () => {
  it('counts rows per spot, invalid rows and gate failures', () => {
    const t = new BatchTally();
    const ok = decided(answers, [failOnGate('fine-tune')]);
    t.add(ok);
    t.add({ row: 2, error: { message: 'x' } });
    t.add({ ...ok, row: 3, failedGates: [] });
    expect(t.rows).toBe(3);
    expect(t.bySpot.get('fine-tune')).toBe(2);
    expect(t.summary()).toEqual([
      '3 rows: 2 fine-tune',
      '1 invalid (row 2): see their "error" in the output',
      '--fail-on fine-tune failed on 1 row (row 1)',
    ]);
  });
});
