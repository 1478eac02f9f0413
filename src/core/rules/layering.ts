// A rule set is the built-in files plus any company layers, merged in order. Pure: the caller
// parses files; this module checks shapes and meaning and merges.
import type * as z from 'zod';
import { emptyCatalog, mergeCatalog } from '../catalog/catalog.js';
import { checkEstimatesCatalog } from '../catalog/check.js';
import { compileRuleFile, OPERATORS, type Condition, type Rule } from './conditions.js';
import { closest } from '../text/closest.js';
import { controlTextIssue } from '../text/escape.js';
import { catalogSections } from '../catalog/schema.js';
import { ruleLayerSchema, ruleSchema, type RawRule, type RuleLayer } from './schema.js';
import type { RuleSet } from './rule-set.js';
import { describeValue, type InputIssue } from '../answers/check.js';

export type { RuleLayer, RuleSet };

export interface LayerInput {
  origin: string;
  /** Parsed (not yet validated) file content. */
  data: unknown;
}

export interface LayerIssue extends InputIssue {
  origin: string;
}

/** Shape check of one layer with zod, as issues with paths. */
export function checkLayerShape(data: unknown): { layer?: RuleLayer; issues: InputIssue[] } {
  const r = ruleLayerSchema.safeParse(data);
  if (r.success) return { layer: r.data, issues: [] };
  return { issues: r.error.issues.flatMap((i) => zodIssueToInputs(i, data)) };
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

const CONDITION_BRANCHES = 6;
const OPERATOR_HINT = `a condition is {field: NAME, OPERATOR: VALUE} with one of ${OPERATORS.join(', ')}; or a list (all must hold), {all: […]}, {any: […]}, {not: …}, {ref: name}`;

/**
 * A zod issue as one or more located issues. A condition that matches none of the condition
 * forms is reported against the form it was evidently meant to be (a list, all, any, not, ref, or
 * a field test), so that an unknown operator or a wrong value is pinned to its own key.
 */
export function zodIssueToInputs(i: z.core.$ZodIssue, data: unknown, prefix: PropertyKey[] = [], leaf = false): InputIssue[] {
  const full = [...prefix, ...i.path];
  const path = full.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (i.code === 'unrecognized_keys') {
    // A mapping with `field:` inside a condition is a field test: its other keys are operators.
    const at = valueAt(data, full);
    const isTest = leaf || (at !== null && typeof at === 'object' && 'field' in at && (path.includes('when') || path[0] === 'define'));
    const allowed = allowedKeys(path);
    return i.keys.map((k) => {
      if (!isTest) {
        const near = allowed ? closest(k, allowed) : undefined;
        return { path: [...path, k], at: 'key' as const, message: `unknown key "${k}"`, hint: near ? `did you mean "${near}"? (allowed: ${allowed!.join(', ')})` : allowed ? `allowed: ${allowed.join(', ')}` : 'see `ml-advisor schema rules` for the allowed keys' };
      }
      const near = closest(k, OPERATORS);
      return { path: [...path, k], at: 'key' as const, message: `unknown operator "${k}"`, hint: `${near ? `did you mean "${near}"? ` : ''}operators: ${OPERATORS.join(', ')}` };
    });
  }
  if (i.code === 'invalid_union') {
    const value = valueAt(data, full);
    if (i.errors.length === CONDITION_BRANCHES && value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      const branch = Array.isArray(value) ? 0 : 'all' in o ? 1 : 'any' in o ? 2 : 'not' in o ? 3 : 'ref' in o ? 4 : 5;
      const issues = i.errors[branch]!.flatMap((e) => zodIssueToInputs(e, data, full, branch === 5));
      if (issues.length) return issues;
    }
    if (i.errors.length === CONDITION_BRANCHES) return [{ path, message: `not a valid condition: found ${Array.isArray(value) ? 'a list' : value === null ? 'nothing' : typeof value}`, hint: OPERATOR_HINT }];
    return [{ path, message: `not a valid value: found ${JSON.stringify(value)}`, hint: 'see `ml-advisor schema rules` for what fits here' }];
  }
  if (i.code === 'invalid_type') {
    const value = valueAt(data, full);
    if (value === undefined) return [{ path, message: `missing ${String(path[path.length - 1] ?? 'value')}: expected ${article(i.expected)}`, hint: 'add it; see `ml-advisor schema rules`' }];
    return [{ path, message: `expected ${article(i.expected)}, found ${describeValue(value)}`, hint: i.expected === 'number' ? 'write the number without quotes, e.g. gte: 1000' : 'see `ml-advisor schema rules` for what fits here' }];
  }
  return [{ path, message: i.message }];
}

/** The keys a mapping at `path` may have, where the place is a well-known one. */
function allowedKeys(path: readonly (string | number)[]): string[] | undefined {
  if (path.length === 0) return Object.keys(ruleLayerSchema.shape);
  if (path.length === 2 && path[0] === 'rules') return Object.keys(ruleSchema.shape);
  if (path.length === 3 && path[0] === 'rules' && path[2] === 'then') return ['approach', 'confidence', 'atMost', 'atLeast', 'warning', 'message'];
  return undefined;
}

function article(what: string): string {
  return /^[aeiou]/.test(what) ? `an ${what}` : `a ${what}`;
}

/** The first issue only, for callers that report one problem per zod issue. */
export function zodIssueToInput(i: z.core.$ZodIssue): InputIssue {
  return zodIssueToInputs(i, undefined)[0]!;
}

/**
 * Merges layers in order: a rule with an existing id replaces it (keeping its place and anything
 * it does not restate), `enabled: false` switches one off, new ids are added; catalog entries
 * replace by id; `default` replaces.
 */
export function buildRuleSet(inputs: LayerInput[]): { ruleSet?: RuleSet; issues: LayerIssue[] } {
  const issues: LayerIssue[] = [];
  const rules: Rule[] = [];
  const byId = new Map<string, Rule>();
  const defines = new Map<string, Condition>();
  const origins = new Map<string, string>();
  const catalog = emptyCatalog();
  let dflt: RuleSet['default'] | undefined;
  for (const input of inputs) {
    // Text in a layer ends up on terminals and in documents: checked after decoding, so an escape
    // written as \e or \u001b in YAML or JSON is caught as surely as a raw one.
    const control = controlTextIssue(input.data);
    if (control) issues.push({ ...control, origin: input.origin });
    const shape = checkLayerShape(input.data);
    if (!shape.layer) {
      issues.push(...shape.issues.map((i) => ({ ...i, origin: input.origin })));
      // Check the meaning of the rules whose shape is right too, so one run lists every problem.
      issues.push(...meaningOfWellFormedRules(input.data, new Set(defines.keys()), byId).map((i) => ({ ...i, origin: input.origin })));
      continue;
    }
    const layer = shape.layer;
    const { compiled, issues: semantic } = compileRuleFile(layer, {
      knownDefines: new Set(defines.keys()),
      knownRules: byId,
      origin: input.origin,
    });
    issues.push(...semantic.map((i) => ({ ...i, origin: input.origin })));
    for (const [name, cond] of compiled.defines) {
      defines.set(name, cond);
      origins.set(`define:${name}`, input.origin);
    }
    for (const id of compiled.disabled) {
      const r = byId.get(id);
      if (r) {
        const off = { ...r, enabled: false, origin: input.origin };
        rules[rules.indexOf(r)] = off;
        byId.set(id, off);
      }
    }
    for (const rule of compiled.rules) {
      const existing = byId.get(rule.id);
      if (existing) rules[rules.indexOf(existing)] = rule;
      else rules.push(rule);
      byId.set(rule.id, rule);
    }
    if (compiled.default) {
      dflt = { ...compiled.default, origin: input.origin };
      origins.set('default', input.origin);
    }
    mergeCatalog(catalog, layer);
    recordCatalogOrigins(origins, layer, input.origin);
  }
  issues.push(...refCycles(defines, origins));
  if (!issues.length) issues.push(...checkEstimatesCatalog(catalog.estimates).map((i) => ({ ...i, origin: inputs[inputs.length - 1]?.origin ?? 'rules' })));
  if (!dflt && !issues.length) {
    issues.push({ origin: inputs[inputs.length - 1]?.origin ?? 'rules', path: [], message: 'no default: every rule set needs a default so that every answer set gets a recommendation', hint: 'add default: { approach: fine-tune, because: … }' });
  }
  if (issues.length) return { issues };
  return { ruleSet: { rules, defines, default: dflt!, catalog, origins, layers: inputs.map((i) => i.origin) }, issues };
}

/** Named conditions that refer to themselves, directly or through others (possibly across layers). */
function refCycles(defines: ReadonlyMap<string, Condition>, origins: ReadonlyMap<string, string>): LayerIssue[] {
  const refsOf = (c: Condition, out: string[] = []): string[] => {
    if ('all' in c) c.all.forEach((x) => refsOf(x, out));
    else if ('any' in c) c.any.forEach((x) => refsOf(x, out));
    else if ('not' in c) refsOf(c.not, out);
    else if ('ref' in c) out.push(c.ref);
    return out;
  };
  const issues: LayerIssue[] = [];
  const done = new Set<string>();
  const visit = (name: string, trail: string[]): void => {
    if (trail.includes(name)) {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      const first = cycle[0]!;
      if (!done.has(`cycle:${[...cycle].sort().join()}`)) {
        done.add(`cycle:${[...cycle].sort().join()}`);
        issues.push({ origin: origins.get(`define:${first}`) ?? 'rules', path: ['define', first], message: `named condition "${first}" refers to itself: ${cycle.join(' → ')}`, hint: 'break the cycle: a named condition cannot depend on itself' });
      }
      return;
    }
    if (done.has(name)) return;
    const d = defines.get(name);
    if (d) for (const r of refsOf(d)) visit(r, [...trail, name]);
    if (!trail.length) done.add(name);
  };
  for (const name of defines.keys()) visit(name, []);
  return issues;
}

function meaningOfWellFormedRules(data: unknown, knownDefines: Set<string>, knownRules: ReadonlyMap<string, Rule>): InputIssue[] {
  if (!data || typeof data !== 'object') return [];
  const d = data as { define?: unknown; rules?: unknown };
  const rules = Array.isArray(d.rules) ? d.rules : [];
  const kept: { raw: RawRule; index: number }[] = [];
  rules.forEach((r, index) => {
    const ok = ruleSchema.safeParse(r);
    if (ok.success) kept.push({ raw: ok.data, index });
  });
  const names = new Set([...knownDefines, ...(d.define && typeof d.define === 'object' ? Object.keys(d.define) : [])]);
  const { issues } = compileRuleFile({ version: 1, rules: kept.map((k) => k.raw) }, { knownDefines: names, knownRules });
  return issues.map((i) => (i.path[0] === 'rules' && typeof i.path[1] === 'number' ? { ...i, path: ['rules', kept[i.path[1]]!.index, ...i.path.slice(2)] } : i));
}

/**
 * Where each catalog entry came from, for `rules show`: `section:key` for every entry of every
 * catalog section (lists keyed by id or name, mappings by key), so new catalogs need no code here.
 */
function recordCatalogOrigins(origins: Map<string, string>, layer: RuleLayer, origin: string): void {
  for (const section of Object.keys(catalogSections)) {
    const v = (layer as Record<string, unknown>)[section];
    if (Array.isArray(v)) {
      for (const e of v) {
        const key = (e as { id?: string; name?: string }).id ?? (e as { name?: string }).name;
        if (key !== undefined) origins.set(`${section === 'models' ? 'model' : section}:${key}`, origin);
      }
    } else if (v && typeof v === 'object') {
      for (const [key, entry] of Object.entries(v)) {
        origins.set(`${section}:${key}`, origin);
        if (entry && typeof entry === 'object' && !Array.isArray(entry)) for (const sub of Object.keys(entry)) origins.set(`${section}:${key}.${sub}`, origin);
      }
    }
  }
}
