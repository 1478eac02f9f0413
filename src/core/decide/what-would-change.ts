// What would change the recommendation: one answer at a time is moved across the thresholds the
// rules and the budget test, and the whole decision — rules, limits, fitting the budget and the
// timeline — is made again for it. An entry is listed only when that decision lands elsewhere, so
// every entry is true, and "why each other spot lost" quotes the same entries.
import { FIELD_BY_NAME, FIELDS, type Answers, type Approach } from '../answers/fields.js';
import type { SpectrumEstimate, SpotDetail } from '../estimate/spectrum.js';
import type { WhatWouldChange } from '../result/result.js';
import { leavesOf } from '../rules/conditions.js';
import type { RuleSet } from '../rules/rule-set.js';
import { approachOf, choiceOf, hitsOfVariant, rulesByKind, type Hits } from './choose.js';
import { CLEAR_OVERRUN, detailOf, FIT_READS, fitToLimits, RULED_OUT_READS } from './fit.js';

/** One change of one answer that moves the recommendation, with the words for it. */
export interface Change extends WhatWouldChange {
  /** "with fewer than 500 labelled examples" */
  when: string;
}

/** The fields probed across thresholds, and those probed through their other values (table order). */
const THRESHOLD_FIELDS = FIELDS.filter((f) => f.probe === 'thresholds');
const VALUE_FIELDS = FIELDS.filter((f) => f.probe === 'values');
/** Values that mean "not known yet": changing an answer to one of them is no advice. */
const NOT_KNOWN: ReadonlySet<unknown> = new Set(['unknown', 'not-evaluated']);
/** The limits themselves: moving one refits the spot without changing the estimates. */
const LIMIT_FIELDS: ReadonlySet<string> = new Set(['budgetUsd', 'timelineWeeks']);

// The thresholds depend only on the rule set: computed once per set and field (a batch asks for
// them on every row).
const thresholdCache = new WeakMap<RuleSet, Map<string, readonly number[]>>();

function ruleThresholds(field: string, rs: RuleSet): readonly number[] {
  let byField = thresholdCache.get(rs);
  if (!byField) thresholdCache.set(rs, (byField = new Map()));
  let ts = byField.get(field);
  if (!ts) {
    const out = new Set<number>();
    for (const rule of rs.rules) {
      if (!rule.enabled || rule.kind === 'warn') continue;
      for (const l of leavesOf(rule.when, rs.defines)) {
        if (l.field !== field || typeof l.value !== 'number') continue;
        if (l.op === 'gte' || l.op === 'lt') out.add(l.value);
        if (l.op === 'gt' || l.op === 'lte') out.add(l.value + (FIELD_BY_NAME.get(field)?.kind === 'integer' ? 1 : 0.001));
      }
    }
    byField.set(field, (ts = [...out].sort((a, b) => a - b)));
  }
  return ts;
}

/**
 * Where fitting the limits changes its mind: a budget at a spot's likely or optimistic cost, a
 * timeline at its likely or optimistic weeks. Only for a limit that was given (without one,
 * nothing is fitted).
 */
function limitThresholds(field: string, answers: Answers, est: SpectrumEstimate, chosen: Approach): number[] {
  const budget = field === 'budgetUsd' && answers.budgetUsd !== undefined;
  if (!budget && !(field === 'timelineWeeks' && answers.timelineWeeks !== undefined)) return [];
  // Any spot fits from its likely figure; the rules' spot stops being clearly over at its P10 or a
  // quarter under its likely figure (only the rules' spot is ever moved off).
  const out: number[] = [];
  const add = (x: number) => x > 0 && out.push(x);
  for (const s of est.spots) {
    const r = budget ? s.estimate.cost : s.estimate.time;
    if (s.approach === chosen) {
      add(r.low);
      add(r.likely);
      add(r.likely / CLEAR_OVERRUN);
    } else add(r.likely);
  }
  return out;
}

/**
 * The thresholds of the rules (sorted once per rule set) and of the limits (a handful, sorted
 * here), merged in order, each once: a merge, since sorting both again cost more than the search
 * that reads them on every row.
 */
function mergedThresholds(fromRules: readonly number[], fromLimits: number[]): readonly number[] {
  fromLimits.sort((a, b) => a - b);
  const all: number[] = [];
  let i = 0;
  let j = 0;
  while (i < fromRules.length || j < fromLimits.length) {
    const x = j >= fromLimits.length || (i < fromRules.length && fromRules[i]! <= fromLimits[j]!) ? fromRules[i++]! : fromLimits[j++]!;
    if (all.length === 0 || all[all.length - 1] !== x) all.push(x);
  }
  return all;
}

/** A threshold of the rules up to twice the answer above it, or down to two thirds of it below, makes the decision a near tie. */
const NEAR_ABOVE = 2;
const NEAR_BELOW = 1.5;

/**
 * The span a near-tie search of one field covers: up to the farthest threshold of the rules above
 * the answer that is near, down to the farthest below; undefined when none is near.
 */
function nearRuleThresholds(fromRules: readonly number[], cur: number): { upTo: number; downTo: number } | undefined {
  let upTo = -Infinity;
  let downTo = Infinity;
  for (const t of fromRules) {
    if (t > cur && t / cur <= NEAR_ABOVE) upTo = t;
    if (t > 0 && t <= cur && cur / t <= NEAR_BELOW && t < downTo) downTo = t;
  }
  return upTo === -Infinity && downTo === Infinity ? undefined : { upTo, downTo };
}

export interface Probing {
  answers: Answers;
  rs: RuleSet;
  /** The hits of the rules on the answers as given, and the spot the whole decision landed on. */
  hits: Hits;
  approach: Approach;
  est: SpectrumEstimate;
  /** The spot estimates for other answers (a probe of a field the estimates read), spot by spot. */
  spotsFor: (answers: Answers, changed: keyof Answers) => (a: Approach) => SpotDetail | undefined;
  /** The answer fields the estimates of the answers as given read: no other field can move them. */
  estimateReads: ReadonlySet<string>;
}

/** Decides variants of the answers that differ in one field, reusing what does not change. */
export class Prober {
  private readonly alt: Record<string, unknown>;
  private readonly k;
  constructor(private readonly p: Probing) {
    this.alt = { ...p.answers } as unknown as Record<string, unknown>;
    this.k = rulesByKind(p.rs);
  }

  /**
   * The spot the whole decision lands on with `field` set to `value`, or undefined when only a
   * refit on new estimates could tell: the rules keep their choice, a budget or timeline is given,
   * and the field is one the estimates read. Pricing every threshold a search passes would cost
   * more than the rest of the decision, so a search treats that as "stays"; the changes it lists
   * are each decided in full, and so are true.
   */
  landsOn(field: string, value: unknown, full = false): Approach | undefined {
    const { alt, k, p } = this;
    const was = alt[field];
    alt[field] = value;
    try {
      const variant = alt as unknown as Answers;
      const hits = hitsOfVariant(variant, field, p.hits, k);
      if (variant.budgetUsd === undefined && variant.timelineWeeks === undefined && variant.requestsPerMonth === undefined) return approachOf(hits, k, p.rs);
      const reads = p.estimateReads.has(field);
      const sameChoice = hits.best === p.hits.best && hits.limits.every((h, i) => h === p.hits.limits[i]);
      // Same rules, same spots ruled out, same limits, same facts the fit reads: with the same
      // estimates, the same fit. A field the estimates read needs them again: a search treats it
      // as "stays" (undefined) unless asked to decide in full.
      if (sameChoice && !RULED_OUT_READS.has(field) && !FIT_READS.has(field) && !LIMIT_FIELDS.has(field)) {
        if (!reads) return p.approach;
        if (!full) return undefined;
      }
      return fitToLimits(choiceOf(hits, k, p.rs), variant, reads ? p.spotsFor(variant, field as keyof Answers) : (a) => detailOf(p.est, a), p.rs);
    } finally {
      alt[field] = was;
    }
  }

  /**
   * Whether the answer sits near a threshold of the rules that would change it, without listing
   * the changes: the same search as changes(), stopped once a threshold is too far to be near.
   */
  nearTie(): boolean {
    return this.search(true).nearTie;
  }

  /** Every single-answer change across a threshold that moves the recommendation, and whether one is a near tie. */
  changes(): { changes: Change[]; nearTie: boolean } {
    return this.search(false);
  }

  private search(nearOnly: boolean): { changes: Change[]; nearTie: boolean } {
    const { answers, rs, hits: base, approach: current, est } = this.p;
    const changes: Change[] = [];
    let nearTie = false;
    const k = this.k;
    // The rules can change their mind on a field only if a limit tests it, or a decide rule up to
    // and including the one that decided (a later rule only matters if that one stops holding,
    // which needs it to test the field). With a budget or timeline, fitting them can change it
    // on the limits, on what rules a spot out, and on what the estimates read.
    const decideFields = base.best >= 0 ? k.decidePrefixFields[base.best]! : k.decidePrefixFields[k.decidePrefixFields.length - 1] ?? new Set<string>();
    const limited = answers.budgetUsd !== undefined || answers.timelineWeeks !== undefined || answers.requestsPerMonth !== undefined;
    const refits = (field: string) => LIMIT_FIELDS.has(field) || RULED_OUT_READS.has(field) || FIT_READS.has(field) || this.p.estimateReads.has(field);
    const canChange = (field: string) => decideFields.has(field) || k.limitFields.has(field) || (limited && refits(field));
    const probe = (field: string, value: string | number | boolean, when: () => string, full = false) => {
      const a = this.landsOn(field, value, full);
      if (a === undefined || a === current) return false;
      const w = when();
      changes.push({ field, value, approach: a, text: `${w} this becomes ${a}`, when: w });
      return true;
    };
    const rulesChoice = choiceOf(base, k, rs).approach;
    for (const f of THRESHOLD_FIELDS) {
      const field = f.name;
      if (!canChange(field)) continue;
      const cur = (answers as unknown as Record<string, number | undefined>)[field];
      const fromRules = ruleThresholds(field, rs);
      // Only a threshold of the rules makes a near tie, so a near-tie search skips a field with
      // none in reach and stops past the farthest one (a nearer threshold that lands elsewhere
      // still ends it first, as in the full search).
      let upTo = Infinity;
      let downTo = 0;
      if (nearOnly) {
        if (cur === undefined || cur <= 0) continue;
        const near = nearRuleThresholds(fromRules, cur);
        if (!near) continue;
        ({ upTo, downTo } = near);
      }
      const fromLimits = limitThresholds(field, answers, est, rulesChoice);
      const ts = fromLimits.length ? mergedThresholds(fromRules, fromLimits) : fromRules;
      const step = f.kind === 'integer' ? 1 : f.step;
      // The nearest threshold above and below the current value that changes the answer. A
      // threshold of the rules close to the answer given makes the decision a near tie.
      const words = f.words!;
      for (const up of ts) {
        if (cur !== undefined && up <= cur) continue;
        if (up > upTo) break;
        if (probe(field, up, () => `with ${words(up)} or more`)) {
          if (fromRules.includes(up) && cur !== undefined && cur > 0 && up / cur <= NEAR_ABOVE) nearTie = true;
          break;
        }
      }
      if (cur !== undefined) {
        for (let i = ts.length - 1; i >= 0; i--) {
          const down = ts[i]!;
          if (down <= 0 || down > cur) continue;
          if (down < downTo) break;
          const below = step !== undefined && down - step >= 0 ? Math.round((down - step) * 1000) / 1000 : down * 0.999;
          if (probe(field, below, () => `with ${f.below ? f.below(down) : `fewer than ${words(down)}`}`)) {
            if (fromRules.includes(down) && cur / down <= NEAR_BELOW) nearTie = true;
            break;
          }
        }
      }
    }
    if (nearOnly) return { changes, nearTie };
    for (const f of VALUE_FIELDS) {
      const field = f.name;
      if (!canChange(field)) continue;
      const cur = (answers as unknown as Record<string, unknown>)[field];
      const values: (string | boolean)[] = f.kind === 'boolean' ? [!cur] : f.choices!.map((c) => c.value);
      for (const v of values) {
        if (v === cur || NOT_KNOWN.has(v)) continue;
        // An answer's few other values are each decided in full: the estimates read most of them
        // now (effort factors, labels, serving), and a refit on them can move the answer.
        probe(field, v, () => `with ${f.words!(v)}`, true);
      }
    }
    return { changes, nearTie };
  }
}

/** Words for an answer value, e.g. "a budget of 40,000 USD"; undefined for a field without words. */
export function valueWords(field: string, value: string | number | boolean): string | undefined {
  return FIELD_BY_NAME.get(field)?.words?.(value);
}

/** The entries a result lists: one per field and resulting spot, numeric changes first, at most eight. */
export function listedChanges(changes: readonly Change[]): WhatWouldChange[] {
  const seen = new Set<string>();
  const kept: WhatWouldChange[] = [];
  for (const c of changes) {
    const key = `${c.field}:${c.approach}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push({ field: c.field, value: c.value, approach: c.approach, text: c.text });
    if (kept.length === 8) break;
  }
  return kept;
}
