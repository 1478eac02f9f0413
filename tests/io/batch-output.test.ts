// Output plumbing: backpressure, atomic files, the progress counter.
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicFile, Progress, Sink } from '../../src/io/batch-output.js';

/** A stream that takes one write, then says it is full until drained. */
class SlowStream extends EventEmitter {
  chunks: string[] = [];
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return false;
  }
}

describe('Sink', () => {
  it('buffers whole rows and waits for drain when the stream is full', async () => {
    const s = new SlowStream();
    const sink = new Sink(s as never);
    expect(sink.write('row 1\n')).toBeUndefined();
    expect(s.chunks).toEqual([]);
    const waiting = sink.write('x'.repeat(1 << 16) + '\n');
    expect(waiting).toBeInstanceOf(Promise);
    expect(s.chunks).toHaveLength(1);
    let drained = false;
    void waiting!.then(() => (drained = true));
    await Promise.resolve();
    expect(drained).toBe(false);
    s.emit('drain');
    await waiting;
    expect(drained).toBe(true);
    expect(String(s.chunks[0]!).startsWith('row 1\nxxx')).toBe(true);
  });

  it('flush writes what is left', () => {
    const chunks: string[] = [];
    const sink = new Sink({ write: (c: string | Buffer) => chunks.push(String(c)) });
    sink.write('a\n');
    sink.write('b → c\n');
    expect(sink.flush()).toBeUndefined();
    expect(chunks).toEqual(['a\nb → c\n']);
  });
});

describe('AtomicFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-advisor-atomic-'));

  it('commit renames the finished file into place and leaves no temporary file', async () => {
    const f = await AtomicFile.create(join(dir, 'a.jsonl'));
    f.stream.write('one\n');
    expect(existsSync(join(dir, 'a.jsonl'))).toBe(false);
    await f.commit();
    expect(readFileSync(join(dir, 'a.jsonl'), 'utf8')).toBe('one\n');
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('keepPartial never replaces an earlier FILE.partial: it takes the next free name', async () => {
    writeFileSync(join(dir, 'c.jsonl.partial'), 'earlier run\n');
    const f = await AtomicFile.create(join(dir, 'c.jsonl'));
    f.stream.write('this run\n');
    expect(await f.keepPartial()).toBe(join(dir, 'c.jsonl.partial.2'));
    expect(readFileSync(join(dir, 'c.jsonl.partial'), 'utf8')).toBe('earlier run\n');
    expect(readFileSync(join(dir, 'c.jsonl.partial.2'), 'utf8')).toBe('this run\n');
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('a write that fails is an OutputError naming the target, not a crash', async () => {
    const f = await AtomicFile.create(join(dir, 'd.jsonl'));
    f.output.fail(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    await expect(f.commit()).rejects.toThrow(`cannot write ${join(dir, 'd.jsonl')}: no space left on the device (ENOSPC)`);
    await f.discard();
    expect(existsSync(join(dir, 'd.jsonl'))).toBe(false);
    expect(readdirSync(dir).filter((n) => n.includes('d.jsonl'))).toEqual([]);
  });

  it('discard removes the temporary file and never touches the target', async () => {
    const f = await AtomicFile.create(join(dir, 'b.jsonl'));
    f.stream.write('half');
    await f.discard();
    expect(readdirSync(dir).filter((n) => n.includes('b.jsonl'))).toEqual([]);
  });
});

describe('Progress', () => {
  it('stays quiet for the first moment, then rewrites one line, and clears it', () => {
    const out: string[] = [];
    let now = 1000;
    const p = new Progress({ write: (s: string) => out.push(s) }, 0, () => now);
    p.update(256, 0);
    expect(out).toEqual([]);
    now = 2000;
    p.update(512, 3);
    expect(out).toEqual(['\r\x1b[K512 rows, 3 invalid · 512 rows/s']);
    p.clear();
    expect(out.at(-1)).toBe('\r\x1b[K');
  });

  it('with the size known, says rows done of the total, the rate and the time left', () => {
    let now = 0;
    const p = new Progress({ write: () => undefined, columns: 120 }, 0, () => now);
    p.total = 100_000;
    p.update(1, 0);
    now = 4000;
    expect(p.line(20_000, 0)).toBe('20,000 of 100,000 rows (20%) · 5,000 rows/s · about 16 s left');
    now = 40_000;
    expect(p.line(20_000, 0)).toBe('20,000 of 100,000 rows (20%) · 500 rows/s · about 3 min left');
  });

  it('never wraps: the line is cut to the terminal width', () => {
    let now = 0;
    const p = new Progress({ write: () => undefined, columns: 30 }, 0, () => now);
    p.total = 1_000_000;
    p.update(1, 0);
    now = 1000;
    const line = p.line(123_456, 7);
    expect(line.length).toBeLessThanOrEqual(29);
    expect(line).toMatch(/^123,456 of 1,000,000 rows.*…$/);
  });
});
