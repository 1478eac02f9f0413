// Reading a whole text file or stream with a bound: a device that never ends (/dev/zero), a FIFO
// or a huge file is refused after `limit` bytes instead of filling memory. Files are opened
// asynchronously, so a FIFO with no writer does not freeze the process (Ctrl-C still works).
// UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark are read.
// Through node:fs's callbacks rather than node:fs/promises: loading that module costs a few
// milliseconds of every decision's start, for the same system calls.
import { close, constants, fstat, open as openFd, read, stat } from 'node:fs';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { InputError, UsageError } from '../errors.js';
import { mb } from './limits.js';

/** What is being read, for messages: "an answers file", "a rules file", … */
export interface ReadWhat {
  name: string;
  what: string;
  limit: number;
}

function tooLarge(r: ReadWhat, size?: number): InputError {
  return new InputError([{ file: r.name, message: `${size !== undefined ? `the file is ${mb(size)}, ` : ''}more than the ${mb(r.limit)} ${r.what} may be`, hint: `${r.what[0]!.toUpperCase()}${r.what.slice(1)} is a few kB; check that this is the file you meant (README, "Limits")` }]);
}

/** Bytes as text: UTF-8, or UTF-16 when a byte-order mark says so. */
export function decodeText(buf: Buffer, name: string): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const le = Buffer.from(buf.subarray(2));
    le.swap16();
    return le.toString('utf16le');
  }
  if (buf.length >= 4 && ((buf[0] === 0 && buf[1] !== 0 && buf[2] === 0) || (buf[0] !== 0 && buf[1] === 0 && buf[3] === 0))) {
    throw new InputError([{ file: name, line: 1, col: 1, message: 'the file looks like UTF-16 text without a byte-order mark', hint: 'save it as UTF-8 (or as UTF-16 with a byte-order mark)' }]);
  }
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  return buf.subarray(start).toString('utf8');
}

/**
 * A named pipe as a stream, or undefined when `file` is none. Opening a FIFO blocks until someone
 * writes to it, and a blocked open holds a thread that the process then waits for even on exit:
 * opened non-blocking and read as a socket, it waits on the event loop, and Ctrl-C still works.
 */
export async function openFifo(file: string): Promise<Readable | undefined> {
  let isFifo: boolean;
  try {
    isFifo = (await promisify(stat)(file)).isFIFO();
  } catch {
    return undefined;
  }
  if (!isFifo) return undefined;
  const fd = await promisify(openFd)(file, constants.O_RDONLY | constants.O_NONBLOCK);
  const { Socket } = await import('node:net');
  return new Socket({ fd, readable: true, writable: false });
}

/** Reads a file whole, refusing it past `limit` bytes; unreadable files are usage errors. */
export async function readTextFile(file: string, r: ReadWhat, unreadable: (file: string, e: unknown) => Error): Promise<string> {
  const fifo = await openFifo(file);
  if (fifo) return readTextStream(fifo, r);
  let fd: number;
  try {
    fd = await promisify(openFd)(file, 'r');
  } catch (e) {
    throw unreadable(file, e);
  }
  try {
    const st = await promisify(fstat)(fd);
    if (st.isDirectory()) throw unreadable(file, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
    if (st.isCharacterDevice() || st.isBlockDevice()) throw new UsageError(`${file}: is a device, not a file`, `name ${r.what} (or - for standard input)`);
    if (st.isFile() && st.size > r.limit) throw tooLarge(r, st.size);
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1 << 16, r.limit + 1 - size));
      const { bytesRead } = await promisify(read)(fd, buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      size += bytesRead;
      if (size > r.limit) throw tooLarge(r);
    }
    return decodeText(Buffer.concat(chunks, size), r.name);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EISDIR') throw unreadable(file, e);
    if ((e as NodeJS.ErrnoException).code && !(e instanceof InputError) && !(e instanceof UsageError)) throw unreadable(file, e);
    throw e;
  } finally {
    await promisify(close)(fd).catch(() => undefined);
  }
}

/** Reads a stream (standard input) whole, refusing it past `limit` bytes. */
export async function readTextStream(stream: NodeJS.ReadableStream, r: ReadWhat): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(b);
    size += b.length;
    if (size > r.limit) {
      (stream as { destroy?: () => void }).destroy?.();
      throw tooLarge(r);
    }
  }
  return decodeText(Buffer.concat(chunks, size), r.name);
}
