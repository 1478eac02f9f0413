// The only file that touches process.argv, env, isTTY and exit codes.
import { buildProgram, CommanderError, type RunState } from './program.js';
import { EXIT, InputError, OutputError, UsageError, CancelledError, formatProblem, internalErrorText } from './errors.js';
import { readAll, type IO } from './io/io.js';
import { Output } from './io/output.js';
import { escapeTerminal } from './core/text/escape.js';
import { createRequire } from 'node:module';

const lazyRequire = createRequire(import.meta.url);

// A long command (batch) may take Ctrl-C over, to finish the row in hand and close its output.
let interruptible: AbortController | undefined;

// Every result goes through one writer that notices a failed write (a full disk, /dev/full, a pipe
// whose reader is gone): the run then ends with exit 5 and one line, never as if it had worked.
const stdout = Output.forStdout(process.stdout);

const io: IO = {
  stdout,
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

// A reader that took some output and closed the pipe (`ml-advisor … | head`) is not an error:
// there is nobody left to write to, so stop quietly. Any other failure is recorded by the writer
// and reported when the command returns (or stops it sooner: batch checks after each chunk).
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  stdout.fail(e);
  if (stdout.readerGone) process.exit(process.exitCode ?? 0);
});

process.on('SIGINT', () => {
  if (interruptible && !interruptible.signal.aborted) {
    interruptible.abort();
    return;
  }
  process.stderr.write('\nCancelled.\n');
  process.exit(EXIT.interrupted);
});

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
    stderr.write(escapeTerminal(`error: ${e.message}\n${e.hint ? `  → ${e.hint}\n` : ''}`));
    return EXIT.usage;
  }
  if (e instanceof InputError) {
    const n = e.problems.length;
    stderr.write(`error: ${n === 1 ? 'invalid input' : `${n} problems in the input`}\n`);
    for (const p of e.problems) stderr.write(formatProblem(p).replace(/^/gm, '  ') + '\n');
    return EXIT.input;
  }
  if (e instanceof OutputError) {
    stderr.write(escapeTerminal(`error: ${e.message}\n`));
    return EXIT.output;
  }
  stderr.write(internalErrorText(e, debug));
  return EXIT.internal;
}

async function main(): Promise<void> {
  const state: RunState = { exitCode: EXIT.ok, debug: process.argv.includes('--debug') };
  try {
    const program = buildProgram(io, state);
    await program.parseAsync(process.argv);
    process.exitCode = state.exitCode;
  } catch (e) {
    process.exitCode = errorExit(e, state.debug, io.stderr);
  }
  // Whatever the command wrote must have reached the OS: a result that did not is a failure, and
  // says so even after a gate's verdict (the verdict is about a result nobody received).
  try {
    await stdout.settle();
  } catch (e) {
    if (process.exitCode !== EXIT.output && process.exitCode !== EXIT.internal && process.exitCode !== EXIT.interrupted) process.exitCode = errorExit(e, state.debug, io.stderr);
  }
  // Once everything written has been handed to the OS, leave at once: otherwise Node waits for
  // V8's background work (optimizing compiles, GC) before exiting — measured at 13–20 ms, a
  // fifth of a decision's run time. With output still queued (a slow pipe), let it drain instead.
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
}

void main();
