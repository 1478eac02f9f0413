// From an error thrown by a command to its exit code and its lines on standard error (contract
// §3). Apart from cli.ts, so that tests can run the commands in-process and map errors the same way.
import { CommanderError, packageVersion } from './program.js';
import { EXIT, InputError, OutputError, UsageError, CancelledError, formatProblem, internalErrorText } from './errors.js';
import { escapeTerminal } from './core/text/escape.js';
import type { IO } from './io/io.js';

/** The version for a bug report; the report goes out even when package.json cannot be read. */
export function versionOrNothing(): string | undefined {
  try {
    return packageVersion();
  } catch {
    return undefined;
  }
}

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
  stderr.write(internalErrorText(e, { debug, version: versionOrNothing() }));
  return EXIT.internal;
}
