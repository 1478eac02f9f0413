// Validating and normalizing answers. Pure: callers read files and map issue paths to positions.
import { FIELDS, FIELD_BY_NAME, FIELD_NAMES, TASK_MODALITY, type Answers, type FieldDef } from './fields.js';
import { controlTextIssue } from '../text/escape.js';
import { closest } from '../text/closest.js';
import { quote } from '../text/excerpt.js';
import { formatNumber } from '../text/format.js';
import { parseHumanNumber, readFieldNumber } from './human-number.js';

export interface InputIssue {
  /** Path into the answers object, e.g. ['labeledExamples']; empty for the whole object. */
  path: (string | number)[];
  /** What is wrong, what was expected, what was found. */
  message: string;
  /** What to do about it. */
  hint?: string;
  /** Point at the key rather than the value (unknown keys). */
  at?: 'key';
}

export type AnswersCheck =
  | { ok: true; answers: Answers; given: ReadonlySet<string> }
  | { ok: false; issues: InputIssue[] };

export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return v.length > 40 ? quote(v) : JSON.stringify(v);
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return JSON.stringify(v);
}

/** What a field accepts, in words: used in error messages and the `--no-input` listing. */
export function expectedText(f: FieldDef): string {
  switch (f.kind) {
    case 'enum':
      return `one of ${f.choices!.map((c) => c.value).join(', ')}`;
    case 'boolean':
      return 'true or false';
    case 'string':
      return 'a non-empty string';
    case 'integer':
    case 'number': {
      const what = f.kind === 'integer' ? 'a whole number' : 'a number';
      const parts: string[] = [];
      if (f.min !== undefined) parts.push(f.exclusiveMin ? `> ${formatNumber(f.min, 3)}` : `≥ ${formatNumber(f.min, 3)}`);
      if (f.max !== undefined) parts.push(`≤ ${formatNumber(f.max, 3)}`);
      return parts.length ? `${what} ${parts.join(' and ')}` : what;
    }
  }
}

// A field's choices as a set, made once per field: every row of a batch checks its enums.
const choiceSets = new WeakMap<FieldDef, ReadonlySet<string>>();
function choicesOf(f: FieldDef): ReadonlySet<string> {
  let set = choiceSets.get(f);
  if (!set) choiceSets.set(f, (set = new Set(f.choices!.map((c) => c.value))));
  return set;
}

/**
 * Whether a value fits the field's definition. The same table generates the zod schema in
 * field-schemas.ts; tests check that the two agree on every field.
 */
export function fieldAccepts(f: FieldDef, value: unknown): boolean {
  switch (f.kind) {
    case 'enum':
      return typeof value === 'string' && choicesOf(f).has(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string' && value.length > 0;
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return false;
      if (f.kind === 'integer' && (!Number.isInteger(value) || value > Number.MAX_SAFE_INTEGER)) return false;
      if (f.min !== undefined && (f.exclusiveMin ? value <= f.min : value < f.min)) return false;
      if (f.max !== undefined && value > f.max) return false;
      return true;
    }
  }
}

function checkField(f: FieldDef, value: unknown): InputIssue | undefined {
  if (fieldAccepts(f, value)) return undefined;
  let hint: string | undefined;
  if (f.kind === 'enum' && typeof value === 'string') {
    const near = closest(value, f.choices!.map((c) => c.value));
    if (near) hint = `did you mean "${near}"?`;
  }
  if ((f.kind === 'integer' || f.kind === 'number') && typeof value === 'string') {
    hint = /\d,\d/.test(value)
      ? 'commas only group thousands (1,000 or 2,500,000); write a fraction with a point: 1.5'
      : 'write a number such as 5000, 1,000, 10k or 2.5M';
  } else if ((f.kind === 'integer' || f.kind === 'number') && typeof value === 'number' && Number.isFinite(value)) {
    hint = numberHint(f, value) ?? (f.max !== undefined && value > f.max ? `${f.name} is at most ${formatNumber(f.max, 3)}; check the figure (and its unit)` : undefined);
  }
  return { path: [f.name], message: `expected ${expectedText(f)}, found ${describeValue(value)}`, hint };
}

/** What to do about a number the field does not take: round it, or the share a percentage means. */
function numberHint(f: FieldDef, v: number): string | undefined {
  if (f.kind === 'integer' && !Number.isInteger(v)) return `a count is a whole number: ${formatNumber(Math.round(v))}?`;
  if (f.max !== undefined && v > f.max && f.max <= 1 && v <= 100) return `a share between 0 and 1: ${formatNumber(v)}% is ${formatNumber(v / 100, 4)}`;
  if (f.min !== undefined && v < f.min) return v < 0 ? `${f.name} cannot be negative` : `${f.name} must be at least ${formatNumber(f.min)}`;
  if (f.exclusiveMin && f.min !== undefined && v <= f.min) return `${f.name} must be more than ${formatNumber(f.min)}; leave it out if there is none`;
  return undefined;
}

/**
 * Checks a parsed answers object against contract §4 and fills in documented defaults.
 * Every problem is reported, not only the first.
 */
export function checkAnswers(raw: unknown, opts: { requireAll?: boolean } = {}): AnswersCheck {
  const requireAll = opts.requireAll ?? true;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      ok: false,
      issues: [{ path: [], message: `expected an object of answers, found ${describeValue(raw)}`, hint: 'see `ml-advisor schema answers` for the fields' }],
    };
  }
  const issues: InputIssue[] = [];
  const given = new Set<string>();
  const input = raw as Record<string, unknown>;
  // Answers are echoed in messages and results: a control character in a key or a value is refused
  // before any message could quote it.
  const control = controlTextIssue(input);
  if (control) return { ok: false, issues: [control] };
  for (const key of Object.keys(input)) {
    if (!FIELD_BY_NAME.has(key)) {
      const near = closest(key, FIELD_NAMES);
      issues.push({
        path: [key],
        at: 'key',
        message: `unknown field ${quote(key)}`,
        hint: near ? `did you mean \`${near}\`?` : 'see `ml-advisor schema answers` for the known fields',
      });
    }
  }
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const has = Object.prototype.hasOwnProperty.call(input, f.name) && input[f.name] !== undefined;
    if (!has) {
      if (f.default !== undefined) out[f.name] = f.default;
      continue;
    }
    let value = input[f.name];
    // Numbers written as people write them ("10k", "$40,000") are read here, for every way in.
    if ((f.kind === 'integer' || f.kind === 'number') && typeof value === 'string') {
      const r = readFieldNumber(f, value, expectedText(f));
      if (!r.ok) {
        issues.push({ path: [f.name], message: r.message, hint: r.hint });
        continue;
      }
      value = r.value;
    }
    const issue = checkField(f, value);
    if (issue) issues.push(issue);
    else {
      out[f.name] = value;
      given.add(f.name);
    }
  }
  if (requireAll) {
    for (const f of FIELDS) {
      if (f.required && !given.has(f.name) && !issues.some((i) => i.path[0] === f.name)) {
        issues.push({ path: [f.name], message: `missing required field "${f.name}" (${expectedText(f)})`, hint: `add it to the answers or pass --set ${f.name}=VALUE` });
      }
    }
  }
  if (out.task === 'other' && !given.has('modality') && !issues.some((i) => i.path[0] === 'modality' || i.path[0] === 'task')) {
    issues.push({ path: ['modality'], message: 'task "other" needs a modality', hint: `add modality: one of ${FIELD_BY_NAME.get('modality')!.choices!.map((c) => c.value).join(', ')}` });
  }
  if (issues.length) return { ok: false, issues };
  if (out.modality === undefined && typeof out.task === 'string' && out.task !== 'other') {
    out.modality = TASK_MODALITY[out.task as keyof typeof TASK_MODALITY];
  }
  return { ok: true, answers: out as unknown as Answers, given };
}

/** Fields still needed for a complete answer set (used by `--no-input` errors and the questionnaire). */
export function missingRequired(raw: Record<string, unknown>): FieldDef[] {
  const missing = FIELDS.filter((f) => f.required && raw[f.name] === undefined);
  if (raw.task === 'other' && raw.modality === undefined) missing.push(FIELD_BY_NAME.get('modality')!);
  return missing;
}

export { parseHumanNumber };

/**
 * Turns text (from `--set`, a CSV cell or a prompt) into the field's type. Values that can't be
 * converted are returned unchanged, so validation reports them with the field's own message.
 */
export function coerceFieldText(f: FieldDef, text: string): unknown {
  switch (f.kind) {
    case 'integer':
    case 'number': {
      const r = readFieldNumber(f, text);
      return r.ok ? r.value : text;
    }
    case 'boolean': {
      const t = text.trim().toLowerCase();
      if (['true', 'yes', 'y', '1'].includes(t)) return true;
      if (['false', 'no', 'n', '0'].includes(t)) return false;
      return text;
    }
    default:
      return text.trim();
  }
}

/** Parses `FIELD=VALUE` from `--set`. Throws with a helpful message for an unknown field. */
export function parseSetArgument(arg: string): { field: string; value: unknown } {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new Error(`--set expects FIELD=VALUE, found ${quote(arg)}`);
  const name = arg.slice(0, eq).trim();
  const f = FIELD_BY_NAME.get(name);
  if (!f) {
    const near = closest(name, FIELD_NAMES);
    throw new Error(`--set: unknown field ${quote(name)}${near ? ` (did you mean \`${near}\`?)` : ''}`);
  }
  return { field: name, value: coerceFieldText(f, arg.slice(eq + 1)) };
}
