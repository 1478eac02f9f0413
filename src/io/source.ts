// Reading JSON and YAML documents with positions, so that any problem found later (by zod or by
// rule checks) can be reported as file:line:col.
// The YAML parser is loaded only for YAML input: a JSON decision starts faster without it.
import type { Document, LineCounter } from 'yaml';
import { InputError, pathToString, type Problem } from '../errors.js';
import type { InputIssue } from '../core/answers/check.js';
import { scanJson } from './json-positions.js';
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

async function yamlDocument(text: string): Promise<{ doc: Document.Parsed; lc: LineCounter; isNode: (n: unknown) => boolean }> {
  const Y = await loadYaml();
  const lc = new Y.LineCounter();
  const doc = Y.parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, strict: true });
  return { doc, lc, isNode: Y.isNode };
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

/** The checks every document gets first; returns the text without a byte-order mark. */
function checkedText(raw: string, file: string): string {
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
    throw new InputError([{ file, message: 'the file is empty', hint: 'write the answers as a JSON or YAML object; `ml-advisor schema answers` lists the fields' }]);
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
  if (!flatWithoutDuplicates(text, value)) {
    scan = scanJson(text);
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
export async function parseSource(raw: string, file: string, format: DocFormat = formatFromName(file) ?? 'yaml'): Promise<ParsedSource> {
  const text = checkedText(raw, file);
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
