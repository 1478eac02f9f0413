// A rule set is the built-in files plus any company layers, merged in order. Pure: the caller
// parses files; this module checks shapes and meaning and merges.
import type * as z from 'zod';
import { emptyCatalog, mergeCatalog } from './catalog.js';
import { checkEstimatesCatalog } from './estimate.js';
import { compileRuleFile, type Condition, type Rule } from './rules.js';
import { ruleLayerSchema, type RuleLayer } from './rule-schema.js';
import type { RuleSet } from './ruleset-data.js';
import type { InputIssue } from './answers.js';

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
  return { issues: r.error.issues.map(zodIssueToInput) };
}

export function zodIssueToInput(i: z.core.$ZodIssue): InputIssue {
  const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (i.code === 'unrecognized_keys') {
    return { path: i.keys.length === 1 ? [...path, i.keys[0]!] : path, at: 'key', message: `unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}`, hint: 'see `ml-advisor schema rules` for the allowed keys' };
  }
  if (i.code === 'invalid_union') {
    return { path, message: 'not a valid condition', hint: 'a condition is a list (all must hold), {all: […]}, {any: […]}, {not: …}, {ref: name}, or {field: NAME, OPERATOR: VALUE} with one of is, isNot, in, notIn, lt, lte, gt, gte, given' };
  }
  return { path, message: i.message };
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
    const shape = checkLayerShape(input.data);
    if (!shape.layer) {
      issues.push(...shape.issues.map((i) => ({ ...i, origin: input.origin })));
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
    for (const m of layer.models ?? []) origins.set(`model:${m.id}`, input.origin);
  }
  if (!issues.length) issues.push(...checkEstimatesCatalog(catalog.estimates).map((i) => ({ ...i, origin: inputs[inputs.length - 1]?.origin ?? 'rules' })));
  if (!dflt && !issues.length) {
    issues.push({ origin: inputs[inputs.length - 1]?.origin ?? 'rules', path: [], message: 'no default: every rule set needs a default so that every answer set gets a recommendation', hint: 'add default: { approach: fine-tune, because: … }' });
  }
  if (issues.length) return { issues };
  return { ruleSet: { rules, defines, default: dflt!, catalog, origins, layers: inputs.map((i) => i.origin) }, issues };
}
