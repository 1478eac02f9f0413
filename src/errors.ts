// Typed errors that carry their exit code (contract §3). Commands throw these; cli.ts maps them.
import { excerpt } from './core/text/excerpt.js';

export const EXIT = {
  ok: 0,
  gate: 1,
  usage: 2,
  input: 3,
  internal: 4,
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
  // A key can be as long as the file; the path names it by an excerpt.
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${excerpt(p)}` : excerpt(p);
  return s;
}
