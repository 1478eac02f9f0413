// Typed errors that carry their exit code (contract §3). Commands throw these; cli.ts maps them.

export const EXIT = {
  ok: 0,
  gate: 1,
  usage: 2,
  input: 3,
  internal: 4,
  interrupted: 130,
} as const;

/** One problem in an input, pinned to where it is. */
export interface Problem {
  file?: string;
  line?: number;
  col?: number;
  /** Field path such as `rules[3].when.field`, when there is one. */
  path?: string;
  message: string;
  hint?: string;
}

export function formatProblem(p: Problem): string {
  let where = '';
  if (p.file) where = p.file + (p.line ? `:${p.line}:${p.col ?? 1}` : '');
  if (p.path) where = where ? `${where} (${p.path})` : p.path;
  const head = where ? `${where}: ${p.message}` : p.message;
  return p.hint ? `${head}\n  → ${p.hint}` : head;
}

export class UsageError extends Error {
  readonly exitCode = EXIT.usage;
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

export class InputError extends Error {
  readonly exitCode = EXIT.input;
  constructor(readonly problems: Problem[], summary?: string) {
    super(summary ?? problems.map(formatProblem).join('\n'));
  }
}

export class CancelledError extends Error {
  readonly exitCode = EXIT.interrupted;
  constructor() {
    super('Cancelled.');
  }
}

export function pathToString(path: readonly (string | number)[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s;
}

/** Where bugs are reported: package.json's `bugs.url` says the same (a test checks it). */
export const BUG_REPORT_URL = 'https://github.com/ml-advisor/ml-advisor/issues';

/** The one line an internal error prints: that it is a bug, where to report it, and what to put in the report. */
export function internalErrorMessage(e: unknown, opts: { debug: boolean; version?: string }): string {
  const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  const version = opts.version ? ` ${opts.version}` : '';
  const include = `the version (ml-advisor --version), the command you ran and ${opts.debug ? 'the stack trace below' : 'what it prints with --debug'}`;
  return `internal error: ${msg} — this is a bug in ml-advisor${version}; please report it at ${BUG_REPORT_URL} with ${include}\n`;
}
