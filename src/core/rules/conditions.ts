// The rule file format and its evaluation. Rules are data (YAML under rules/); this module knows
// the closed set of operators and the hit policies, and nothing about any particular rule.
import { APPROACHES, FIELD_BY_NAME, FIELD_NAMES, type Approach, type Answers } from '../answers/fields.js';
import { closest } from '../text/closest.js';
import { formatNumber } from '../text/format.js';
import { quote } from '../text/excerpt.js';
import type { InputIssue } from '../answers/check.js';
import type { RuleFile, RawRule } from './schema.js';

export const OPERATORS = ['is', 'isNot', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte', 'given'] as const;
export type Operator = (typeof OPERATORS)[number];

/** Facts a rule may test besides the answers. `approach` exists only for warn rules. */
export const DERIVED_FIELDS = ['approach'] as const;

export type Scalar = string | number | boolean;

export interface Leaf {
  field: string;
  op: Operator;
  value: Scalar | Scalar[];
}
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { ref: string }
  | Leaf;

export type RuleKind = 'decide' | 'limit' | 'warn';

export interface Rule {
  id: string;
  kind: RuleKind;
  /** Hit policy for `decide`: the matching rule with the highest priority decides. */
  priority: number;
  when: Condition;
  then: { approach?: Approach; confidence?: 'medium' | 'low'; atMost?: Approach; atLeast?: Approach; warning?: string; message?: string };
  because: string;
  enabled: boolean;
  /** Where the rule came from (file path), for `rules show` and explanations. */
  origin?: string;
}

// ---------------------------------------------------------------------------------------------

const OP_KEYS = OPERATORS as readonly string[];

/** Converts a raw condition into the internal form, reporting problems against `path`. */
function compileCondition(
  raw: unknown,
  path: (string | number)[],
  ctx: { kind: RuleKind | 'define'; defines: ReadonlySet<string>; issues: InputIssue[] },
): Condition {
  if (Array.isArray(raw)) return { all: raw.map((c, i) => compileCondition(c, [...path, i], ctx)) };
  const o = raw as Record<string, unknown>;
  if ('all' in o) return { all: (o.all as unknown[]).map((c, i) => compileCondition(c, [...path, 'all', i], ctx)) };
  if ('any' in o) return { any: (o.any as unknown[]).map((c, i) => compileCondition(c, [...path, 'any', i], ctx)) };
  if ('not' in o) return { not: compileCondition(o.not, [...path, 'not'], ctx) };
  if ('ref' in o) {
    const name = o.ref as string;
    if (!ctx.defines.has(name)) {
      const near = closest(name, [...ctx.defines]);
      ctx.issues.push({ path: [...path, 'ref'], message: `no condition named ${quote(name)} under define:`, hint: near ? `did you mean "${near}"?` : 'add it under define: or fix the name' });
    }
    return { ref: name };
  }
  const field = o.field as string;
  const ops = Object.keys(o).filter((k) => OP_KEYS.includes(k));
  if (ops.length !== 1) {
    ctx.issues.push({
      path,
      message: ops.length ? `a condition takes exactly one operator, found ${ops.join(', ')}` : 'a condition needs an operator',
      hint: `use one of ${OPERATORS.join(', ')}`,
    });
    return { field, op: 'given', value: true };
  }
  const op = ops[0] as Operator;
  const value = o[op] as Scalar | Scalar[];
  checkLeaf(field, op, value, path, ctx);
  return { field, op, value };
}

function checkLeaf(
  field: string,
  op: Operator,
  value: Scalar | Scalar[],
  path: (string | number)[],
  ctx: { kind: RuleKind | 'define'; issues: InputIssue[] },
): void {
  if (field === 'approach') {
    if (ctx.kind !== 'warn' && ctx.kind !== 'define') {
      ctx.issues.push({ path: [...path, 'field'], message: '"approach" can only be tested by warn rules (it is the decision itself)', hint: 'test answer fields instead' });
      return;
    }
    if (['lt', 'lte', 'gt', 'gte'].includes(op)) {
      ctx.issues.push({ path: [...path, op], message: `"${op}" compares numbers; approach is one of ${APPROACHES.join(', ')}`, hint: 'use is, isNot, in or notIn' });
      return;
    }
    for (const v of Array.isArray(value) ? value : [value]) {
      if (op !== 'given' && !(APPROACHES as readonly Scalar[]).includes(v)) {
        ctx.issues.push({ path: [...path, op], message: `approach has no value ${JSON.stringify(v)}`, hint: `expected one of ${APPROACHES.join(', ')}` });
      }
    }
    return;
  }
  const def = FIELD_BY_NAME.get(field);
  if (!def) {
    const near = closest(field, [...FIELD_NAMES, ...DERIVED_FIELDS]);
    ctx.issues.push({ path: [...path, 'field'], message: `unknown answer field ${quote(field)}`, hint: near ? `did you mean \`${near}\`?` : 'see `ml-advisor schema answers` for the fields' });
    return;
  }
  const numeric = def.kind === 'integer' || def.kind === 'number';
  if (op === 'given') return;
  if (['lt', 'lte', 'gt', 'gte'].includes(op)) {
    if (!numeric) ctx.issues.push({ path: [...path, op], message: `"${op}" compares numbers, but ${field} is ${def.kind === 'enum' ? 'an enum' : `a ${def.kind}`}`, hint: 'use is, isNot, in or notIn' });
    return;
  }
  const multi = op === 'in' || op === 'notIn';
  if (multi !== Array.isArray(value)) {
    ctx.issues.push({ path: [...path, op], message: multi ? `"${op}" takes a list of values` : `"${op}" takes one value, found a list`, hint: multi ? `write ${op}: [a, b]` : 'use in / notIn for several values' });
    return;
  }
  (Array.isArray(value) ? value : [value]).forEach((v, i) => {
    const at = multi ? [...path, op, i] : [...path, op];
    if (def.kind === 'enum') {
      const allowed = def.choices!.map((c) => c.value);
      if (typeof v !== 'string' || !allowed.includes(v)) {
        const near = typeof v === 'string' ? closest(v, allowed) : undefined;
        ctx.issues.push({ path: at, message: `${field} has no value ${typeof v === 'string' ? quote(v) : JSON.stringify(v)}`, hint: near ? `did you mean "${near}"? (expected one of ${allowed.join(', ')})` : `expected one of ${allowed.join(', ')}` });
      }
    } else if (def.kind === 'boolean' && typeof v !== 'boolean') {
      ctx.issues.push({ path: at, message: `${field} is true or false, found ${JSON.stringify(v)}` });
    } else if (numeric && typeof v !== 'number') {
      ctx.issues.push({ path: at, message: `${field} is a number, found ${JSON.stringify(v)}` });
    } else if (def.kind === 'string' && typeof v !== 'string') {
      ctx.issues.push({ path: at, message: `${field} is a string, found ${JSON.stringify(v)}` });
    }
  });
}

export interface CompiledRuleFile {
  defines: Map<string, Condition>;
  rules: Rule[];
  /** Ids of rules this file switches off (`enabled: false` with nothing else). */
  disabled: string[];
  default?: { approach: Approach; because: string };
}

/**
 * Checks the meaning of a rule file whose shape already matched `ruleFileSchema`: field names,
 * enum values, operators that fit the field, what each kind of rule must say.
 * `knownDefines` are names defined in lower layers; `knownRuleIds` lets a layer switch off or
 * replace a rule by id without repeating it.
 */
export function compileRuleFile(
  file: RuleFile,
  opts: { knownDefines?: ReadonlySet<string>; knownRules?: ReadonlyMap<string, Rule>; origin?: string } = {},
): { compiled: CompiledRuleFile; issues: InputIssue[] } {
  const issues: InputIssue[] = [];
  const defineNames = new Set([...(opts.knownDefines ?? []), ...Object.keys(file.define ?? {})]);
  const defines = new Map<string, Condition>();
  for (const [name, cond] of Object.entries(file.define ?? {})) {
    defines.set(name, compileCondition(cond, ['define', name], { kind: 'define', defines: defineNames, issues }));
  }
  const rules: Rule[] = [];
  const disabled: string[] = [];
  const seen = new Map<string, number>();
  (file.rules ?? []).forEach((raw: RawRule, i) => {
    const path = ['rules', i];
    if (seen.has(raw.id)) {
      issues.push({ path: [...path, 'id'], message: `rule id "${raw.id}" is used twice in this file (first at rules[${seen.get(raw.id)}])`, hint: 'give each rule its own id' });
    }
    seen.set(raw.id, i);
    const base = opts.knownRules?.get(raw.id);
    const onlySwitch = raw.enabled === false && raw.when === undefined && raw.then === undefined;
    if (onlySwitch) {
      if (!base && opts.knownRules) issues.push({ path: [...path, 'id'], message: `there is no rule "${raw.id}" to switch off`, hint: closestHint(raw.id, [...opts.knownRules.keys()]) });
      disabled.push(raw.id);
      return;
    }
    const kind = raw.kind ?? base?.kind;
    if (!kind) {
      issues.push({ path, message: `rule "${raw.id}" needs a kind`, hint: 'kind: decide, limit or warn' });
      return;
    }
    if (raw.when === undefined && !base) issues.push({ path, message: `rule "${raw.id}" needs a when: condition`, hint: 'use when: [] only through a default; write the condition that makes this rule hold' });
    if (raw.because === undefined && !base) issues.push({ path, message: `rule "${raw.id}" needs because: a reason in plain words`, hint: 'say why the rule leads where it does' });
    const when = raw.when !== undefined ? compileCondition(raw.when, [...path, 'when'], { kind, defines: defineNames, issues }) : base?.when ?? { all: [] };
    const then = raw.then ?? base?.then ?? {};
    const thenPath = [...path, 'then'];
    if (kind === 'decide' && !then.approach) issues.push({ path: thenPath, message: 'a decide rule says then: { approach: … }', hint: `one of ${APPROACHES.join(', ')}` });
    if (kind === 'limit' && !then.atMost && !then.atLeast) issues.push({ path: thenPath, message: 'a limit rule says then: { atMost: … } or { atLeast: … }' });
    if (kind === 'warn' && (!then.warning || !then.message)) issues.push({ path: thenPath, message: 'a warn rule says then: { warning: id, message: text }' });
    const misplaced = Object.keys(then).filter((k) => !ALLOWED_THEN[kind].includes(k));
    for (const k of misplaced) issues.push({ path: [...thenPath, k], message: `"${k}" does not belong in a ${kind} rule`, hint: `a ${kind} rule says ${ALLOWED_THEN[kind].join(', ')}` });
    if (kind === 'decide' && raw.priority === undefined && base?.priority === undefined) {
      issues.push({ path, message: `decide rule "${raw.id}" needs a priority (the matching rule with the highest priority decides)`, hint: 'priority: 50' });
    }
    rules.push({
      id: raw.id,
      kind,
      priority: raw.priority ?? base?.priority ?? 0,
      when,
      then,
      because: raw.because ?? base?.because ?? '',
      enabled: raw.enabled ?? true,
      origin: opts.origin,
    });
  });
  return { compiled: { defines, rules, disabled, default: file.default }, issues };
}

function closestHint(id: string, ids: string[]): string {
  const near = closest(id, ids);
  return near ? `did you mean "${near}"?` : 'see `ml-advisor rules show` for the rule ids';
}

const ALLOWED_THEN: Record<RuleKind, string[]> = {
  decide: ['approach', 'confidence'],
  limit: ['atMost', 'atLeast'],
  warn: ['warning', 'message'],
};

// ---------------------------------------------------------------------------------------------
// Evaluation

export type Facts = Answers & { approach?: Approach };

export interface LeafTrace {
  field: string;
  op: Operator;
  expected: Scalar | Scalar[];
  actual: Scalar | null;
  holds: boolean;
  /** Set in traces when the test sits under a `not`: the rule needs it NOT to hold. */
  negated?: boolean;
  /** Set in traces when the test comes from a named condition (`ref`). */
  ref?: string;
}

export function holdsLeaf(leaf: Leaf, facts: Facts): boolean {
  const actual = (facts as unknown as Record<string, Scalar | undefined>)[leaf.field];
  switch (leaf.op) {
    case 'given':
      return (actual !== undefined) === leaf.value;
    case 'is':
      return actual === leaf.value;
    case 'isNot':
      return actual !== leaf.value;
    case 'in':
      return actual !== undefined && (leaf.value as Scalar[]).includes(actual);
    case 'notIn':
      return actual === undefined || !(leaf.value as Scalar[]).includes(actual);
    // A numeric comparison on a field that was not given does not hold: an unknown budget is
    // neither small nor large.
    case 'lt':
      return typeof actual === 'number' && actual < (leaf.value as number);
    case 'lte':
      return typeof actual === 'number' && actual <= (leaf.value as number);
    case 'gt':
      return typeof actual === 'number' && actual > (leaf.value as number);
    case 'gte':
      return typeof actual === 'number' && actual >= (leaf.value as number);
  }
}

export type Predicate = (facts: Facts) => boolean;

/**
 * A condition as a closure, refs resolved: what `evaluate` runs when no trace is wanted.
 * choose() tests every rule about thirty times per decision (the what-would-change probes), and
 * a batch makes a hundred thousand decisions, so walking the condition objects each time (an
 * `in` test per node, an array per group) was most of a decision's time.
 */
function compile(cond: Condition, defines: ReadonlyMap<string, Condition>, depth: number): Predicate {
  if (depth > 50) throw new Error('conditions nest more than 50 deep (a ref cycle?)');
  if ('all' in cond) {
    const parts = cond.all.map((c) => compile(c, defines, depth + 1));
    return (f) => {
      for (const p of parts) if (!p(f)) return false;
      return true;
    };
  }
  if ('any' in cond) {
    const parts = cond.any.map((c) => compile(c, defines, depth + 1));
    return (f) => {
      for (const p of parts) if (p(f)) return true;
      return false;
    };
  }
  if ('not' in cond) {
    const inner = compile(cond.not, defines, depth + 1);
    return (f) => !inner(f);
  }
  if ('ref' in cond) {
    const d = defines.get(cond.ref);
    if (!d) throw new Error(`condition "${cond.ref}" is not defined`);
    return compile(d, defines, depth + 1);
  }
  return compileLeaf(cond);
}

/** holdsLeaf, specialised to one operator and value (a test compares the two on every rule). */
function compileLeaf(leaf: Leaf): Predicate {
  const k = leaf.field;
  const get = (f: Facts) => (f as unknown as Record<string, Scalar | undefined>)[k];
  const v = leaf.value;
  switch (leaf.op) {
    case 'given':
      return v ? (f) => get(f) !== undefined : (f) => get(f) === undefined;
    case 'is':
      return (f) => get(f) === v;
    case 'isNot':
      return (f) => get(f) !== v;
    case 'in': {
      const set = new Set(v as Scalar[]);
      return (f) => {
        const a = get(f);
        return a !== undefined && set.has(a);
      };
    }
    case 'notIn': {
      const set = new Set(v as Scalar[]);
      return (f) => {
        const a = get(f);
        return a === undefined || !set.has(a);
      };
    }
    case 'lt':
      return (f) => {
        const a = get(f);
        return typeof a === 'number' && a < (v as number);
      };
    case 'lte':
      return (f) => {
        const a = get(f);
        return typeof a === 'number' && a <= (v as number);
      };
    case 'gt':
      return (f) => {
        const a = get(f);
        return typeof a === 'number' && a > (v as number);
      };
    case 'gte':
      return (f) => {
        const a = get(f);
        return typeof a === 'number' && a >= (v as number);
      };
  }
}

const compiled = new WeakMap<Condition, { defines: ReadonlyMap<string, Condition>; holds: Predicate }>();

export function predicateFor(cond: Condition, defines: ReadonlyMap<string, Condition>): Predicate {
  const hit = compiled.get(cond);
  if (hit && hit.defines === defines) return hit.holds;
  const holds = compile(cond, defines, 0);
  compiled.set(cond, { defines, holds });
  return holds;
}

/** One leaf as a trace records it: the test, the value found (null when not given), the outcome. */
export function leafTrace(leaf: Leaf, facts: Facts, holds: boolean): LeafTrace {
  const actual = (facts as unknown as Record<string, Scalar | undefined>)[leaf.field];
  return { field: leaf.field, op: leaf.op, expected: leaf.value, actual: actual ?? null, holds };
}

/**
 * Evaluates a condition with its compiled predicate. With `leaves`, every leaf a trace shows
 * (refs expanded, nothing under `not`) is recorded in document order, each with its own outcome.
 */
export function evaluate(cond: Condition, facts: Facts, defines: ReadonlyMap<string, Condition>, leaves?: LeafTrace[]): boolean {
  if (leaves) for (const { leaf, holds } of plainLeaves(cond, defines)) leaves.push(leafTrace(leaf, facts, holds(facts)));
  return predicateFor(cond, defines)(facts);
}

const plainLeafCache = new WeakMap<Condition, { defines: ReadonlyMap<string, Condition>; leaves: { leaf: Leaf; holds: Predicate }[] }>();

/**
 * The leaves `evaluate` records in a trace (refs expanded, nothing under `not`), each with its
 * compiled test: enough to list a rule's failed conditions without tracing the whole tree.
 */
export function plainLeaves(cond: Condition, defines: ReadonlyMap<string, Condition>): readonly { leaf: Leaf; holds: Predicate }[] {
  const hit = plainLeafCache.get(cond);
  if (hit && hit.defines === defines) return hit.leaves;
  const leaves: { leaf: Leaf; holds: Predicate }[] = [];
  const walk = (c: Condition, depth: number): void => {
    if (depth > 50) throw new Error('conditions nest more than 50 deep (a ref cycle?)');
    if ('all' in c) c.all.forEach((x) => walk(x, depth + 1));
    else if ('any' in c) c.any.forEach((x) => walk(x, depth + 1));
    else if ('not' in c) return;
    else if ('ref' in c) {
      const d = defines.get(c.ref);
      if (!d) throw new Error(`condition "${c.ref}" is not defined`);
      walk(d, depth + 1);
    } else leaves.push({ leaf: c, holds: compileLeaf(c) });
  };
  walk(cond, 0);
  plainLeafCache.set(cond, { defines, leaves });
  return leaves;
}

/**
 * Like `evaluate`, for explanations: every leaf is recorded, including those under `not`
 * (marked `negated`) and those reached through a `ref` (marked with its name).
 */
export function traceCondition(cond: Condition, facts: Facts, defines: ReadonlyMap<string, Condition>, leaves: LeafTrace[], ctx: { negated?: boolean; ref?: string } = {}, depth = 0): boolean {
  if (depth > 50) throw new Error('conditions nest more than 50 deep (a ref cycle?)');
  if ('all' in cond) return cond.all.map((c) => traceCondition(c, facts, defines, leaves, ctx, depth + 1)).every(Boolean);
  if ('any' in cond) return cond.any.map((c) => traceCondition(c, facts, defines, leaves, ctx, depth + 1)).some(Boolean);
  if ('not' in cond) return !traceCondition(cond.not, facts, defines, leaves, { ...ctx, negated: !ctx.negated }, depth + 1);
  if ('ref' in cond) {
    const d = defines.get(cond.ref);
    if (!d) throw new Error(`condition "${cond.ref}" is not defined`);
    return traceCondition(d, facts, defines, leaves, { ...ctx, ref: ctx.ref ?? cond.ref }, depth + 1);
  }
  const holds = holdsLeaf(cond, facts);
  leaves.push({ ...leafTrace(cond, facts, holds), ...(ctx.negated ? { negated: true } : {}), ...(ctx.ref ? { ref: ctx.ref } : {}) });
  return holds;
}

const leafLists = new WeakMap<Condition, { defines: ReadonlyMap<string, Condition>; leaves: Leaf[] }>();

/**
 * Every leaf of a condition (refs expanded), for analysis such as counterfactuals and lint.
 * Without `out`, the list is computed once per condition and shared (frozen: do not change it).
 */
export function leavesOf(cond: Condition, defines: ReadonlyMap<string, Condition>, out?: Leaf[], depth = 0): Leaf[] {
  if (out === undefined) {
    const hit = leafLists.get(cond);
    if (hit && hit.defines === defines) return hit.leaves;
    const leaves = Object.freeze(leavesOf(cond, defines, [], depth)) as Leaf[];
    leafLists.set(cond, { defines, leaves });
    return leaves;
  }
  if (depth > 50) return out;
  if ('all' in cond) cond.all.forEach((c) => leavesOf(c, defines, out, depth + 1));
  else if ('any' in cond) cond.any.forEach((c) => leavesOf(c, defines, out, depth + 1));
  else if ('not' in cond) leavesOf(cond.not, defines, out, depth + 1);
  else if ('ref' in cond) {
    const d = defines.get(cond.ref);
    if (d) leavesOf(d, defines, out, depth + 1);
  } else out.push(cond);
  return out;
}

const OP_WORDS: Record<Operator, string> = {
  is: 'is', isNot: 'is not', in: 'is one of', notIn: 'is none of', lt: '<', lte: '≤', gt: '>', gte: '≥', given: 'given',
};

export function formatValue(v: Scalar | Scalar[] | null): string {
  if (v === null) return 'not given';
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'number') return formatNumber(v);
  return String(v);
}

/** "labeledExamples ≥ 1,000" */
export function describeLeaf(l: { field: string; op: Operator; value?: Scalar | Scalar[]; expected?: Scalar | Scalar[] }): string {
  const v = l.value ?? l.expected!;
  if (l.op === 'given') return v ? `${l.field} is given` : `${l.field} is not given`;
  return `${l.field} ${OP_WORDS[l.op]} ${formatValue(v)}`;
}
