// The figures behind an estimate, as the result's `assumptions`: each once, with source and date.
import type { EstimatesCatalog } from '../catalog/catalog.js';
import { ValuesCache } from '../catalog/values-cache.js';
import { formatNumber } from '../text/format.js';
import type { Range } from './range.js';

export interface Assumption {
  what: string;
  value: string;
  source: string;
  asOf: string;
}

export const fmtRange = (r: Range, unit: string, digits = 2) =>
  r.low === r.high ? `${formatNumber(r.likely, digits)} ${unit}` : `${formatNumber(r.low, digits)}–${formatNumber(r.high, digits)} ${unit} (likely ${formatNumber(r.likely, digits)})`;

export class Assumptions {
  readonly list: Assumption[] = [];
  private readonly seen = new Set<string>();
  /** `recording: false` keeps nothing: a what-would-change probe needs the figures, not their sources. */
  constructor(readonly recording = true) {}
  /** Adds a figure once; `value` may be a function, so a figure met again is not formatted again. */
  add(what: string, value: string | (() => string), source: string, asOf: string): void {
    if (!this.recording || this.seen.has(what)) return;
    this.seen.add(what);
    this.list.push({ what, value: typeof value === 'string' ? value : value(), source, asOf });
  }

  /**
   * Adds a figure that depends only on the catalog, made once per catalog and `key` and shared
   * by every result after that (a batch adds the same dozen figures to every row).
   */
  addFromCatalog(est: EstimatesCatalog, key: readonly unknown[], make: () => Assumption): void {
    if (!this.recording) return;
    let m = assumptionCache.get(est);
    if (!m) assumptionCache.set(est, (m = new ValuesCache()));
    // Frozen: the very same object goes into every result after this one (and a batch writes its
    // bytes once, io/json-bytes.ts), so nothing may change it.
    const a = m.get(key, () => Object.freeze(make()));
    if (this.seen.has(a.what)) return;
    this.seen.add(a.what);
    this.list.push(a);
  }
}
const assumptionCache = new WeakMap<EstimatesCatalog, ValuesCache<Assumption>>();

/** Records nothing, and is shared: for estimates that only read figures (summaries, what-would-change probes). */
export const NOTHING_RECORDED: Assumptions = Object.freeze(new Assumptions(false)) as Assumptions;

export const YOURS = { source: 'your answers', asOf: 'as given' };
