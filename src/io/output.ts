// Where results go — standard output or an `--output` file — behind one writer that notices when a
// write fails. A result the OS did not take is a failure of the command (exit 5), said in one
// line: which file, why, what to do. The one exception is a reader that took some output and then
// stopped reading (`| head`): that is what it asked for, and the run ends quietly.
import { accessSync, constants, fstatSync, lstatSync, readlinkSync, realpathSync, statSync, writeSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { OutputError, UsageError } from '../errors.js';
import type { OutStream } from './io.js';

const PIPE_BUF = 4096;

type WriteCallback = (e?: Error | null) => void;
interface CallbackStream {
  write(chunk: Buffer | string, cb?: WriteCallback): boolean;
  once?(event: string, listener: (...args: unknown[]) => void): unknown;
  off?(event: string, listener: (...args: unknown[]) => void): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

/** Why a write failed, in words, and what to do about it. */
export function writeFailure(e: unknown, name: string): OutputError {
  const code = (e as NodeJS.ErrnoException)?.code;
  const why: Record<string, [string, string]> = {
    ENOSPC: ['no space left on the device', 'free some space, or write the output somewhere else'],
    EDQUOT: ['the disk quota is used up', 'free some space, or write the output somewhere else'],
    EFBIG: ['the file is larger than this file system allows', 'write the output somewhere else, or split the input'],
    EPIPE: ['the program reading it closed the pipe before reading anything', 'check the command after the |'],
    EBADF: ['it is closed', 'give the output somewhere to go, e.g. > result.json'],
    EACCES: ['permission denied', 'write the output somewhere you may write'],
    EPERM: ['permission denied', 'write the output somewhere you may write'],
    EROFS: ['the file system is read-only', 'write the output somewhere else'],
    EISDIR: ['it is a folder', 'name a file'],
    EIO: ['an input/output error on the device', 'check the disk, or write the output somewhere else'],
  };
  const [reason, todo] = (code && why[code]) || [(e as Error)?.message ?? String(e), 'write the output somewhere else'];
  return new OutputError(`cannot write ${name}: ${reason}${code ? ` (${code})` : ''}; ${todo}`);
}

/** Standard output's kind, from its descriptor: how `Output.forStdout` writes to it. */
type StdoutKind = 'file' | 'pipe' | 'device' | 'stream';

/**
 * How to write to `fd` without Node's stream, which costs a few milliseconds to create (it loads
 * node:stream, and node:net for a pipe) — a one-shot result does not need it. A regular file or a
 * memory device (/dev/null, /dev/full: Linux major 1) is written directly, as before; a pipe or a
 * socket too when `pipes` (a one-shot result); another device directly when it is not a terminal
 * (which only the stream, through node:tty, can tell); anything else through the stream.
 */
function stdoutKind(fd: number, pipes: boolean): StdoutKind {
  let st: Stats;
  try {
    st = fstatSync(fd);
  } catch {
    return 'stream';
  }
  if (st.isFile() || (st.isCharacterDevice() && process.platform === 'linux' && Math.floor(st.rdev / 256) % 4096 === 1)) return 'file';
  if (st.isCharacterDevice()) return 'device';
  return pipes && (st.isFIFO() || st.isSocket()) ? 'pipe' : 'stream';
}

/**
 * An output stream that keeps count of what the OS has taken and records the first failure.
 * `write` never throws; the command asks `check()` (stop at once) or `settle()` (at the end).
 * A regular file or a device on standard output is written to its descriptor directly, every
 * byte: Node's stream for it drops the rest of a short write without a word.
 */
export class Output implements OutStream {
  /** Bytes the OS has accepted. */
  delivered = 0;
  failure?: OutputError;
  /** The reader went away after taking some output (`| head`): nothing more to write, no error. */
  readerGone = false;
  private pending = 0;
  private settled: (() => void)[] = [];
  /** Standard output: tell a reader that was never there from one that stopped (see `write`). */
  private probeReader = false;

  /** A pipe written to directly: on EAGAIN (a non-blocking pipe that is full) the stream takes over. */
  private pipe = false;
  /** Known not to be a terminal (a file, a pipe, a device that is not one): no stream is made to ask. */
  private notTerminal = false;
  private streamOf?: () => CallbackStream;
  private streamMade?: CallbackStream;

  /** `stream` is the stream itself, or (standard output) a function that makes it on first use. */
  constructor(readonly name: string, stream: CallbackStream | (() => CallbackStream), private fd?: number) {
    if (typeof stream === 'function') this.streamOf = stream;
    else this.streamMade = stream;
  }

  private get stream(): CallbackStream {
    return (this.streamMade ??= this.streamOf!());
  }

  /** Whether the stream has been made: a run that wrote only through the descriptor has none to drain. */
  get hasStream(): boolean {
    return this.streamMade !== undefined;
  }

  /** A Node stream reports through write callbacks; a plain object (a test's) takes text at once. */
  private get callbacks(): boolean {
    return typeof this.stream.once === 'function';
  }

  /**
   * Standard output: written through its descriptor when that is a file or a memory device, or a
   * pipe when `oneShot` (a result written once, which the pipe's buffer takes); otherwise through
   * the stream `makeStream` returns, made only when it is needed (a terminal asks for its width).
   */
  static forStdout(makeStream: () => CallbackStream, fd = 1, opts: { oneShot?: boolean } = {}): Output {
    let kind = stdoutKind(fd, opts.oneShot === true);
    if (kind === 'device' && makeStream().isTTY === true) kind = 'stream';
    const out = new Output('standard output', makeStream, kind === 'stream' ? undefined : fd);
    out.pipe = kind === 'pipe';
    out.notTerminal = kind !== 'stream';
    out.probeReader = true;
    return out;
  }

  /** The writer for `stream`: itself when it is one already, else a wrapper (tests pass plain objects). */
  static of(stream: OutStream | Writable, name = 'standard output'): Output {
    return stream instanceof Output ? stream : new Output(name, stream as CallbackStream);
  }

  get isTTY(): boolean | undefined {
    return this.notTerminal ? this.streamMade?.isTTY : this.stream.isTTY;
  }

  get columns(): number | undefined {
    return this.notTerminal ? this.streamMade?.columns : this.stream.columns;
  }

  /** The terminal's height, for text output that fits one screen. */
  get rows(): number | undefined {
    return this.notTerminal ? this.streamMade?.rows : this.stream.rows;
  }

  /** Queues `chunk`; false when the stream asks the writer to wait for `drain()`. */
  write(chunk: string | Buffer): boolean {
    if (this.failure || this.readerGone) return true;
    if (this.fd === undefined && !this.callbacks) {
      try {
        this.stream.write(chunk);
        this.delivered += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      } catch (e) {
        this.fail(e);
      }
      return true;
    }
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (!bytes.length) return true;
    if (this.fd !== undefined) return this.writeDirect(bytes);
    // The first bytes go alone, at most PIPE_BUF of them (which a pipe takes whole or not at all):
    // once they are taken, a reader was there, and a closed pipe later is a reader that stopped
    // (`| head -c 100`), not one that was never there.
    if (this.probeReader && this.delivered === 0 && this.pending === 0 && bytes.length > PIPE_BUF) {
      this.send(bytes.subarray(0, PIPE_BUF));
      return this.send(bytes.subarray(PIPE_BUF));
    }
    return this.send(bytes);
  }

  /**
   * Writes every byte to the descriptor, retrying short writes (a nearly full disk takes part of a
   * chunk, then fails). A pipe's first write is at most PIPE_BUF bytes, as through the stream (see
   * `write`); when a pipe is full and non-blocking, what is left goes through the stream.
   */
  private writeDirect(bytes: Buffer): boolean {
    let off = 0;
    while (off < bytes.length) {
      const len = this.pipe && this.probeReader && this.delivered === 0 ? Math.min(PIPE_BUF, bytes.length - off) : bytes.length - off;
      try {
        const n = writeSync(this.fd!, bytes, off, len);
        off += n;
        this.delivered += n;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') {
          this.fail(e);
          return true;
        }
        if (this.pipe) {
          this.fd = undefined;
          return this.send(bytes.subarray(off));
        }
      }
    }
    return true;
  }

  private send(bytes: Buffer): boolean {
    this.pending++;
    try {
      return this.stream.write(bytes, (e) => {
        this.pending--;
        if (e) this.fail(e);
        else this.delivered += bytes.length;
        if (this.pending === 0) for (const f of this.settled.splice(0)) f();
      });
    } catch (e) {
      this.pending--;
      this.fail(e);
      return true;
    }
  }

  /** Records a failure of the underlying stream (its write callback, or its 'error' event). */
  fail(e: unknown): void {
    if (this.failure || this.readerGone) return;
    if ((e as NodeJS.ErrnoException)?.code === 'EPIPE' && this.delivered > 0) this.readerGone = true;
    else this.failure = writeFailure(e, this.name);
    for (const f of this.settled.splice(0)) f();
  }

  /** Throws the failure, if a write has failed. */
  check(): void {
    if (this.failure) throw this.failure;
  }

  /** Waits until every write has been taken or has failed, then throws the failure if there is one. */
  async settle(): Promise<void> {
    if (this.pending > 0 && !this.failure && !this.readerGone) await new Promise<void>((resolve) => this.settled.push(resolve));
    this.check();
  }

  /** Waits for the stream to take more (after `write` returned false), or for it to fail. */
  drain(): Promise<void> {
    const s = this.stream;
    if (this.failure || this.readerGone || typeof s.once !== 'function') return Promise.resolve().then(() => this.check());
    return new Promise<void>((resolve, reject) => {
      const done = () => {
        s.off?.('drain', done);
        s.off?.('close', done);
        s.off?.('error', onError);
        if (this.failure) reject(this.failure);
        else resolve();
      };
      const onError = (e: unknown) => {
        this.fail(e);
        done();
      };
      s.once!('drain', done);
      s.once!('close', done);
      s.once!('error', onError);
    });
  }
}

const kindOf = (st: Stats) => (st.isFIFO() ? 'a named pipe' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSocket() ? 'a socket' : 'not a regular file');

/**
 * Refuses an `--output` that cannot be, or should not be, written — before any work is done: a
 * folder, a symbolic link (renaming a file over it would replace the link), a device, pipe or
 * socket, one of the files the run reads, or a place where no file can be created. A link or a
 * device is written to by redirecting standard output, which is what the hint says.
 */
export function checkOutputTarget(output: string, opts: { cwd: string; inputs?: readonly string[]; flag?: string }): void {
  const flag = opts.flag ?? '--output';
  const full = resolve(opts.cwd, output);
  let st: Stats | undefined;
  try {
    st = lstatSync(full);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`${flag} ${output}: cannot look at it (${(e as NodeJS.ErrnoException).code})`, 'choose another file');
  }
  if (st?.isSymbolicLink()) {
    let to = '';
    try {
      to = readlinkSync(full);
    } catch {
      /* the link's target is only named in the message */
    }
    // The file it points to, when that is an ordinary file (not /proc/self/fd/1 behind /dev/stdout).
    let real: string | undefined;
    try {
      real = realpathSync(full);
      if (/^\/(proc|dev)\//.test(to) || !statSync(real).isFile()) real = undefined;
    } catch {
      real = undefined;
    }
    throw new UsageError(
      `${flag} ${output} is a symbolic link${to ? ` (to ${to})` : ''}: the finished file would replace the link, so it is not written`,
      real ? `pass the file it points to (${flag} ${real}), or write through the link with > ${output}` : `write through the link with > ${output}, or choose another name`,
    );
  }
  if (st?.isDirectory()) throw new UsageError(`${flag} ${output} is a folder, not a file`, `name a file in it, e.g. ${flag} ${output.replace(/\/+$/, '')}/decisions.jsonl`);
  if (st && !st.isFile()) throw new UsageError(`${flag} ${output} is ${kindOf(st)}: only regular files are written with ${flag}`, `redirect standard output instead: > ${output}`);
  if (st) {
    for (const input of opts.inputs ?? []) {
      let ist: Stats;
      try {
        ist = statSync(resolve(opts.cwd, input));
      } catch {
        continue;
      }
      if (ist.dev === st.dev && ist.ino === st.ino) {
        throw new UsageError(`${flag} ${output} is ${input === output ? 'the' : `the same file as the`} input ${input === output ? 'file' : input}: writing it would replace what is being read`, 'choose another name for the output');
      }
    }
  }
  const dir = dirname(full);
  let dst: Stats;
  try {
    dst = statSync(dir);
  } catch {
    throw new UsageError(`${flag} ${output}: its folder does not exist (${dirname(output)})`, 'create the folder first, or choose another path');
  }
  if (!dst.isDirectory()) throw new UsageError(`${flag} ${output}: ${dirname(output)} is not a folder`, 'choose another path');
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${flag} ${output}: cannot create files in ${dirname(output)} (${code === 'EROFS' ? 'the file system is read-only' : 'permission denied'})`, 'write the output somewhere you may write');
  }
}
