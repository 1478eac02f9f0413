// The calibration set (rules/calibration/runs.yaml): every published run through decide(), its
// estimated GPU-hours against the published figure, printed as a table by family. The thresholds
// are issue 11's: ≥ 90 % within 2×, ≥ 75 % inside [low, high], median high / low ≤ 5.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkAnswers } from '../../src/core/answers/check.js';
import { decide } from '../../src/core/decide/decide.js';
import type { Range } from '../../src/core/estimate/range.js';
import { builtInRuleSet, ROOT } from '../helpers.js';

interface CalibrationRun {
  id: string;
  family: string;
  answers: Record<string, unknown>;
  spot: string;
  gpuHours: number;
  source: string;
  asOf: string | Date;
}

export const CALIBRATION_FILE = join(ROOT, 'rules', 'calibration', 'runs.yaml');

export function calibrationRuns(): CalibrationRun[] {
  return (parse(readFileSync(CALIBRATION_FILE, 'utf8')) as { runs: CalibrationRun[] }).runs;
}

export interface CalibrationRow extends CalibrationRun {
  estimate: Range;
  gpu: string;
  gpuCount: number;
  ratio: number;
  within2x: boolean;
  inside: boolean;
}

export function calibrate(rs = builtInRuleSet()): CalibrationRow[] {
  return calibrationRuns().map((run) => {
    const c = checkAnswers(run.answers);
    if (!c.ok) throw new Error(`${run.id}: ${JSON.stringify(c.issues)}`);
    const spot = decide(c.answers, rs).spectrum.find((s) => s.approach === run.spot)!;
    const estimate = spot.compute!.gpuHours;
    const ratio = estimate.likely / run.gpuHours;
    return { ...run, estimate, gpu: spot.compute!.gpu, gpuCount: spot.compute!.gpuCount, ratio, within2x: ratio <= 2 && ratio >= 0.5, inside: estimate.low <= run.gpuHours && run.gpuHours <= estimate.high };
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const g = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : String(Number(n.toPrecision(3))));

export function summary(rows: CalibrationRow[]) {
  return {
    runs: rows.length,
    families: new Set(rows.map((r) => r.family)).size,
    within2x: rows.filter((r) => r.within2x).length / rows.length,
    inside: rows.filter((r) => r.inside).length / rows.length,
    medianSpread: median(rows.map((r) => r.estimate.high / r.estimate.low)),
  };
}

/** The table by family, as the README shows it. */
export function familyTable(rows: CalibrationRow[]): string {
  const lines = ['| family | runs | within 2× | inside [low, high] | median high / low | estimate ÷ published (min – max) |', '|---|---|---|---|---|---|'];
  for (const fam of [...new Set(rows.map((r) => r.family))]) {
    const rs = rows.filter((r) => r.family === fam);
    const ratios = rs.map((r) => r.ratio);
    lines.push(`| ${fam} | ${rs.length} | ${rs.filter((r) => r.within2x).length} | ${rs.filter((r) => r.inside).length} | ${median(rs.map((r) => r.estimate.high / r.estimate.low)).toFixed(1)} | ${Math.min(...ratios).toFixed(2)} – ${Math.max(...ratios).toFixed(2)} |`);
  }
  const s = summary(rows);
  lines.push(`| **all** | ${s.runs} | ${rows.filter((r) => r.within2x).length} (${Math.round(s.within2x * 100)} %) | ${rows.filter((r) => r.inside).length} (${Math.round(s.inside * 100)} %) | ${s.medianSpread.toFixed(1)} | ${Math.min(...rows.map((r) => r.ratio)).toFixed(2)} – ${Math.max(...rows.map((r) => r.ratio)).toFixed(2)} |`);
  return lines.join('\n');
}

/** Every run, one line each. */
export function runTable(rows: CalibrationRow[]): string {
  const lines = ['| run | family | GPUs | published GPU-hours | estimated low / likely / high | ratio | inside |', '|---|---|---|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.id} | ${r.family} | ${r.gpuCount} × ${r.gpu} | ${g(r.gpuHours)} | ${g(r.estimate.low)} / ${g(r.estimate.likely)} / ${g(r.estimate.high)} | ${r.ratio.toFixed(2)}${r.within2x ? '' : ' ✗'} | ${r.inside ? 'yes' : 'no'} |`);
  return lines.join('\n');
}

describe('calibration against published runs', () => {
  const rows = calibrate();

  it('prints the table', () => {
    console.log(`${runTable(rows)}\n\n${familyTable(rows)}`);
    expect(rows.length).toBe(calibrationRuns().length);
  });

  it('has at least 40 runs across at least six families, each with a source and a date', () => {
    const s = summary(rows);
    expect(s.runs).toBeGreaterThanOrEqual(40);
    expect(s.families).toBeGreaterThanOrEqual(6);
    for (const r of rows) {
      expect(r.source.length, r.id).toBeGreaterThan(10);
      expect(String(r.asOf instanceof Date ? r.asOf.toISOString() : r.asOf), r.id).toMatch(/^\d{4}-\d{2}/);
      expect(r.gpuHours, r.id).toBeGreaterThan(0);
    }
  });

  it('at least 90 % of the estimates are within 2× of the published GPU-hours', () => {
    const misses = rows.filter((r) => !r.within2x).map((r) => `${r.id} ${r.ratio.toFixed(2)}`);
    expect(summary(rows).within2x, misses.join(', ')).toBeGreaterThanOrEqual(0.9);
  });

  it('at least 75 % of the published figures lie inside [low, high], and the median high / low is at most 5', () => {
    const s = summary(rows);
    expect(s.inside).toBeGreaterThanOrEqual(0.75);
    expect(s.medianSpread).toBeLessThanOrEqual(5);
    // A range that means something: never a point, never wider than 20×.
    for (const r of rows) {
      expect(r.estimate.high / r.estimate.low, r.id).toBeGreaterThan(1.1);
      expect(r.estimate.high / r.estimate.low, r.id).toBeLessThan(20);
    }
  });
});
