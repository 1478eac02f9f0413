// A cache keyed by a few values (answers, catalog ids), looked up one value at a time. A batch asks
// such caches on every probe of every row: a key string built for each ask, then flattened and
// hashed, cost more than the work it saved, while each value's own hash is computed once.

/** One value's level: the next value's level, or the cached result at the last. */
type Level = Map<unknown, unknown>;

export class ValuesCache<V> {
  /** One tree per number of values, so that a shorter key never reads a longer key's level as its result. */
  private readonly roots: Level[] = [];
  private size = 0;

  /** At most `limit` results are kept; past it, results are made and not kept. */
  constructor(private readonly limit = 4096) {}

  get(values: readonly unknown[], make: () => V): V {
    let level = (this.roots[values.length] ??= new Map());
    const last = values.length - 1;
    for (let i = 0; i < last; i++) {
      let next = level.get(values[i]) as Level | undefined;
      if (!next) {
        if (this.size >= this.limit) return make();
        level.set(values[i], (next = new Map()));
      }
      level = next;
    }
    if (level.has(values[last])) return level.get(values[last]) as V;
    const made = make();
    if (this.size < this.limit) {
      level.set(values[last], made);
      this.size++;
    }
    return made;
  }
}
