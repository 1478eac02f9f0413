// Low / likely / high ranges and the arithmetic the estimates do on them.

export interface Range {
  low: number;
  likely: number;
  high: number;
}

export const times = (a: Range, b: Range): Range => ({ low: a.low * b.low, likely: a.likely * b.likely, high: a.high * b.high });
export const plus = (...rs: Range[]): Range => ({ low: rs.reduce((s, r) => s + r.low, 0), likely: rs.reduce((s, r) => s + r.likely, 0), high: rs.reduce((s, r) => s + r.high, 0) });
export const scale = (r: Range, k: number): Range => ({ low: r.low * k, likely: r.likely * k, high: r.high * k });
export const maxR = (a: Range, b: Range): Range => ({ low: Math.max(a.low, b.low), likely: Math.max(a.likely, b.likely), high: Math.max(a.high, b.high) });
export const one = (v: number): Range => ({ low: v, likely: v, high: v });
export const ZERO: Range = one(0);

/** A catalog spread as a range; a missing end is the likely value (the source published no range). */
export function rangeOf(s: { low?: number; likely: number; high?: number }): Range {
  return { low: s.low ?? s.likely, likely: s.likely, high: s.high ?? s.likely };
}

/** Rounds to three significant figures: readable, and never reorders low ≤ likely ≤ high. */
/** n rounded to 3 significant digits (exactly as toPrecision(3), without the string round trip when it can). */
export function sig3(n: number): number {
  if (n === 0 || !Number.isFinite(n)) return n;
  const a = Math.abs(n);
  // Integers below 1000 already have at most 3 significant digits.
  if (a < 1000 && Number.isInteger(a)) return n;
  // Scale to three digits before the point, round, scale back; toPrecision settles the rare
  // case where the scaled value sits on a rounding edge and floating point could tip it.
  if (a < 1e-3 || a >= 1e21) return Number(n.toPrecision(3));
  // Powers of ten up to 1e22 are exact, so scaling by them and back rounds like the decimal text.
  const e = Math.floor(Math.log10(a));
  const p = 10 ** Math.abs(e - 2);
  const scaled = e >= 2 ? a / p : a * p;
  const frac = scaled - Math.floor(scaled);
  if (Math.abs(frac - 0.5) < 1e-6 || scaled < 100 || scaled >= 1000) return Number(n.toPrecision(3));
  const r = e >= 2 ? Math.round(scaled) * p : Math.round(scaled) / p;
  return n < 0 ? -r : r;
}
export const mapR = (r: Range, f: (n: number) => number): Range => ({ low: f(r.low), likely: f(r.likely), high: f(r.high) });
