// Reading an answers document (file or stdin), applying `--set`, and validating it, with every
// problem located in the file.
import { parseSetArgument, type InputIssue } from '../core/answers/check.js';
import { resolveAnswers } from '../core/pipeline/resolve.js';
import type { RuleSet } from '../core/rules/rule-set.js';
import type { Answers } from '../core/answers/fields.js';
import { InputError, UsageError, pathToString, type Problem } from '../errors.js';
import { locateIssues, parseSource, type DocFormat } from './source.js';
import { readText } from './rules-files.js';

export interface RawAnswers {
  /** Where the answers came from, for messages. */
  origin: string;
  value: Record<string, unknown>;
  locate?: (path: readonly (string | number)[], at?: 'key') => { line: number; col: number } | undefined;
}

/** Parses answers text; stdin is sniffed (JSON when it starts with `{`). */
export async function parseAnswersText(text: string, origin: string, format?: DocFormat): Promise<RawAnswers> {
  const fmt = format ?? (origin === '-' || origin === '<stdin>' ? (/^\s*[{[]/.test(text.replace(/^\uFEFF/, '')) ? 'json' : 'yaml') : undefined);
  const src = await parseSource(text, origin, fmt);
  const v = src.value;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new InputError([{ file: origin, line: 1, col: 1, message: `expected an object of answers, found ${Array.isArray(v) ? 'a list' : v === null ? 'nothing' : `a ${typeof v}`}`, hint: 'write the answers as a mapping, e.g. {"task": "text-classification", "existingModel": "close"}; for many scenarios use `ml-advisor batch`' }]);
  }
  return { origin, value: v as Record<string, unknown>, locate: src.locate };
}

export function readAnswersFile(file: string): Promise<RawAnswers> {
  return parseAnswersText(readText(file), file);
}

/** Applies `--set FIELD=VALUE` overrides (last one wins). */
export function applySets(raw: Record<string, unknown>, sets: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const k of Object.keys(raw)) out[k] = raw[k];
  for (const s of sets) {
    let parsed;
    try {
      parsed = parseSetArgument(s);
    } catch (e) {
      throw new UsageError((e as Error).message, 'see `ml-advisor schema answers` for the fields');
    }
    out[parsed.field] = parsed.value;
  }
  return out;
}

export function problemsFor(raw: RawAnswers | undefined, issues: InputIssue[], setFields: ReadonlySet<string>): Problem[] {
  return issues.map((i) => {
    const field = String(i.path[0] ?? '');
    if (setFields.has(field)) return { path: `--set ${field}`, message: i.message, hint: i.hint };
    if (raw?.locate && raw.origin) {
      return locateIssues({ file: raw.origin, value: raw.value, locate: raw.locate }, [i])[0]!;
    }
    return { file: raw?.origin, path: i.path.length ? pathToString(i.path) : undefined, message: i.message, hint: i.hint };
  });
}

/** Resolves merged answers (pipeline/resolve.ts); throws InputError (exit 3) listing every problem, located. */
export function resolveOrThrow(raw: RawAnswers | undefined, merged: Record<string, unknown>, sets: string[], rs: RuleSet): { answers: Answers; given: ReadonlySet<string> } {
  const resolved = resolveAnswers(merged, rs);
  if (resolved.ok) return resolved;
  const setFields = new Set(sets.map((s) => s.slice(0, s.indexOf('=')).trim()));
  throw new InputError(problemsFor(raw, resolved.issues, setFields));
}
