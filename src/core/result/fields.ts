// `batch --fields`: each row keeps only the chosen parts of the result, like `jq '{a, b: {c}}'` or
// `gh --json a,b`. A path is dotted (`spectrum.cost`), goes through arrays (every spot's cost),
// and is checked against the result's JSON Schema, so a new result field is selectable as soon as
// the schema has it and a misspelt one is refused before any row is decided.
import { closest } from '../text/closest.js';
import type { DecisionSummary } from './summary.js';

/** What to keep under a key: everything (null), or some of its fields. Insertion order is output order. */
export type FieldTree = Map<string, FieldTree | null>;

export interface FieldSelection {
  /** The paths as asked, without repeats. */
  paths: string[];
  tree: FieldTree;
  /** Every path can be read off the decision's summary: the batch need not make the whole result. */
  lean: boolean;
}

/** A JSON Schema node, as far as the path check reads it. */
export interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
}

export type FieldsParse = { ok: true; selection: FieldSelection } | { ok: false; message: string; hint: string };

/** The paths a summary answers (see leanSource): anything else needs the full result. */
const LEAN_PATHS = new Set(['recommendation.approach', 'recommendation.position', 'recommendation.confidence', 'warnings.id', 'answers.task']);

/** The fields one level below a node: through arrays (to their items) and unions (every branch). */
function childrenOf(node: SchemaNode): Map<string, SchemaNode> {
  const out = new Map<string, SchemaNode>();
  const visit = (n: SchemaNode) => {
    if (n.items) visit(n.items);
    for (const branch of [...(n.anyOf ?? []), ...(n.oneOf ?? []), ...(n.allOf ?? [])]) visit(branch);
    for (const [k, v] of Object.entries(n.properties ?? {})) if (!out.has(k)) out.set(k, v);
  };
  visit(node);
  return out;
}

/**
 * Reads `--fields` (each value comma-separated, repeatable) against the result schema. A path the
 * schema does not have is refused with the closest one it has and the list of top-level fields.
 * `row` (always there) and `failedGates` (there whenever gates are given) are accepted and change nothing.
 */
export function parseFields(values: readonly string[], resultSchema: SchemaNode): FieldsParse {
  const top = childrenOf(resultSchema);
  const topList = [...top.keys()].join(', ');
  const paths = [...new Set(values.flatMap((v) => v.split(',')).map((p) => p.trim()).filter((p) => p !== ''))];
  if (!paths.length) return { ok: false, message: '--fields names no field', hint: `name one or more, comma-separated, e.g. --fields recommendation,spectrum.cost; top-level fields: ${topList}` };
  const tree: FieldTree = new Map();
  for (const path of paths) {
    if (path === 'row') continue;
    const segments = path.split('.');
    let fields = top;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]!;
      const node = fields.get(seg);
      const at = segments.slice(0, i).join('.');
      if (!node) {
        const near = closest(seg, [...fields.keys()]);
        const suggestion = near !== undefined ? `did you mean "${[...segments.slice(0, i), near].join('.')}"? ` : '';
        const where = i === 0 ? '' : fields.size ? ` (${at} has ${[...fields.keys()].join(', ')})` : ` (${at} has no fields inside it)`;
        return { ok: false, message: `--fields: the result has no field "${path}"${where}`, hint: `${suggestion}top-level fields: ${topList}; see ml-advisor schema result` };
      }
      fields = childrenOf(node);
    }
    addPath(tree, segments);
  }
  return { ok: true, selection: { paths, tree, lean: paths.every((p) => p === 'row' || p === 'failedGates' || LEAN_PATHS.has(p)) } };
}

/** Adds a path to the tree; a whole value asked for wins over some of its fields. */
function addPath(tree: FieldTree, segments: string[]): void {
  let t = tree;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const last = i === segments.length - 1;
    if (!t.has(seg)) t.set(seg, last ? null : new Map());
    else if (last) t.set(seg, null);
    const next = t.get(seg);
    if (next === null || next === undefined) return;
    t = next;
  }
}

/** The chosen parts of a value, in the order asked; arrays are projected element by element. */
export function project(value: unknown, tree: FieldTree): unknown {
  if (Array.isArray(value)) return value.map((v) => project(v, tree));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of tree) {
    if (!Object.hasOwn(obj, key) || obj[key] === undefined) continue;
    out[key] = sub ? project(obj[key], sub) : obj[key];
  }
  return out;
}

/** The part of a result a summary carries, shaped as in the result: what a lean selection projects. */
export function leanSource(s: DecisionSummary): Record<string, unknown> {
  return {
    recommendation: { approach: s.approach, position: s.position, confidence: s.confidence },
    warnings: s.warnings.map((id) => ({ id })),
    answers: { task: s.task },
  };
}
