// Which spot the rules choose for one set of answers: decide rules by priority, then limits.
// Cheap enough to run many times: what-would-change runs it per probe, and batch per row.
import { APPROACHES, type Answers, type Approach } from '../answers/fields.js';
import { leavesOf, predicateFor, type Predicate, type Rule } from '../rules/conditions.js';
import type { RuleSet } from '../rules/rule-set.js';
import { positionOf } from './spots.js';

export interface Choice {
  approach: Approach;
  /** What the decide rules alone chose, before limits. */
  decidedApproach: Approach;
  decidedBy?: Rule;
  limits: Rule[];
  /** Rightmost position allowed by limits, and leftmost required. */
  cap: number;
  floor: number;
  /** Which limit rule set the cap / floor that bound. */
  capRule?: Rule;
  floorRule?: Rule;
}

// The enabled decide rules by priority (highest first, ties in file order) and the enabled limit
// rules, once per rule set: choose() then stops at the first decide rule that holds. It runs a
// few dozen times per decision (what would change it), and per row in a batch.
export interface Compiled {
  rule: Rule;
  holds: Predicate;
  /** The answer fields the rule tests (through named conditions too). */
  fields: ReadonlySet<string>;
}
export interface ByKind {
  decide: Compiled[];
  limit: Compiled[];
  /** decidePrefixFields[i]: the fields tested by decide rules 0..i (in priority order). */
  decidePrefixFields: ReadonlySet<string>[];
  limitFields: ReadonlySet<string>;
  /** The enabled warn rules, in file order (warnings.ts asks them on every row of a batch). */
  warn: readonly Rule[];
}
const byKindCache = new WeakMap<RuleSet, ByKind>();

export function rulesByKind(rs: RuleSet): ByKind {
  let c = byKindCache.get(rs);
  if (!c) {
    const enabled = rs.rules
      .filter((r) => r.enabled)
      .map((rule) => ({ rule, holds: predicateFor(rule.when, rs.defines), fields: new Set(leavesOf(rule.when, rs.defines).map((l) => l.field)) }));
    const decide = enabled.filter((x) => x.rule.kind === 'decide').sort((a, b) => b.rule.priority - a.rule.priority);
    const limit = enabled.filter((x) => x.rule.kind === 'limit');
    const decidePrefixFields: Set<string>[] = [];
    for (const x of decide) decidePrefixFields.push(new Set([...(decidePrefixFields[decidePrefixFields.length - 1] ?? []), ...x.fields]));
    const warn = enabled.filter((x) => x.rule.kind === 'warn').map((x) => x.rule);
    c = { decide, limit, decidePrefixFields, limitFields: new Set(limit.flatMap((x) => [...x.fields])), warn };
    byKindCache.set(rs, c);
  }
  return c;
}

/** Which decide rule holds first (-1: none, the default decides) and which limits hold. */
export interface Hits {
  best: number;
  limits: boolean[];
}

function firstHolding(list: readonly Compiled[], answers: Answers, from: number): number {
  for (let i = from; i < list.length; i++) if (list[i]!.holds(answers)) return i;
  return -1;
}

export function hitsOf(answers: Answers, k: ByKind): Hits {
  return { best: firstHolding(k.decide, answers, 0), limits: k.limit.map((x) => x.holds(answers)) };
}

/**
 * The hits for `answers` that differ from a base answer set in one field only: rules that do not
 * test that field keep their base truth, so only the others are evaluated again. This is what
 * makes the what-would-change probes cheap.
 */
export function hitsOfVariant(answers: Answers, field: string, base: Hits, k: ByKind): Hits {
  let best = -1;
  const end = base.best < 0 ? k.decide.length : base.best;
  for (let i = 0; i < end; i++) {
    const x = k.decide[i]!;
    if (x.fields.has(field) && x.holds(answers)) {
      best = i;
      break;
    }
  }
  if (best < 0 && base.best >= 0) {
    const x = k.decide[base.best]!;
    best = !x.fields.has(field) || x.holds(answers) ? base.best : firstHolding(k.decide, answers, base.best + 1);
  }
  const limits = new Array<boolean>(k.limit.length);
  for (let i = 0; i < k.limit.length; i++) {
    const x = k.limit[i]!;
    limits[i] = x.fields.has(field) ? x.holds(answers) : base.limits[i]!;
  }
  return { best, limits };
}

export function choiceOf(h: Hits, k: ByKind, rs: RuleSet): Choice {
  const best = h.best >= 0 ? k.decide[h.best]!.rule : undefined;
  const limits = k.limit.filter((_, i) => h.limits[i]).map((x) => x.rule);
  const decidedApproach = best?.then.approach ?? rs.default.approach;
  let cap = APPROACHES.length - 1;
  let floor = 0;
  let capRule: Rule | undefined;
  let floorRule: Rule | undefined;
  for (const l of limits) {
    if (l.then.atMost && positionOf(l.then.atMost) < cap) {
      cap = positionOf(l.then.atMost);
      capRule = l;
    }
    if (l.then.atLeast && positionOf(l.then.atLeast) > floor) {
      floor = positionOf(l.then.atLeast);
      floorRule = l;
    }
  }
  // atMost wins a conflict: going further right than a constraint allows is the costlier mistake.
  const pos = Math.min(Math.max(positionOf(decidedApproach), floor), cap);
  return { approach: APPROACHES[pos]!, decidedApproach, decidedBy: best, limits, cap, floor, capRule, floorRule };
}

/** choiceOf(…).approach without building the Choice: all a probe needs. */
export function approachOf(h: Hits, k: ByKind, rs: RuleSet): Approach {
  let pos = positionOf(h.best >= 0 ? k.decide[h.best]!.rule.then.approach! : rs.default.approach);
  let cap = APPROACHES.length - 1;
  let floor = 0;
  for (let i = 0; i < k.limit.length; i++) {
    if (!h.limits[i]) continue;
    const t = k.limit[i]!.rule.then;
    if (t.atMost) cap = Math.min(cap, positionOf(t.atMost));
    if (t.atLeast) floor = Math.max(floor, positionOf(t.atLeast));
  }
  pos = Math.min(Math.max(pos, floor), cap);
  return APPROACHES[pos]!;
}

export function choose(answers: Answers, rs: RuleSet): Choice {
  const k = rulesByKind(rs);
  return choiceOf(hitsOf(answers, k), k, rs);
}
