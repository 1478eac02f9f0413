// A log scale for the charts of cost and time (text and SVG): one 166M USD spot beside a 12k one
// leaves every bar of a linear chart a sliver, while on a log axis each order of magnitude gets
// the same room. Zero (a spot that costs nothing) sits at the left edge.
import { formatNumber } from '../core/text/format.js';

export interface LogScale {
  /** The axis ends, powers of ten (or 1-2-5 steps) around the values. */
  min: number;
  max: number;
  /** Where `v` falls, from 0 (left edge) to 1 (right edge); 0 and values below `min` give 0. */
  at(v: number): number;
  /** Values to label: powers of ten, or 1-2-5 steps when the axis spans fewer than three decades. */
  ticks: number[];
}

const STEPS = [1, 2, 5];

/** A scale that holds every value in `values` (zeros and non-finite values are ignored). */
export function logScale(values: number[]): LogScale {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  // Whole decades at both ends: the labels are then 1k, 10k, 100k, and equal steps look equal.
  const e0 = Math.floor(Math.log10(positive.length ? Math.min(...positive) : 1) + 1e-9);
  let e1 = Math.ceil(Math.log10(positive.length ? Math.max(...positive) : 10) - 1e-9);
  if (e1 <= e0) e1 = e0 + 1;
  const lo = 10 ** e0;
  const hi = 10 ** e1;
  const ticks: number[] = [];
  for (let e = e0; e <= e1; e++) {
    // One decade only: label 1, 2 and 5 within it too.
    for (const s of e1 - e0 < 2 && e < e1 ? STEPS : [1]) ticks.push(Number((s * 10 ** e).toPrecision(12)));
  }
  const span = e1 - e0;
  return {
    min: lo,
    max: hi,
    ticks,
    at: (v) => (v <= lo ? 0 : v >= hi ? 1 : (Math.log10(v) - e0) / span),
  };
}

/** 1234 → "1.2k", 2500000 → "2.5M", 0.5 → "0.5": short enough for an axis or a table column. */
export function compact(n: number): string {
  const units: [number, string][] = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'k']];
  for (const [v, u] of units) if (n >= v) return `${formatNumber(n / v, n / v < 10 ? 1 : 0)}${u}`;
  return formatNumber(n, n < 10 ? 2 : 0);
}
