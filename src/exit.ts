// From an error thrown by a command to its exit code and its lines on standard error (contract
// §3). Apart from cli.ts, so that tests can run the commands in-process and map errors the same way.
import { CommanderError } from './program.js';
import { EXIT, InputError, UsageError, CancelledError, formatProblem } from './errors.js';
import type { IO } from './io/io.js';

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

