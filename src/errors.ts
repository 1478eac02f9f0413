// Typed errors that carry their exit code (contract §3). Commands throw these; cli.ts maps them.
import { escapeTerminal } from './core/text/escape.js';

export const EXIT = {
  ok: 0,
  gate: 1,
  usage: 2,
  input: 3,
  internal: 4,
  /** The result could not be written (a full disk, a closed pipe): what was asked for is not there. */
  output: 5,
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
  // Messages quote what the input said (a key, a value, a path): shown on a terminal, so any
  // control character in them is made visible instead of being obeyed.
  return escapeTerminal(p.hint ? `${head}\n  → ${p.hint}` : head);
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

/** Standard output or an output file could not be written; the message says which, why and what to do. */
export class OutputError extends Error {
  readonly exitCode = EXIT.output;
}

export const REPORT_URL = 'https://github.com/ml-advisor/ml-advisor/issues';

/** The one line an internal error gets (the stack only with --debug), for the run or for one batch row. */
export function internalErrorText(e: unknown, debug: boolean, where = ''): string {
  const msg = e instanceof Error ? e.message : String(e);
  let text = `internal error${where}: ${escapeTerminal(msg.split('\n')[0]!)} — this is a bug in ml-advisor; please report it at ${REPORT_URL}${debug ? '' : ' (run with --debug for the stack trace)'}\n`;
  if (debug && e instanceof Error && e.stack) text += e.stack + '\n';
  return text;
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
