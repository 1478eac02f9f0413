// Streamed text in the encoding its first bytes say, decoded chunk by chunk as decodeText decodes
// the whole: characters (and UTF-16 surrogate pairs) split between chunks come out whole.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { decodeStream, decodeText, textDecoder } from '../../src/io/read-text.js';

const TEXT = 'task,note\r\nsentiment-analysis,"é ü — 😀 ok"\n{"a": "𝄞"}\n';

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

/** `bytes` cut at the given sizes, repeated to the end. */
function* cut(bytes: Buffer, sizes: readonly number[]): Generator<Buffer> {
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length]!;
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

async function* stream(parts: Iterable<Buffer>): AsyncGenerator<Buffer> {
  yield* parts;
}

async function decodeAll(bytes: Buffer, sizes: readonly number[]): Promise<string> {
  let out = '';
  for await (const s of decodeStream(stream(cut(bytes, sizes)), 'f')) out += s;
  return out;
}

const ENCODED: [string, Buffer][] = [
  ['UTF-8', Buffer.from(TEXT)],
  ['UTF-8 with a BOM', Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), Buffer.from(TEXT)])],
  ['UTF-16LE with a BOM', Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from(TEXT, 'utf16le')])],
  ['UTF-16BE with a BOM', Buffer.concat([Buffer.of(0xfe, 0xff), utf16be(TEXT)])],
];

describe('decoding a stream', () => {
  it.each(ENCODED)('%s: the same text in chunks of any size, odd ones included', async (_name, bytes) => {
    for (const sizes of [[1], [2], [3], [5], [1, 2], [3, 1, 4], [7, 2, 9], [1 << 16]]) {
      expect(await decodeAll(bytes, sizes)).toBe(TEXT);
    }
    expect(decodeText(bytes, 'f')).toBe(TEXT);
  });

  it('UTF-16BE: every odd cut, a byte at a time and across surrogate pairs', () => {
    const bytes = utf16be(TEXT);
    for (let at = 1; at < bytes.length; at += 2) {
      const d = textDecoder('utf16be');
      expect(d.write(bytes.subarray(0, at)) + d.write(bytes.subarray(at)) + d.end()).toBe(TEXT);
    }
    const d = textDecoder('utf16be');
    let out = '';
    for (const b of bytes) out += d.write(Buffer.of(b));
    expect(out + d.end()).toBe(TEXT);
  });

  it('UTF-16BE: a lone last byte is dropped, as in UTF-16LE', () => {
    const d = textDecoder('utf16be');
    expect(d.write(Buffer.of(0, 0x61, 0)) + d.end()).toBe('a');
    expect(Buffer.of(0x61, 0, 0).toString('utf16le')).toBe('a');
  });

  it.each([
    ['LE', Buffer.from('{"a": 1}\n', 'utf16le')],
    ['BE', utf16be('{"a": 1}\n')],
  ])('UTF-16%s without a byte-order mark is refused, as for a whole file', async (_name, bytes) => {
    const whole = (() => {
      try {
        decodeText(bytes, 'f');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(whole).toBeInstanceOf(InputError);
    expect((whole as InputError).problems[0]!.message).toBe('the file looks like UTF-16 text without a byte-order mark');
    // Even when the first bytes come one at a time.
    await expect(decodeAll(bytes, [1])).rejects.toEqual(whole);
  });

  it('bad UTF-8 becomes U+FFFD, as setEncoding made it', async () => {
    expect(await decodeAll(Buffer.from([0x61, 0xff, 0x62, 0xe2, 0x82]), [1])).toBe('a\uFFFDb\uFFFD');
  });

  it('inputs shorter than a sniff', async () => {
    expect(await decodeAll(Buffer.from('a'), [1])).toBe('a');
    expect(await decodeAll(Buffer.of(0xff, 0xfe, 0x61), [1])).toBe('');
    expect(await decodeAll(Buffer.of(0xef, 0xbb, 0xbf), [1])).toBe('');
    expect(await decodeAll(Buffer.alloc(0), [1])).toBe('');
  });
});
