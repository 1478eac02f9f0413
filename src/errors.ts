// Typed errors that carry their exit code (contract §3). Commands throw these; cli.ts maps them.
import { escapeTerminal } from './core/text/escape.js';
import { excerpt } from './core/text/excerpt.js';

export const EXIT = {
  ok: 0,
  gate: 1,
  usage: 2,
  input: 3,
  internal: 4,
  /** The result could not be written (a full disk, a closed pipe): what was asked for is not there. */
  output: 5,
  /** 128 + the signal's number, as a shell reports a process the signal ended. */
  hangup: 129,
  interrupted: 130,
  terminated: 143,
} as const;

/** The signals that stop a run cleanly (README, exit codes). */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** The exit code for a run stopped by `reason` (an abort reason: the signal's name). */
export function signalExit(reason: unknown): number {
  return reason === 'SIGTERM' ? EXIT.terminated : reason === 'SIGHUP' ? EXIT.hangup : EXIT.interrupted;
}

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

export class CancelledError extends Error {
  readonly exitCode = EXIT.interrupted;
  constructor() {
    super('Cancelled.');
  }
}

export function pathToString(path: readonly (string | number)[]): string {
  let s = '';
  // A key can be as long as the file; the path names it by an excerpt.
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${excerpt(p)}` : excerpt(p);
  return s;
}

/** Where bugs are reported: package.json's `bugs.url` says the same (a test checks it). */
export const BUG_REPORT_URL = 'https://github.com/ml-advisor/ml-advisor/issues';

/**
 * The one line an internal error prints — that it is a bug, where to report it and what to put in
 * the report — for the run or for one batch row (`where`: " in row 7"); the stack only with --debug.
 */
export function internalErrorText(e: unknown, opts: { debug: boolean; version?: string; where?: string }): string {
  const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
  const version = opts.version ? ` ${opts.version}` : '';
  const include = `the version (ml-advisor --version), the command you ran and ${opts.debug ? 'the stack trace below' : 'what it prints with --debug'}`;
  let text = `internal error${opts.where ?? ''}: ${escapeTerminal(msg)} — this is a bug in ml-advisor${version}; please report it at ${BUG_REPORT_URL} with ${include}\n`;
  if (opts.debug && e instanceof Error && e.stack) text += e.stack + '\n';
  return text;
}
