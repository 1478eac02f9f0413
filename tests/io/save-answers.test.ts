// --save writes through a temporary file; a write that fails is an OutputError (exit 5), not a bug,
// and leaves no temporary file behind.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputError } from '../../src/errors.js';
import { writeFileSafely } from '../../src/io/save-answers.js';

describe('writeFileSafely', () => {
  it('a failed write is an OutputError naming the file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ml-advisor-save-')), 'no-such-folder', 'a.yaml');
    let error: unknown;
    try {
      writeFileSafely(file, 'task: other\n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutputError);
    expect((error as Error).message).toMatch(new RegExp(`^cannot write ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
  });

  it('leaves no temporary file when it succeeds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-advisor-save-'));
    writeFileSafely(join(dir, 'a.yaml'), 'task: other\n');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });
});
