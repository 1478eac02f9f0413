// The only file that touches process.argv, env, isTTY and exit codes.
import { buildProgram, commandToBuild, versionAlias, type RunState } from './program.js';
import { errorExit } from './exit.js';
import { EXIT, signalExit, STOP_SIGNALS, type StopSignal } from './errors.js';
import type { IO } from './io/io.js';
import { MAX_DOCUMENT_BYTES } from './io/limits.js';
import { Output } from './io/output.js';
import { readTextStream } from './io/read-text.js';
import { createRequire } from 'node:module';

/** require() for the modules only some runs load; made on first use (a JSON decision needs none). */
const lazyRequire = (id: string): unknown => createRequire(import.meta.filename)(id);
/** The command the run names (a few things are set up for decide or batch alone). */
const command = process.argv[2];

// A long command (batch) may take Ctrl-C over, to finish the row in hand and close its output.
let interruptible: AbortController | undefined;

// Every result goes through one writer that notices a failed write (a full disk, /dev/full, a pipe
// whose reader is gone): the run then ends with exit 5 and one line, never as if it had worked.
// process.stdout and process.stderr build a stream on first access (node:stream, and node:net for
// a pipe: a few milliseconds of a decision's start), so each is touched only when something needs
// it; a one-shot result written to a file, a pipe or /dev/null never does.
let stdoutMade = false;
let stderrMade = false;
const stdout = Output.forStdout(
  () => {
    stdoutMade = true;
    // A reader that took some output and closed the pipe (`ml-advisor … | head`) is not an error:
    // there is nobody left to write to, so stop quietly. Any other failure is recorded by the writer
    // and reported when the command returns (or stops it sooner: batch checks after each chunk).
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      stdout.fail(e);
      if (stdout.readerGone) process.exit(process.exitCode ?? 0);
    });
    return process.stdout;
  },
  1,
  // A batch writes for as long as it runs: through the stream, which waits for a slow reader on the
  // event loop (Ctrl-C still works). A decision writes one result, which a pipe's buffer takes.
  { oneShot: command === 'decide' },
);

const stderr = (): NodeJS.WriteStream => {
  if (!stderrMade) {
    stderrMade = true;
    // After SIGHUP the terminal is gone: a failed write to it must not turn into a crash.
    process.stderr.on('error', () => undefined);
  }
  return process.stderr;
};

const io: IO = {
  stdout,
  get stderr() {
    return stderr();
  },
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
  readStdin: (r) => readTextStream(process.stdin, { name: '<stdin>', what: r?.what ?? 'answers', limit: r?.limit ?? MAX_DOCUMENT_BYTES }),
  takeOverInterrupt: () => (interruptible ??= new AbortController()).signal,
};

// Ctrl-C, `kill` (SIGTERM) and a closed terminal (SIGHUP) stop a run the same way. A command that
// took the interrupt over (batch) finishes the row in hand and keeps what it wrote; a second
// signal while it does so is noted and waited out (leaving at once would leave the temporary file
// behind and lose the rows), and a third leaves at once.
let extraSignals = 0;
const onSignal = (sig: StopSignal) => {
  if (interruptible && !interruptible.signal.aborted) {
    interruptible.abort(sig);
    return;
  }
  if (interruptible && ++extraSignals === 1) {
    io.stderr.write('\nStill saving what was written so far; send it again to stop at once.\n');
    return;
  }
  if (sig === 'SIGINT') io.stderr.write('\nCancelled.\n');
  process.exit(signalExit(sig));
};
for (const sig of STOP_SIGNALS) process.on(sig, () => onSignal(sig));

// A batch spends much of a short run compiling its hot code: on 10,000 varied rows, V8's
// optimizing compiler took about 1.5 s of CPU in a 2.4 s run, most of it inlining callees into the
// estimate and the what-would-change search. A smaller inlining budget compiles in about two
// thirds of that and runs as fast once warm: measured with 7 interleaved pairs each, CPU of
// `batch --format compact` on 10,000 rows 0.87× at a budget of 150, 0.89× at 200–300, 0.92× at
// 500 (V8's default is 920); jsonl on 10,000 rows 0.90× at 200; compact on 50,000 rows 0.99×.
// Set before any code is hot, so no compile job reads it half-way; decide's one-shot run never
// optimizes and is left alone.
if (command === 'batch') (lazyRequire('node:v8') as typeof import('node:v8')).setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');

async function main(): Promise<void> {
  const state: RunState = { exitCode: EXIT.ok, debug: process.argv.includes('--debug') };
  try {
    const program = buildProgram(io, state, commandToBuild(process.argv));
    await program.parseAsync(versionAlias(process.argv));
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
  // (A stream never made has nothing queued: touching it to ask would only make it.)
  if ((!stdoutMade || process.stdout.writableLength === 0) && (!stderrMade || process.stderr.writableLength === 0)) process.exit();
}

void main();
