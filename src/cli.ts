// The only file that touches process.argv, env, isTTY and exit codes.
import { buildProgram, CommanderError, versionAlias, type RunState } from './program.js';
import { EXIT, InputError, UsageError, CancelledError, formatProblem } from './errors.js';
import { readAll, type IO } from './io/io.js';
import { createRequire } from 'node:module';

const lazyRequire = createRequire(import.meta.url);

// A long command (batch) may take Ctrl-C over, to finish the row in hand and close its output.
let interruptible: AbortController | undefined;

const io: IO = {
  stdout: process.stdout,
  stderr: process.stderr,
  // process.stdin builds a stream on first access; most runs never read it.
  get stdin() {
    return process.stdin;
  },
  // node:tty pulls in node:net and streams (~10 ms); only runs that may prompt need it.
  get stdinIsTTY() {
    return (lazyRequire('node:tty') as typeof import('node:tty')).isatty(0);
  },
  env: process.env,
  cwd: process.cwd(),
  readStdin: () => readAll(process.stdin),
  takeOverInterrupt: () => (interruptible ??= new AbortController()).signal,
};

// A closed pipe (`ml-advisor … | head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.on('SIGINT', () => {
  if (interruptible && !interruptible.signal.aborted) {
    interruptible.abort();
    return;
  }
  process.stderr.write('\nCancelled.\n');
  process.exit(EXIT.interrupted);
});

const REPORT = 'https://github.com/ml-advisor/ml-advisor/issues';

export function errorExit(e: unknown, debug: boolean, stderr: IO['stderr']): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    // commander has already printed its message (with a suggestion for unknown flags).
    return EXIT.usage;
  }
  if (e instanceof CancelledError || (e instanceof Error && e.name === 'ExitPromptError')) {
    stderr.write('Cancelled.\n');
    return EXIT.interrupted;
  }
  if (e instanceof UsageError) {
    stderr.write(`error: ${e.message}\n${e.hint ? `  → ${e.hint}\n` : ''}`);
    return EXIT.usage;
  }
  if (e instanceof InputError) {
    const n = e.problems.length;
    stderr.write(`error: ${n === 1 ? 'invalid input' : `${n} problems in the input`}\n`);
    for (const p of e.problems) stderr.write(formatProblem(p).replace(/^/gm, '  ') + '\n');
    return EXIT.input;
  }
  const msg = e instanceof Error ? e.message : String(e);
  stderr.write(`internal error: ${msg.split('\n')[0]} — this is a bug in ml-advisor; please report it at ${REPORT}${debug ? '' : ' (run with --debug for the stack trace)'}\n`);
  if (debug && e instanceof Error && e.stack) stderr.write(e.stack + '\n');
  return EXIT.internal;
}

async function main(): Promise<void> {
  const state: RunState = { exitCode: EXIT.ok, debug: process.argv.includes('--debug') };
  try {
    const program = buildProgram(io, state);
    await program.parseAsync(versionAlias(process.argv));
    process.exitCode = state.exitCode;
  } catch (e) {
    process.exitCode = errorExit(e, state.debug, io.stderr);
  }
  // Once everything written has been handed to the OS, leave at once: otherwise Node waits for
  // V8's background work (optimizing compiles, GC) before exiting — measured at 13–20 ms, a
  // fifth of a decision's run time. With output still queued (a slow pipe), let it drain instead.
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
}

void main();
