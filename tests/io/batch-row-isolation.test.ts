// A row's failure is that row's: a bug met while deciding one row becomes that row's error line,
// with its one line on standard error (the stack under --debug), the other rows are decided, and
// the exit code is 4. The bug is planted by wrapping decide, so the test does not depend on one
// that someone will fix.
import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type { IO } from '../../src/io/io.js';
import { ROOT } from '../helpers.js';

vi.mock('../../src/core/decide/decide.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/core/decide/decide.js')>();
  return {
    ...real,
    decide: (...args: Parameters<typeof real.decide>) => {
      if (args[0].labeledExamples === 13) throw new TypeError("Cannot read properties of undefined (reading 'split')");
      return real.decide(...args);
    },
  };
});

const { runBatch } = await import('../../src/commands/batch.js');

function captured(input: string) {
  let out = '';
  let err = '';
  const io: IO = {
    stdout: { write: (s: string) => (out += s), isTTY: false },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    stdin: Readable.from([input]),
    stdinIsTTY: false,
    env: {},
    cwd: ROOT,
    readStdin: () => Promise.resolve(input),
  };
  return { io, out: () => out, err: () => err };
}

const row = (labeledExamples: number) => JSON.stringify({ task: 'text-classification', existingModel: 'close', labeledExamples });
const INPUT = [row(5000), row(13), row(200), '{"task": "nope"}'].join('\n') + '\n';

describe('batch: an internal error in one row', () => {
  it('becomes that row\'s error line; the rows around it are decided; exit 4', async () => {
    const c = captured(INPUT);
    const code = await runBatch('-', { format: 'jsonl' }, c.io);
    const lines = c.out().trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.row)).toEqual([1, 2, 3, 4]);
    expect(lines[0].recommendation.approach).toBe('fine-tune');
    expect(lines[1].error).toEqual({ message: "internal error: Cannot read properties of undefined (reading 'split') (a bug in ml-advisor, not in this row)", internal: true, line: 2 });
    expect(lines[2].recommendation).toBeDefined();
    expect(lines[3].error.internal).toBeUndefined();
    // An internal error wins over an invalid row (3) and a failed gate (1).
    expect(code).toBe(4);
    const err = c.err();
    expect(err).toContain("internal error in row 2: Cannot read properties of undefined (reading 'split') — this is a bug in ml-advisor; please report it at");
    expect(err).toContain('(run with --debug for the stack trace)');
    expect(err).not.toMatch(/\n\s+at /);
    expect(err).toContain('batch: 1 internal error (row 2): a bug in ml-advisor; the other rows were decided');
  });

  it('prints the stack for that row with --debug', async () => {
    const c = captured(INPUT);
    await runBatch('-', { format: 'jsonl', quiet: true }, c.io, true);
    expect(c.err()).toMatch(/^internal error in row 2: .*\nTypeError: Cannot read properties of undefined \(reading 'split'\)\n\s+at /);
  });

  it('CSV shows the row as an internal error too', async () => {
    const c = captured(INPUT);
    await runBatch('-', { format: 'csv', quiet: true }, c.io);
    expect(c.out().split("\n")[2]).toMatch(/^2,,,,,,,,,"internal error: Cannot read properties/);
  });
});
