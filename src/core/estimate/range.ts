// Low / likely / high ranges and the arithmetic the estimates do on them.

export interface Range {
  low: number;
  likely: number;
  high: number;
}

export const times = (a: Range, b: Range): Range => ({ low: a.low * b.low, likely: a.likely * b.likely, high: a.high * b.high });
export const scale = (r: Range, k: number): Range => ({ low: r.low * k, likely: r.likely * k, high: r.high * k });
export const maxR = (a: Range, b: Range): Range => ({ low: Math.max(a.low, b.low), likely: Math.max(a.likely, b.likely), high: Math.max(a.high, b.high) });
export const one = (v: number): Range => ({ low: v, likely: v, high: v });
export const ZERO: Range = one(0);

/** A catalog spread as a range; a missing end is the likely value (the source published no range). */
export function rangeOf(s: { low?: number; likely: number; high?: number }): Range {
  return { low: s.low ?? s.likely, likely: s.likely, high: s.high ?? s.likely };
}

/** 1e0 … 1e22 from their decimal literals: exact doubles, and a table read is cheaper than a power. */
const POWERS_OF_TEN: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

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
  const p = POWERS_OF_TEN[Math.abs(e - 2)]!;
  const scaled = e >= 2 ? a / p : a * p;
  const frac = scaled - Math.floor(scaled);
  if (Math.abs(frac - 0.5) < 1e-6 || scaled < 100 || scaled >= 1000) return Number(n.toPrecision(3));
  const r = e >= 2 ? Math.round(scaled) * p : Math.round(scaled) / p;
  return n < 0 ? -r : r;
}
export const mapR = (r: Range, f: (n: number) => number): Range => ({ low: f(r.low), likely: f(r.likely), high: f(r.high) });

// ---- Combining uncertain inputs ---------------------------------------------------------------
// A range is read as P10 / median / P90 (contract §5). Independent inputs are combined as
// log-normals: the median of a product is the product of the medians, and the log-spread of each
// side adds in quadrature — not the product of every input's extreme, which would be far wider
// than P10–P90.

/** The product of independent uncertain factors, each a P10 / median / P90 range. */
export function productOf(...rs: Range[]): Range {
  let likely = 1;
  let down = 0;
  let up = 0;
  for (const r of rs) {
    likely *= r.likely;
    // The log-spread of each side, ln(likely / low) and ln(high / likely); 0 for a point.
    const d = r.low > 0 && r.likely > 0 ? Math.log(r.likely / r.low) : 0;
    const u = r.likely > 0 && r.high > 0 ? Math.log(r.high / r.likely) : 0;
    down += d * d;
    up += u * u;
  }
  // A median of 0 (a test set your spare labels likely cover, but not at its P90) has no
  // log-spread: its ends are multiplied as they are, so the high end is never lost.
  if (likely === 0) return rs.reduce(times, one(1));
  return { low: likely * Math.exp(-Math.sqrt(down)), likely, high: likely * Math.exp(Math.sqrt(up)) };
}

/** 1 / r: the high end of a divisor gives the low end of the quotient. */
export function inverseOf(r: Range): Range {
  return { low: r.high > 0 ? 1 / r.high : 0, likely: r.likely > 0 ? 1 / r.likely : 0, high: r.low > 0 ? 1 / r.low : 0 };
}

/**
 * The sum of independent uncertain parts: medians add, and each side's distance from the median
 * adds in quadrature — the P90 of a sum of independent parts is nearer its median than the sum of
 * their P90s. (It stays within the sum of the lows and the sum of the highs.)
 */
export function sumOf(...rs: Range[]): Range {
  let likely = 0;
  let down = 0;
  let up = 0;
  for (const r of rs) {
    likely += r.likely;
    down += (r.likely - r.low) ** 2;
    up += (r.high - r.likely) ** 2;
  }
  return { low: Math.max(0, likely - Math.sqrt(down)), likely, high: likely + Math.sqrt(up) };
}
