// `rules lint`: finds rules that can never fire, duplicates, self-contradicting conditions, ties
// between decide rules, and answers that fall through to the default.
//
// How: every condition only ever compares a field against constants, so each field's values fall
// into a few classes that no rule can tell apart (the enum values no rule names, the numbers
// between two thresholds). With one representative per class, "can this condition hold?" is a
// small exhaustive search with three-valued pruning, and it is exact, not sampled.
import { APPROACHES, FIELD_BY_NAME } from '../answers/fields.js';
import { holdsLeaf, leavesOf, formatValue, type Condition, type Leaf, type Rule, type Scalar } from './conditions.js';
import type { RuleSet } from './rule-set.js';

export type Severity = 'error' | 'warning' | 'info';

export interface LintFinding {
  severity: Severity;
  /** Stable id of the kind of finding, e.g. `shadowed`. */
  code: 'contradiction' | 'shadowed' | 'duplicate' | 'warning-never-added' | 'unreachable-approach' | 'limit-never-binds' | 'equal-priority' | 'falls-to-default' | 'inexact';
  /** The rule the finding is about, when there is one. */
  rule?: string;
  origin?: string;
  message: string;
  hint?: string;
}

type Value = Scalar | undefined;

interface ValueClass {
  rep: Value;
  label: string;
  /** For non-numeric fields: the values in words. */
  values?: string[];
}

type Assignment = Map<string, ValueClass>;

const NOT_GIVEN = 'not given';
/** Stands for every string value no rule names. */
const OTHER_STRING = '\u0000other';

// ---------------------------------------------------------------------------------------------
// Value classes per field

function numericPoints(field: string, leaves: Leaf[]): number[] {
  const def = FIELD_BY_NAME.get(field);
  const integer = def?.kind === 'integer';
  const thresholds = [...new Set(leaves.map((l) => l.value).filter((v): v is number => typeof v === 'number'))];
  const min = def?.min ?? 0;
  const step = (t: number) => (integer ? 1 : Math.max(1e-6, Math.abs(t) * 1e-9));
  const pts = new Set<number>([def?.exclusiveMin ? min + step(min) : min]);
  for (const t of thresholds) for (const p of [t - step(t), t, t + step(t)]) pts.add(integer ? Math.floor(p) : p);
  // A fractional threshold on a whole-number field: the integers on either side of it.
  if (integer) for (const t of thresholds) if (!Number.isInteger(t)) pts.add(Math.ceil(t));
  pts.add(Math.max(1, ...thresholds) * 10);
  return [...pts]
    .filter((p) => (def?.exclusiveMin ? p > min : p >= min) && (def?.max === undefined || p <= def.max) && (!integer || Number.isInteger(p)))
    .sort((a, b) => a - b);
}

function rangeLabel(field: string, lo: number, hi: number, thresholds: number[], top: number): string {
  const below = thresholds.filter((t) => t <= lo);
  const above = thresholds.filter((t) => t >= hi);
  const parts: string[] = [];
  if (below.length) {
    const t = Math.max(...below);
    parts.push(`${formatValue(t)} ${lo === t ? '≤' : '<'} `);
  }
  parts.push(field);
  if (hi < top && above.length) {
    const t = Math.min(...above);
    parts.push(` ${hi === t ? '≤' : '<'} ${formatValue(t)}`);
  }
  return parts.join('');
}

function classesFor(field: string, leaves: Leaf[]): ValueClass[] {
  const def = FIELD_BY_NAME.get(field);
  let values: Value[];
  if (field === 'approach') values = [...APPROACHES];
  else if (!def) values = [undefined];
  else if (def.kind === 'enum') values = def.choices!.map((c) => c.value);
  else if (def.kind === 'boolean') values = [true, false];
  else if (def.kind === 'string') values = [...new Set(leaves.flatMap((l) => (Array.isArray(l.value) ? l.value : [l.value])).filter((v) => typeof v === 'string')), OTHER_STRING];
  else values = numericPoints(field, leaves);
  // Absent only when it has no default and is not always filled in (task is required, modality
  // follows from the task).
  if (def && def.default === undefined && !def.required && field !== 'modality') values.push(undefined);

  const groups = new Map<string, Value[]>();
  for (const v of values) {
    const facts = { [field]: v } as never;
    const sig = leaves.map((l) => (holdsLeaf(l, facts) ? '1' : '0')).join('');
    groups.set(sig, [...(groups.get(sig) ?? []), v]);
  }
  const numeric = def && (def.kind === 'integer' || def.kind === 'number');
  const thresholds = numeric ? [...new Set(leaves.map((l) => l.value).filter((v): v is number => typeof v === 'number'))] : [];
  const ordered = numeric ? (values.filter((v) => typeof v === 'number') as number[]) : [];
  const top = ordered[ordered.length - 1] ?? 0;
  return [...groups.values()].map((vs) => {
    const rep = vs[0];
    if (!numeric) {
      const shown = vs.map((v) => (v === undefined ? NOT_GIVEN : v === OTHER_STRING ? 'any other value' : String(v)));
      const label = vs.length === values.length ? `${field}: any` : shown.length === 1 ? `${field} = ${shown[0]}` : `${field} in [${shown.join(', ')}]`;
      return { rep, label, values: shown };
    }
    // Contiguous runs of the ordered points, each a range.
    const runs: string[] = [];
    let start = -1;
    ordered.forEach((p, i) => {
      const inside = vs.includes(p);
      if (inside && start < 0) start = i;
      if (start >= 0 && (!inside || i === ordered.length - 1)) {
        const end = inside ? i : i - 1;
        runs.push(rangeLabel(field, ordered[start]!, ordered[end]!, thresholds, top));
        start = -1;
      }
    });
    if (vs.includes(undefined)) runs.push(`${field} ${NOT_GIVEN}`);
    return { rep, label: runs.join(' or ') };
  });
}

// ---------------------------------------------------------------------------------------------
// Three-valued evaluation and search

/** Thrown inside a search when its share of the work budget is spent. */
class OutOfBudget extends Error {}

/** Counts the condition nodes an analysis visits; past `limit`, the search in hand stops. */
interface Meter {
  visits: number;
  limit: number;
}

function eval3(cond: Condition, asg: Assignment, defines: ReadonlyMap<string, Condition>, depth = 0, meter?: Meter): boolean | undefined {
  if (depth > 50) return undefined;
  if (meter && ++meter.visits > meter.limit) throw new OutOfBudget();
  if ('all' in cond) {
    let unknown = false;
    for (const c of cond.all) {
      const v = eval3(c, asg, defines, depth + 1, meter);
      if (v === false) return false;
      if (v === undefined) unknown = true;
    }
    return unknown ? undefined : true;
  }
  if ('any' in cond) {
    let unknown = false;
    for (const c of cond.any) {
      const v = eval3(c, asg, defines, depth + 1, meter);
      if (v === true) return true;
      if (v === undefined) unknown = true;
    }
    return unknown ? undefined : false;
  }
  if ('not' in cond) {
    const v = eval3(cond.not, asg, defines, depth + 1, meter);
    return v === undefined ? undefined : !v;
  }
  if ('ref' in cond) {
    const d = defines.get(cond.ref);
    return d ? eval3(d, asg, defines, depth + 1, meter) : undefined;
  }
  const cls = asg.get(cond.field);
  if (!cls) return undefined;
  return holdsLeaf(cond, { [cond.field]: cls.rep } as never);
}

/**
 * How much work lint may do, in condition nodes visited: the search is exact, but its size grows
 * with the product of the fields' classes and each step walks the whole condition, so a layer of a
 * thousand rules could take hours. Each search may visit `perSearch` nodes and the whole run
 * `total`; a search cut short is not exact, and lint says so instead of guessing (README, "Limits").
 * Counted in visits rather than seconds, so the findings are the same on every machine.
 */
export const LINT_BUDGET = { perSearch: 2_000_000, total: 20_000_000 };

export class Analyzer {
  private readonly fieldWeight = new Map<string, number>();
  /** Set when a search was cut short: some findings may be missing. */
  budgetExceeded = false;
  /** Searches cut short, and searches run. */
  inexact = 0;
  searches = 0;
  private spent = 0;

  constructor(private readonly rs: RuleSet, private readonly budget = LINT_BUDGET) {
    const all: Leaf[] = [];
    for (const r of rs.rules) leavesOf(r.when, rs.defines, all);
    for (const l of all) this.fieldWeight.set(l.field, (this.fieldWeight.get(l.field) ?? 0) + 1);
  }

  /** The fields a condition tests, each with the classes of values that condition can tell apart. */
  private domains(cond: Condition): { field: string; classes: ValueClass[] }[] {
    const byField = new Map<string, Leaf[]>();
    for (const l of leavesOf(cond, this.rs.defines)) {
      const list = byField.get(l.field);
      if (list) list.push(l);
      else byField.set(l.field, [l]);
    }
    // Most-tested fields first: they prune the search soonest.
    return [...byField]
      .sort(([a], [b]) => (this.fieldWeight.get(b) ?? 0) - (this.fieldWeight.get(a) ?? 0) || a.localeCompare(b))
      .map(([field, leaves]) => ({ field, classes: classesFor(field, leaves) }));
  }

  /**
   * Calls `found` for each partial assignment under which `cond` surely holds; stop by returning
   * true. Returns false when the search gave up (too large).
   */
  private search(cond: Condition, found: (asg: Assignment, domains: { field: string; classes: ValueClass[] }[]) => boolean): boolean {
    this.searches++;
    const left = this.budget.total - this.spent;
    if (left <= 0) {
      this.inexact++;
      this.budgetExceeded = true;
      return false;
    }
    const meter: Meter = { visits: 0, limit: Math.min(this.budget.perSearch, left) };
    // Sorting the leaves into classes costs about a visit per leaf and value: charged too, so
    // that a condition over a thousand rules cannot cost more than its share before searching.
    const leafCount = leavesOf(cond, this.rs.defines).length;
    meter.visits += leafCount * 32;
    if (meter.visits > meter.limit) {
      this.spent += meter.visits;
      this.inexact++;
      this.budgetExceeded = true;
      return false;
    }
    const domains = this.domains(cond);
    const asg: Assignment = new Map();
    const rec = (i: number): boolean => {
      const v = eval3(cond, asg, this.rs.defines, 0, meter);
      if (v === false) return false;
      if (v === true) return found(new Map(asg), domains);
      if (i >= domains.length) return false;
      const { field, classes } = domains[i]!;
      for (const cls of classes) {
        asg.set(field, cls);
        if (rec(i + 1)) return true;
      }
      asg.delete(field);
      return false;
    };
    try {
      rec(0);
      return true;
    } catch (e) {
      if (!(e instanceof OutOfBudget)) throw e;
      this.inexact++;
      this.budgetExceeded = true;
      return false;
    } finally {
      this.spent += meter.visits;
    }
  }

  /** An assignment under which `cond` holds, or undefined when none exists. */
  witness(cond: Condition): Assignment | undefined {
    let w: Assignment | undefined;
    const complete = this.search(cond, (asg) => {
      w = asg;
      return true;
    });
    // Past the search budget, assume it can hold: lint must not report what it did not prove.
    return w ?? (complete ? undefined : new Map());
  }

  satisfiable(cond: Condition): boolean {
    return this.witness(cond) !== undefined;
  }

  /**
   * The regions of the answers where `cond` holds, described in words: regions that differ in
   * one field only are merged, and a field that may take any value is left out.
   */
  regions(cond: Condition, limit: number): { regions: string[]; more: boolean } {
    type Region = Map<string, Set<number>>;
    const found: Region[] = [];
    let domains: { field: string; classes: ValueClass[] }[] = [];
    let more = false;
    this.search(cond, (asg, d) => {
      domains = d;
      if (found.length >= 5000) {
        more = true;
        return true;
      }
      found.push(new Map([...asg].map(([f, cls]) => [f, new Set([d.find((x) => x.field === f)!.classes.indexOf(cls)])])));
      return false;
    });
    const key = (r: Region, skip: string) => [...r].filter(([f]) => f !== skip).map(([f, s]) => `${f}=${[...s].sort().join('|')}`).sort().join(';') + '#' + [...r.keys()].sort().join(',');
    let merged = true;
    let regions = found;
    while (merged) {
      merged = false;
      for (const { field } of domains) {
        const groups = new Map<string, Region>();
        for (const r of regions) {
          if (!r.has(field)) {
            groups.set(`!${key(r, '')}`, r);
            continue;
          }
          const k = key(r, field);
          const g = groups.get(k);
          if (g) {
            for (const i of r.get(field)!) g.get(field)!.add(i);
            merged = true;
          } else groups.set(k, new Map([...r].map(([f, s]) => [f, new Set(s)])));
        }
        regions = [...groups.values()];
      }
    }
    const words = regions.map((r) =>
      [...r]
        .filter(([f, s]) => s.size < domains.find((d) => d.field === f)!.classes.length)
        .map(([f, s]) => labelOf(f, domains.find((d) => d.field === f)!.classes, [...s].sort()))
        .join(', ') || 'any answers',
    );
    return { regions: words.slice(0, limit), more: more || words.length > limit };
  }
}

/** Words for a field restricted to some of its classes: "task in [a, b]", "task not in [c]". */
function labelOf(field: string, classes: ValueClass[], picked: number[]): string {
  if (picked.length === 1 || classes[0]?.values === undefined) return picked.map((i) => classes[i]!.label).join(' or ');
  const inside = picked.flatMap((i) => classes[i]!.values!);
  const outside = classes.filter((_, i) => !picked.includes(i)).flatMap((c) => c.values!);
  if (outside.length < inside.length) return outside.length === 1 ? `${field} ≠ ${outside[0]}` : `${field} not in [${outside.join(', ')}]`;
  return `${field} in [${inside.join(', ')}]`;
}

export function describeAssignment(asg: Assignment): string {
  return [...asg.values()].map((c) => c.label).filter((l) => !l.endsWith(': any')).join(', ') || 'any answers';
}

// ---------------------------------------------------------------------------------------------
// The checks

/** A condition with refs expanded and list members in a stable order, for spotting duplicates. */
function canonical(cond: Condition, defines: ReadonlyMap<string, Condition>, depth = 0): unknown {
  if (depth > 50) return null;
  if ('all' in cond || 'any' in cond) {
    const key = 'all' in cond ? 'all' : 'any';
    const kids = ('all' in cond ? cond.all : cond.any).map((c) => canonical(c, defines, depth + 1));
    // Nested lists of the same kind flatten: [a, [b, c]] is [a, b, c].
    const flat = kids.flatMap((k) => (k && typeof k === 'object' && key in (k as object) ? ((k as Record<string, unknown[]>)[key] as unknown[]) : [k]));
    const sorted = flat.map((k) => JSON.stringify(k)).sort();
    if (sorted.length === 1) return JSON.parse(sorted[0]!);
    return { [key]: sorted.map((s) => JSON.parse(s)) };
  }
  if ('not' in cond) return { not: canonical(cond.not, defines, depth + 1) };
  if ('ref' in cond) {
    const d = defines.get(cond.ref);
    return d ? canonical(d, defines, depth + 1) : { ref: cond.ref };
  }
  return { field: cond.field, op: cond.op, value: Array.isArray(cond.value) ? [...cond.value].map(String).sort() : cond.value };
}

function topLevelParts(cond: Condition, defines: ReadonlyMap<string, Condition>): Condition[] {
  if ('all' in cond) return cond.all.flatMap((c) => topLevelParts(c, defines));
  if ('ref' in cond && defines.get(cond.ref)) return topLevelParts(defines.get(cond.ref)!, defines);
  return [cond];
}

function describeCondition(cond: Condition): string {
  if ('ref' in cond) return cond.ref;
  if ('field' in cond) return `${cond.field} ${cond.op} ${formatValue(cond.value)}`;
  if ('not' in cond) return `not (${describeCondition(cond.not)})`;
  if ('all' in cond) return `all of (${cond.all.map(describeCondition).join('; ')})`;
  return `any of (${cond.any.map(describeCondition).join('; ')})`;
}

// ---------------------------------------------------------------------------------------------
// The chosen spot as a condition on the answers, so that warn rules testing `approach` can be
// checked against what the decide and limit rules can actually choose.

const FALSE: Condition = { any: [] };

/** For each spot, in position order, the condition on the answers under which the rules choose it. */
export function decisionConditions(rs: RuleSet): Condition[] {
  return decisionParts(rs).chosen;
}

/** `decidedIs[k]`: the decide rules (or the default) pick spot k, before limits; `chosen[k]`: after limits. */
function decisionParts(rs: RuleSet): { decidedIs: Condition[]; chosen: Condition[] } {
  const decide = rs.rules.filter((r) => r.enabled && r.kind === 'decide');
  // The order `choose` applies: highest priority first, the earlier rule on a tie.
  const ranked = decide.map((r, i) => ({ r, i })).sort((a, b) => b.r.priority - a.r.priority || a.i - b.i).map((x) => x.r);
  const limits = rs.rules.filter((r) => r.enabled && r.kind === 'limit');
  const pos = (a: string | undefined) => (a === undefined ? -1 : (APPROACHES as readonly string[]).indexOf(a));
  const n = APPROACHES.length;
  const decidedIs = APPROACHES.map((a, k) => {
    const ways: Condition[] = ranked.flatMap((r, i) => (pos(r.then.approach) === k ? [{ all: [r.when, { not: { any: ranked.slice(0, i).map((h) => h.when) } }] }] : []));
    if (pos(rs.default.approach) === k) ways.push({ not: { any: ranked.map((r) => r.when) } });
    return { any: ways } as Condition;
  });
  const capAtMost = (p: number): Condition => (p < 0 ? FALSE : { any: limits.filter((l) => l.then.atMost && pos(l.then.atMost) <= p).map((l) => l.when) });
  const floorAtLeast = (p: number): Condition => (p >= n ? FALSE : { any: limits.filter((l) => l.then.atLeast && pos(l.then.atLeast) >= p).map((l) => l.when) });
  const decidedAtMost = (k: number): Condition => ({ any: decidedIs.slice(0, k + 1) });
  const decidedAtLeast = (k: number): Condition => ({ any: decidedIs.slice(k) });
  // position = min(max(decided, floor), cap)
  const chosen: Condition[] = APPROACHES.map((_, k) => ({
    any: [
      { all: [capAtMost(k), { not: capAtMost(k - 1) }, { any: [decidedAtLeast(k), floorAtLeast(k)] }] },
      {
        all: [
          { not: capAtMost(k) },
          { any: [{ all: [decidedIs[k]!, { not: floorAtLeast(k + 1) }] }, { all: [floorAtLeast(k), { not: floorAtLeast(k + 1) }, decidedAtMost(k)] }] },
        ],
      },
    ],
  }));
  return { decidedIs, chosen };
}

/** `cond` with refs inlined and every test of `approach` replaced by the condition that chooses it. */
function withApproachResolved(cond: Condition, rs: RuleSet, chosen: Condition[], depth = 0): Condition {
  if (depth > 50) return cond;
  const again = (c: Condition) => withApproachResolved(c, rs, chosen, depth + 1);
  if ('all' in cond) return { all: cond.all.map(again) };
  if ('any' in cond) return { any: cond.any.map(again) };
  if ('not' in cond) return { not: again(cond.not) };
  if ('ref' in cond) {
    const d = rs.defines.get(cond.ref);
    return d ? again(d) : cond;
  }
  if (cond.field !== 'approach') return cond;
  const values = Array.isArray(cond.value) ? cond.value : [cond.value];
  const anyOf: Condition = { any: values.map((v) => chosen[(APPROACHES as readonly Scalar[]).indexOf(v)] ?? FALSE) };
  switch (cond.op) {
    case 'is':
    case 'in':
      return anyOf;
    case 'isNot':
    case 'notIn':
      return { not: anyOf };
    default:
      return { all: [] };
  }
}

function testsApproach(cond: Condition, defines: ReadonlyMap<string, Condition>): boolean {
  return leavesOf(cond, defines).some((l) => l.field === 'approach');
}

export interface LintOptions {
  /** How many fall-through regions to list. */
  maxRegions?: number;
  /** The work budget (tests make it small). */
  budget?: typeof LINT_BUDGET;
}

/** Stronger rules tried when naming what shadows a rule. */
const EXPLAIN_CANDIDATES = 24;

export function lintRuleSet(rs: RuleSet, opts: LintOptions = {}): LintFinding[] {
  const findings: LintFinding[] = [];
  const az = new Analyzer(rs, opts.budget);
  const enabled = rs.rules.filter((r) => r.enabled);
  const at = (r: Rule) => ({ rule: r.id, origin: r.origin });
  const broken = new Set<string>();

  // Conditions that contradict themselves.
  for (const r of enabled) {
    if (az.satisfiable(r.when)) continue;
    broken.add(r.id);
    const parts = topLevelParts(r.when, rs.defines);
    let pair = '';
    outer: for (let i = 0; i < parts.length; i++) {
      if (!az.satisfiable(parts[i]!)) {
        pair = `"${describeCondition(parts[i]!)}" can never hold`;
        break;
      }
      for (let j = i + 1; j < parts.length; j++) {
        if (!az.satisfiable({ all: [parts[i]!, parts[j]!] })) {
          pair = `"${describeCondition(parts[i]!)}" and "${describeCondition(parts[j]!)}" cannot both hold`;
          break outer;
        }
      }
    }
    findings.push({ severity: 'error', code: 'contradiction', ...at(r), message: `rule "${r.id}" can never fire: its conditions contradict each other${pair ? ` (${pair})` : ''}`, hint: 'remove the contradicting condition, or use any: if either should do' });
  }

  // Duplicates: the same kind, the same condition and the same outcome.
  const seen = new Map<string, Rule>();
  for (const r of enabled) {
    const key = JSON.stringify([r.kind, canonical(r.when, rs.defines), r.then, r.kind === 'decide' ? r.priority : 0]);
    const first = seen.get(key);
    if (first) {
      broken.add(r.id);
      findings.push({ severity: 'error', code: 'duplicate', ...at(r), message: `rule "${r.id}" duplicates "${first.id}": the same conditions and the same outcome`, hint: `delete one of them, or switch one off with { id: ${r.id}, enabled: false }` });
    } else seen.set(key, r);
  }

  // Decide rules that a stronger rule always beats (ties go to the rule declared first).
  const decide = enabled.filter((r) => r.kind === 'decide');
  for (const r of decide) {
    if (broken.has(r.id)) continue;
    const stronger = decide.filter((h) => h !== r && (h.priority > r.priority || (h.priority === r.priority && decide.indexOf(h) < decide.indexOf(r))));
    if (!stronger.length) continue;
    if (az.satisfiable({ all: [r.when, { not: { any: stronger.map((h) => h.when) } }] })) continue;
    // Which stronger rules do it, for the message: the strongest first, and no more searched than
    // a message can name (searching every pair made lint quadratic in the searches alone).
    const single: Rule[] = [];
    const overlapping: Rule[] = [];
    for (const h of [...stronger].sort((a, b) => b.priority - a.priority).slice(0, EXPLAIN_CANDIDATES)) {
      if (!az.satisfiable({ all: [r.when, h.when] })) continue;
      overlapping.push(h);
      if (!az.satisfiable({ all: [r.when, { not: h.when }] })) {
        single.push(h);
        break;
      }
    }
    if (!overlapping.length) overlapping.push(...stronger.slice(0, 3));
    const named = overlapping.map((h) => `"${h.id}" (${h.priority})`).join(', ');
    const by = single.length ? `"${single[0]!.id}" (priority ${single[0]!.priority}) holds whenever it does`
      : overlapping.length < stronger.length && stronger.length > EXPLAIN_CANDIDATES ? `whenever it holds, one of the ${stronger.length} stronger rules holds too (among them ${named})`
      : `whenever it holds, one of ${named} holds too`;
    findings.push({ severity: 'error', code: 'shadowed', ...at(r), message: `decide rule "${r.id}" (priority ${r.priority}) can never decide: ${by}`, hint: `raise its priority above ${Math.max(...(single.length ? single : stronger.length > EXPLAIN_CANDIDATES ? stronger : overlapping).map((h) => h.priority))}, narrow the stronger rule, or delete this one` });
  }

  // Warn rules whose warning an earlier rule always adds first (a warning is added once per id).
  const warns = enabled.filter((r) => r.kind === 'warn');
  for (const r of warns) {
    if (broken.has(r.id)) continue;
    const earlier = warns.slice(0, warns.indexOf(r)).filter((w) => w.then.warning === r.then.warning);
    if (!earlier.length) continue;
    if (az.satisfiable({ all: [r.when, { not: { any: earlier.map((w) => w.when) } }] })) continue;
    findings.push({ severity: 'error', code: 'warning-never-added', ...at(r), message: `warn rule "${r.id}" never adds its message: whenever it holds, ${earlier.map((w) => `"${w.id}"`).join(' or ')} has already added warning "${r.then.warning}"`, hint: 'narrow the earlier rule, move this one above it, or delete this one' });
  }

  // Limit rules that never move the answer: whenever they hold, the decide rules already chose a
  // spot on the allowed side.
  const { decidedIs, chosen } = decisionParts(rs);
  for (const r of enabled.filter((x) => x.kind === 'limit')) {
    if (broken.has(r.id)) continue;
    const p = (k: string | undefined) => (k === undefined ? -1 : (APPROACHES as readonly string[]).indexOf(k));
    const capBinds = r.then.atMost !== undefined && az.satisfiable({ all: [r.when, { any: decidedIs.slice(p(r.then.atMost) + 1) }] });
    const floorBinds = r.then.atLeast !== undefined && az.satisfiable({ all: [r.when, { any: decidedIs.slice(0, p(r.then.atLeast)) }] });
    if (capBinds || floorBinds) continue;
    const side = r.then.atMost ? `at or left of ${r.then.atMost}` : `at or right of ${r.then.atLeast}`;
    findings.push({ severity: 'warning', code: 'limit-never-binds', ...at(r), message: `limit rule "${r.id}" never changes a recommendation: whenever it holds, the decide rules already choose a spot ${side}`, hint: 'fine as a safeguard for layers; otherwise delete it or widen its conditions' });
  }

  // Warn rules about the chosen spot that the decide and limit rules never choose in their case.
  for (const r of warns) {
    if (broken.has(r.id) || !testsApproach(r.when, rs.defines)) continue;
    if (az.satisfiable(withApproachResolved(r.when, rs, chosen))) continue;
    findings.push({ severity: 'warning', code: 'unreachable-approach', ...at(r), message: `warn rule "${r.id}" never fires with the rules in effect: whenever its other conditions hold, the rules choose a spot other than the one it tests`, hint: 'fine if it guards against a layer that changes the decide rules; otherwise widen it or delete it' });
  }

  // Equal priorities: the order in the file then decides, which nobody reads as a rule.
  const byPriority = new Map<number, Rule[]>();
  for (const r of decide) byPriority.set(r.priority, [...(byPriority.get(r.priority) ?? []), r]);
  for (const [p, group] of byPriority) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const [a, b] = [group[i]!, group[j]!];
        const both = az.witness({ all: [a.when, b.when] });
        const differ = a.then.approach !== b.then.approach || a.then.confidence !== b.then.confidence;
        if (both && differ) {
          findings.push({ severity: 'warning', code: 'equal-priority', ...at(b), message: `decide rules "${a.id}" and "${b.id}" share priority ${p} and can both hold (e.g. ${describeAssignment(both)}); then "${a.id}", declared first, decides`, hint: 'give them different priorities so that the intent is written down' });
        } else {
          findings.push({ severity: 'info', code: 'equal-priority', ...at(b), message: `decide rules "${a.id}" and "${b.id}" share priority ${p}; ${both ? 'they agree when both hold' : 'they never hold together'}, so the tie is harmless` });
        }
      }
    }
  }

  // Answers no decide rule covers: the default decides for them.
  const max = opts.maxRegions ?? 12;
  const uncovered = { not: { any: decide.map((r) => r.when) } };
  const { regions, more } = az.regions(uncovered, max);
  if (regions.length) {
    findings.push({
      severity: 'info',
      code: 'falls-to-default',
      origin: rs.default.origin,
      message: `${more ? `more than ${max}` : regions.length} region${regions.length === 1 && !more ? '' : 's'} of the answers fall through to the default (${rs.default.approach}):\n${regions.map((g) => `    - ${g}`).join('\n')}${more ? '\n    - …' : ''}`,
      hint: 'intended when the default is the right answer there; otherwise add a decide rule for them',
    });
  }
  if (az.budgetExceeded) {
    findings.push({
      severity: 'warning',
      code: 'inexact',
      message: `not exact: ${az.inexact} of ${az.searches} checks over these ${rs.rules.length} rules went past lint's work budget and were left unproven, so some findings may be missing (nothing reported is a guess)`,
      hint: 'fewer rules per run can be analysed in full: lint the layers one at a time, or merge rules that say the same thing',
    });
  }
  return findings;
}
