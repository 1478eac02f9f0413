// Month arithmetic on the catalog's YYYY-MM dates (the core never reads the clock).

/** Whole months from `from` to `to`, both YYYY, YYYY-MM or YYYY-MM-DD. */
const monthIndex = new Map<string, number>();
function ym(s: string): number {
  let n = monthIndex.get(s);
  if (n === undefined) {
    const [y, m] = s.split('-');
    n = Number(y) * 12 + (m ? Number(m) - 1 : 0);
    // A handful of distinct dates exist (the catalog's asOf values); no bound needed in practice,
    // but a runaway caller cannot grow the map past a few thousand entries.
    if (monthIndex.size < 4096) monthIndex.set(s, n);
  }
  return n;
}

export function monthsBetween(from: string, to: string): number {
  return ym(to) - ym(from);
}
