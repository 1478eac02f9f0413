// Where batch output goes: standard output, or a file written atomically. Text is buffered into
// chunks of whole rows and written with backpressure, so a slow reader slows the batch down
// instead of filling memory, and every write ends at a row boundary.
import { randomUUID } from 'node:crypto';
import { close, createWriteStream, fsync, type WriteStream } from 'node:fs';
import { link, lstat, rename, unlink } from 'node:fs/promises';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { formatNumber } from '../core/text/format.js';
import { OutputError, UsageError } from '../errors.js';
import type { OutStream } from './io.js';
import { Output, writeFailure } from './output.js';
import { ByteBuffer } from './json-bytes.js';

const CHUNK = 1 << 16;

export class Sink {
  // Rows are written straight into large buffers (json-bytes.ts) and handed out as views at row
  // boundaries: no Buffer a row, no joining chunks. (Appending 10 kB rows to one string and
  // encoding the whole chunk — a rope of two-byte text that must be flattened first — cost about
  // 18 µs a row more than encoding each row, measured on 20k results.)
  private readonly buffer = new ByteBuffer();
  private readonly out: Output;

  constructor(stream: OutStream | Writable | Output) {
    this.out = Output.of(stream);
  }

  /** Queues text; writes when a chunk is full. Await the result to respect backpressure. */
  write(text: string): Promise<void> | undefined {
    if (!text) return undefined;
    this.buffer.text(text);
    return this.buffer.size >= CHUNK ? this.flush() : undefined;
  }

  /** Queues what `encode` writes into the buffer (a row's bytes); as write() otherwise. */
  encode(encode: (into: ByteBuffer) => void): Promise<void> | undefined {
    encode(this.buffer);
    return this.buffer.size >= CHUNK ? this.flush() : undefined;
  }

  /**
   * Writes what is queued. A failed write (seen at once on a file or device, or by the time of a
   * later chunk on a pipe) throws an OutputError, so a batch stops instead of deciding rows into
   * a full disk.
   */
  flush(): Promise<void> | undefined {
    if (!this.buffer.size) {
      this.out.check();
      return undefined;
    }
    const ok = this.out.write(this.buffer.take());
    this.out.check();
    return ok ? undefined : this.out.drain();
  }

  /** Waits until everything written has been taken; throws if any of it was not. */
  settle(): Promise<void> {
    return this.out.settle();
  }
}

/**
 * `--output FILE`: written to a temporary file beside it and renamed into place when complete,
 * so that nobody ever reads half a file. Interrupted, the rows so far are kept in FILE.partial
 * and FILE is left as it was.
 */
export class AtomicFile {
  /** The writer over the temporary file; failures name the target, which is what the user asked for. */
  readonly output: Output;
  private fdClosed = false;

  private constructor(
    readonly target: string,
    private readonly temp: string,
    readonly stream: WriteStream,
    private readonly fd: number,
  ) {
    this.output = new Output(target, stream);
    // A failed write also comes as an 'error' event; the writer records it, nothing else must throw.
    stream.on('error', (e) => this.output.fail(e));
  }

  static async create(target: string): Promise<AtomicFile> {
    const temp = join(dirname(target), `.${basename(target)}.${randomUUID().slice(0, 8)}.tmp`);
    const stream = createWriteStream(temp, { flags: 'wx', mode: 0o644, autoClose: false, highWaterMark: CHUNK });
    let fd: number;
    try {
      [fd] = (await once(stream, 'open')) as [number];
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(`cannot write ${target}: ${code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' ? 'permission denied' : (e as Error).message}`, 'check the --output path');
    }
    return new AtomicFile(target, temp, stream, fd);
  }

  /**
   * Ends the stream and makes the bytes durable before the rename makes them visible. A write,
   * the flush or the fsync that fails (a full disk reports late, at fsync, on some file systems)
   * is an OutputError naming the target.
   */
  private async close(): Promise<void> {
    try {
      await this.output.settle();
      await new Promise<void>((resolve, reject) => this.stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
      this.output.check();
      await promisify(fsync)(this.fd);
      await promisify(close)(this.fd);
      this.fdClosed = true;
    } catch (e) {
      throw e instanceof OutputError ? e : writeFailure(e, this.target);
    }
  }

  /**
   * Puts the complete file in place. The target is looked at again first: if it became a link, a
   * folder or a device while the batch ran, the rows go to FILE.partial instead of replacing it.
   */
  async commit(): Promise<string> {
    await this.close();
    const st = await lstat(this.target).catch(() => undefined);
    if (st && !st.isFile()) {
      const kept = await this.placePartial();
      throw new OutputError(`cannot write ${this.target}: it stopped being a regular file while the batch ran (it is now ${st.isSymbolicLink() ? 'a symbolic link' : st.isDirectory() ? 'a folder' : 'a special file'}); the rows are in ${kept}`);
    }
    await rename(this.temp, this.target);
    return this.target;
  }

  /** Keeps what was written beside the target (after an interrupt); returns where. */
  async keepPartial(): Promise<string> {
    await this.close();
    return this.placePartial();
  }

  /**
   * FILE.partial, or FILE.partial.2, .3, … when an earlier run's partial file is there: that one
   * is kept, never replaced (a hard link fails when the name is taken, even in a race).
   */
  private async placePartial(): Promise<string> {
    for (let n = 1; n <= 100; n++) {
      const name = n === 1 ? `${this.target}.partial` : `${this.target}.partial.${n}`;
      try {
        await link(this.temp, name);
        await unlink(this.temp);
        return name;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue;
        // A file system without hard links: rename, still only onto a free name.
        if (await lstat(name).then(() => true, () => false)) continue;
        await rename(this.temp, name);
        return name;
      }
    }
    return this.temp;
  }

  /** Removes the temporary file (after an error). */
  async discard(): Promise<void> {
    // destroy() closes the descriptor even with autoClose off: wait for it, never close it twice.
    if (!this.stream.closed && !this.fdClosed) {
      await new Promise<void>((resolve) => {
        this.stream.once('close', resolve);
        this.stream.once('error', () => undefined);
        this.stream.destroy();
      });
    }
    await unlink(this.temp).catch(() => undefined);
  }
}

/** A counter on standard error for long batches; the caller decides whether it is wanted. */
/**
 * Rows done on a terminal: "12,345 of 100,000 rows (12%) · 8,200 rows/s · about 11 s left", on
 * one line cut to the terminal's width (it is redrawn in place, so it must never wrap).
 */
export class Progress {
  private last = 0;
  private started = 0;
  private shown = false;
  /** The rows in the input, when its size is known (a file counted, or a list read at once). */
  total: number | undefined;

  constructor(private readonly stderr: OutStream, private readonly everyMs = 150, private readonly now = () => Date.now()) {}

  update(rows: number, invalid: number): void {
    const now = this.now();
    if (this.started === 0) this.started = now;
    if (now - this.last < this.everyMs) return;
    if (this.last === 0) {
      // Nothing for the first moment: short batches finish without a flicker.
      this.last = now;
      return;
    }
    this.last = now;
    this.shown = true;
    this.stderr.write(`\r\x1b[K${this.line(rows, invalid, now)}`);
  }

  line(rows: number, invalid: number, now = this.now()): string {
    const total = this.total !== undefined && this.total >= rows ? this.total : undefined;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? rows / seconds : 0;
    const parts = [`${formatNumber(rows)}${total !== undefined ? ` of ${formatNumber(total)}` : ''} rows${total ? ` (${Math.floor((rows / total) * 100)}%)` : ''}${invalid ? `, ${formatNumber(invalid)} invalid` : ''}`];
    if (rate > 0) parts.push(`${formatNumber(Math.round(rate))} rows/s`);
    if (rate > 0 && total !== undefined) parts.push(`about ${duration((total - rows) / rate)} left`);
    const text = parts.join(' · ');
    const width = (this.stderr.columns ?? 80) - 1;
    return text.length > width ? text.slice(0, Math.max(0, width - 1)) + '…' : text;
  }

  clear(): void {
    if (this.shown) this.stderr.write('\r\x1b[K');
    this.shown = false;
  }
}

/** 42 → "42 s", 600 → "10 min", 7200 → "2 h". */
export function duration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  return `${formatNumber(seconds / 3600, 1)} h`;
}
