// Reading a whole text file or stream with a bound: a device that never ends (/dev/zero), a FIFO
// or a huge file is refused after `limit` bytes instead of filling memory. A FIFO is read on the
// event loop, so one with no writer does not freeze the process (Ctrl-C still works); a file is
// read with plain system calls, since a file of answers or rules is a few kB and going through
// libuv's thread pool (started on first use) cost a decision about 2 ms of its start.
// UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark are read, whole or
// as a stream (batches), with one sniff of the first bytes deciding which.
// Not through node:fs/promises: loading that module costs a few milliseconds of every decision's
// start, for the same system calls.
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
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

type TextEncoding = 'utf8' | 'utf16le' | 'utf16be';

/** The bytes a text decision needs to see: a byte-order mark, or UTF-16's NULs in two characters. */
const SNIFF_BYTES = 4;

/**
 * The encoding of text that starts with `head` (its first SNIFF_BYTES bytes, or all of it when
 * shorter) and how many bytes of byte-order mark to skip. UTF-16 without a mark is refused: read
 * as UTF-8 it would be NULs between the letters, and every row would fail for no visible reason.
 */
function sniffEncoding(head: Buffer, name: string): { encoding: TextEncoding; bom: number } {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', bom: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf16be', bom: 2 };
  if (head.length >= 4 && ((head[0] === 0 && head[1] !== 0 && head[2] === 0) || (head[0] !== 0 && head[1] === 0 && head[3] === 0))) {
    throw new InputError([{ file: name, line: 1, col: 1, message: 'the file looks like UTF-16 text without a byte-order mark', hint: 'save it as UTF-8 (or as UTF-16 with a byte-order mark)' }]);
  }
  return { encoding: 'utf8', bom: head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0 };
}

/** Bytes as text: UTF-8, or UTF-16 when a byte-order mark says so. */
export function decodeText(buf: Buffer, name: string): string {
  const { encoding, bom } = sniffEncoding(buf.subarray(0, SNIFF_BYTES), name);
  const decoder = textDecoder(encoding);
  return decoder.write(buf.subarray(bom)) + decoder.end();
}

/** Decodes text a chunk at a time; a character split between chunks comes out whole. */
export interface ChunkDecoder {
  write(bytes: Buffer): string;
  end(): string;
}

/**
 * A decoder for `encoding`. UTF-16BE is swapped to little-endian pair by pair, keeping an odd last
 * byte for the next chunk (string_decoder knows only little-endian UTF-16). Bad UTF-8 becomes
 * U+FFFD, as it did with setEncoding('utf8'), and the row's own checks report it.
 */
export function textDecoder(encoding: TextEncoding): ChunkDecoder {
  if (encoding !== 'utf16be') return new StringDecoder(encoding);
  const le = new StringDecoder('utf16le');
  let odd: number | undefined;
  return {
    write(bytes) {
      let b = bytes;
      if (odd !== undefined) {
        b = Buffer.concat([Buffer.of(odd), bytes]);
        odd = undefined;
      }
      const even = b.length & ~1;
      if (even < b.length) odd = b[even];
      const pairs = Buffer.from(b.subarray(0, even));
      return le.write(pairs.swap16());
    },
    end() {
      // A lone last byte is half a character: dropped, as string_decoder drops it in UTF-16LE.
      odd = undefined;
      return le.end();
    },
  };
}

/**
 * A stream of bytes as text, a chunk at a time, in the encoding its first bytes say (as
 * decodeText does for a whole file): memory stays flat however long the stream is.
 */
export async function* decodeStream(input: AsyncIterable<Buffer | string>, name: string): AsyncGenerator<string> {
  let decoder: ChunkDecoder | undefined;
  let head: Buffer[] = [];
  let headSize = 0;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (!decoder) {
      head.push(bytes);
      headSize += bytes.length;
      if (headSize < SNIFF_BYTES) continue;
      const all = head.length === 1 ? bytes : Buffer.concat(head, headSize);
      head = [];
      const { encoding, bom } = sniffEncoding(all.subarray(0, SNIFF_BYTES), name);
      decoder = textDecoder(encoding);
      const text = decoder.write(all.subarray(bom));
      if (text) yield text;
      continue;
    }
    const text = decoder.write(bytes);
    if (text) yield text;
  }
  if (!decoder) {
    // Shorter than the sniff: the whole input is the head.
    if (headSize === 0) return;
    const text = decodeText(Buffer.concat(head, headSize), name);
    if (text) yield text;
    return;
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

/**
 * A named pipe as a stream, or undefined when `file` is none. Opening a FIFO blocks until someone
 * writes to it, and a blocked open holds a thread that the process then waits for even on exit:
 * opened non-blocking and read as a socket, it waits on the event loop, and Ctrl-C still works.
 */
export async function openFifo(file: string): Promise<Readable | undefined> {
  // A stat never blocks, whatever the file is.
  let isFifo: boolean;
  try {
    isFifo = statSync(file).isFIFO();
  } catch {
    return undefined;
  }
  if (!isFifo) return undefined;
  // Non-blocking, the open returns at once even with no writer yet.
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  const { Socket } = await import('node:net');
  return new Socket({ fd, readable: true, writable: false });
}

/** Reads a file whole, refusing it past `limit` bytes; unreadable files are usage errors. */
export async function readTextFile(file: string, r: ReadWhat, unreadable: (file: string, e: unknown) => Error): Promise<string> {
  const fifo = await openFifo(file);
  if (fifo) return readTextStream(fifo, r);
  let fd: number;
  try {
    // Non-blocking, so that a file that became a FIFO since openFifo looked cannot hang the open.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw unreadable(file, e);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw unreadable(file, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
    if (st.isCharacterDevice() || st.isBlockDevice()) throw new UsageError(`${file}: is a device, not a file`, `name ${r.what} (or - for standard input)`);
    if (st.isFile() && st.size > r.limit) throw tooLarge(r, st.size);
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1 << 16, r.limit + 1 - size));
      const bytesRead = readSync(fd, buf, 0, buf.length, null);
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
    try {
      closeSync(fd);
    } catch {
      // Nothing was lost: the text was read, or the error that stopped it is the one reported.
    }
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
