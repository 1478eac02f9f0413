// Reading JSON and YAML documents with positions, so that any problem found later (by zod or by
// rule checks) can be reported as file:line:col.
// The YAML parser is loaded only for YAML input: a JSON decision starts faster without it.
import type { Document, LineCounter } from 'yaml';
import { InputError, pathToString, type Problem } from '../errors.js';
import type { InputIssue } from '../core/answers/check.js';
import { isLossyInteger, scanJson } from './json-positions.js';
import { excerpt } from '../core/text/excerpt.js';
import { loadYaml } from './yaml.js';

export type DocFormat = 'json' | 'yaml';

export interface ParsedSource {
  file: string;
  value: unknown;
  /** Line and column (1-based) of the node at `path`, or of its nearest existing parent. */
  locate(path: readonly (string | number)[], at?: 'key'): { line: number; col: number } | undefined;
}

export function formatFromName(file: string): DocFormat | undefined {
  if (/\.json$/i.test(file)) return 'json';
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  return undefined;
}

const MAX_DEPTH = 64;

function depthOf(v: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[v, 0]];
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > limit) return max;
    if (x && typeof x === 'object') for (const c of Object.values(x as object)) stack.push([c, d + 1]);
  }
  return max;
}

function positionAt(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, col: offset - last };
}

async function yamlDocument(text: string): Promise<{ doc: Document.Parsed; lc: LineCounter; isNode: (n: unknown) => boolean; visit: typeof import('yaml').visit }> {
  const Y = await loadYaml();
  const lc = new Y.LineCounter();
  // The core schema of YAML 1.2 whatever the file's %YAML directive says: `yes` is a string and
  // 010 is ten, as in JSON.
  const doc = Y.parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, strict: true, schema: 'core', version: '1.2' });
  return { doc, lc, isNode: Y.isNode, visit: Y.visit };
}

/** The tags of YAML's core schema; the yaml library also knows !!binary, !!set, !!timestamp, … */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/**
 * Only the core schema: a custom tag (`!foo`), a language tag (`!!js/function`) or another
 * schema's (`!!binary`, `!!timestamp`) is refused at its position, and so is a core tag the
 * value does not fit (`!!float 100`, `!!int 1.5`), rather than read as a string.
 */
function checkTags(file: string, y: Awaited<ReturnType<typeof yamlDocument>>): void {
  let problem: { at: number; tag: string; fits: boolean } | undefined;
  const expected: Record<string, (v: unknown) => boolean> = {
    'tag:yaml.org,2002:int': (v) => typeof v === 'number' || typeof v === 'bigint',
    'tag:yaml.org,2002:float': (v) => typeof v === 'number',
    'tag:yaml.org,2002:bool': (v) => typeof v === 'boolean',
    'tag:yaml.org,2002:null': (v) => v === null,
  };
  y.visit(y.doc, {
    Node(_key, node) {
      const n = node as { tag?: string; range?: [number, number, number]; value?: unknown };
      if (!n.tag || !n.range) return undefined;
      const known = CORE_TAGS.has(n.tag);
      // The library reads a core tag it cannot apply (`!!float 100`) as a plain string.
      if (!known || (expected[n.tag] && !expected[n.tag]!(n.value))) {
        problem = { at: n.range[0], tag: n.tag, fits: known };
        return y.visit.BREAK;
      }
      return undefined;
    },
  });
  const unresolved = y.doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (!problem && unresolved) problem = { at: unresolved.pos[0], tag: '', fits: false };
  if (!problem) return;
  const shown = problem.tag.replace(/^tag:yaml\.org,2002:/, '!!');
  const p = y.lc.linePos(problem.at);
  throw new InputError([{
    file, line: p.line, col: p.col,
    message: problem.fits ? `the value does not fit its tag ${shown} (YAML's core schema)` : `the YAML tag ${shown || 'here'} is not allowed: only YAML's core schema is read (strings, numbers, true/false, null, lists and mappings)`,
    hint: problem.fits ? `remove ${shown}: write the value plainly, e.g. 100 or 1.5` : 'remove the tag and write the value plainly',
  }]);
}

function yamlLocator(text: string, y: { doc: Document.Parsed; lc: LineCounter; isNode: (n: unknown) => boolean }) {
  return (path: readonly (string | number)[], at?: 'key') => {
    if (at === 'key' && path.length) {
      const parent = y.doc.getIn(path.slice(0, -1), true) as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | undefined;
      const pair = parent?.items?.find((p) => p.key?.value === path[path.length - 1]);
      if (pair?.key?.range) return y.lc.linePos(pair.key.range[0]);
    }
    for (let n = path.length; n >= 0; n--) {
      const node = y.doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (y.isNode(node) && node!.range) return y.lc.linePos(node!.range[0]);
    }
    return text.length ? { line: 1, col: 1 } : undefined;
  };
}

function flatWithoutDuplicates(text: string, value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  for (const k of keys) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== null && typeof v === 'object') return false;
  }
  return (text.match(/"\s*:/g)?.length ?? 0) === keys.length;
}

function jsonLocator(text: string, offsetsOf: () => Map<string, number>) {
  return (path: readonly (string | number)[]) => {
    const offsets = offsetsOf();
    for (let n = path.length; n >= 0; n--) {
      const at = offsets.get(path.slice(0, n).map(String).join('\u0000'));
      if (at !== undefined) return positionAt(text, at);
    }
    return text.length ? { line: 1, col: 1 } : undefined;
  };
}

/** What a document is, for the hint when it is empty. */
export type DocKind = 'answers' | 'rules' | 'cases' | 'batch';

const EMPTY_HINT: Record<DocKind, string> = {
  answers: 'write the answers as a JSON or YAML object; `ml-advisor schema answers` lists the fields',
  rules: 'a rules layer starts with `version: 1`; see docs/rules.md and `ml-advisor schema rules`',
  cases: 'a rule-case file is a mapping with `cases:`, a list of { name, answers, expect }',
  batch: 'write one answers object per row: a JSON array, a YAML list, JSON Lines or CSV',
};

/** A number that would silently change when read: 9007199254740993 becomes …992. */
function lossyNumber(file: string, at: { line: number; col: number }, literal: string): InputError {
  return new InputError([{ file, ...at, message: `the number ${excerpt(literal)} cannot be read exactly: whole numbers are exact only up to 9,007,199,254,740,991`, hint: 'check the figure: no answer or rule needs a number this long' }]);
}

/** The checks every document gets first; returns the text without a byte-order mark. */
function checkedText(raw: string, file: string, kind: DocKind = 'answers'): string {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const at = text.search(/[\u0000-\u0008\u000e-\u001f]/);
  if (at >= 0) {
    const p = positionAt(text, at);
    throw new InputError([{ file, ...p, message: 'the file contains binary data (control characters), not text', hint: 'pass a JSON or YAML text file' }]);
  }
  if (text.includes('\uFFFD')) {
    const p = positionAt(text, text.indexOf('\uFFFD'));
    throw new InputError([{ file, ...p, message: 'the file is not UTF-8 text (it has bytes that are not valid UTF-8)', hint: 'save it as UTF-8 JSON or YAML' }]);
  }
  if (text.trim() === '') {
    throw new InputError([{ file, message: 'the file is empty', hint: EMPTY_HINT[kind] }]);
  }
  return text;
}

function checkDepth(value: unknown, file: string): void {
  if (depthOf(value, MAX_DEPTH) > MAX_DEPTH) {
    throw new InputError([{ file, message: `values nest more than ${MAX_DEPTH} levels deep`, hint: 'answers and rules are shallow; check the file is the one you meant' }]);
  }
}

function readJson(text: string, file: string): ParsedSource {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /position (\d+)/.exec(msg);
    const lc = /line (\d+) column (\d+)/.exec(msg);
    const p = m ? positionAt(text, Number(m[1])) : lc ? { line: Number(lc[1]), col: Number(lc[2]) } : undefined;
    const what = /call stack/i.test(msg) ? 'values nest too deeply' : msg.replace(/^JSON\.parse: /, '').replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
    throw new InputError([{ file, ...p, message: `not valid JSON: ${what}`, hint: p ? 'fix the JSON at that position' : 'check the file is complete JSON' }]);
  }
  checkDepth(value, file);
  // JSON.parse silently keeps the last of duplicate keys; treat them as errors, as in YAML.
  // The full scan (a character loop) is skipped when it cannot find one: every key is a string
  // followed by ':', so a flat object with as many keys as the text has `":` has no duplicates.
  // Batch reads a hundred thousand such lines; positions are then worked out only on error.
  let scan: ReturnType<typeof scanJson> | undefined;
  // Sixteen digits in a row may be a whole number too long to read exactly: scan for it then.
  if (!flatWithoutDuplicates(text, value) || /\d{16}/.test(text)) {
    scan = scanJson(text);
    if (scan.lossy) throw lossyNumber(file, positionAt(text, scan.lossy.offset), scan.lossy.literal);
    if (scan.duplicate) {
      throw new InputError([{ file, ...positionAt(text, scan.duplicate.offset), message: `duplicate key "${scan.duplicate.key}": the same key appears twice in one object`, hint: 'keep one of them' }]);
    }
  }
  return { file, value, locate: jsonLocator(text, () => (scan ??= scanJson(text)).offsets) };
}

/** Parses one JSON document, synchronously (batch calls this once per JSON Lines row). */
export function parseJsonSource(raw: string, file: string): ParsedSource {
  return readJson(checkedText(raw, file), file);
}

/**
 * Parses a JSON or YAML document. `.json` files go through JSON.parse (YAML would accept invalid
 * JSON); both reject duplicate keys and alias bombs. Throws InputError with positions.
 */
export async function parseSource(raw: string, file: string, format: DocFormat = formatFromName(file) ?? 'yaml', kind: DocKind = 'answers'): Promise<ParsedSource> {
  const text = checkedText(raw, file, kind);
  if (format === 'json') return readJson(text, file);
  let y: Awaited<ReturnType<typeof yamlDocument>>;
  try {
    y = await yamlDocument(text);
  } catch (e) {
    throw new InputError([{ file, message: `could not read the YAML: ${(e as Error).message}`, hint: 'simplify the file' }]);
  }
  const err = y.doc.errors[0];
  if (err) {
    const p = y.lc.linePos(err.pos[0]);
    const dup = err.code === 'DUPLICATE_KEY';
    throw new InputError([{ file, line: p.line, col: p.col, message: dup ? 'duplicate key: the same key appears twice in one mapping' : `not valid YAML: ${err.message.split('\n')[0]}`, hint: dup ? 'keep one of them' : 'fix the YAML at that position' }]);
  }
  checkTags(file, y);
  if (/\d{16}/.test(text)) {
    let lossy: { at: number; literal: string } | undefined;
    y.visit(y.doc, {
      Scalar(_key, node) {
        if (typeof node.value === 'number' && node.source !== undefined && node.range && isLossyInteger(node.source.replace(/^\+/, ''))) {
          lossy = { at: node.range[0], literal: node.source };
          return y.visit.BREAK;
        }
        return undefined;
      },
    });
    if (lossy) throw lossyNumber(file, y.lc.linePos(lossy.at), lossy.literal);
  }
  let value: unknown;
  try {
    value = y.doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const msg = (e as Error).message;
    const bomb = /alias/i.test(msg);
    throw new InputError([{ file, message: bomb ? 'too many aliases: the YAML expands aliases more than 100 times (an alias bomb?)' : `could not read the YAML: ${msg}`, hint: bomb ? 'write the values out instead of using aliases' : 'simplify the file' }]);
  }
  checkDepth(value, file);
  return { file, value, locate: yamlLocator(text, y) };
}

/** Turns issues with paths into problems with file:line:col. */
export function locateIssues(src: ParsedSource, issues: InputIssue[]): Problem[] {
  return issues.map((i) => ({ file: src.file, ...src.locate(i.path, i.at), path: i.path.length ? pathToString(i.path) : undefined, message: i.message, hint: i.hint }));
}
