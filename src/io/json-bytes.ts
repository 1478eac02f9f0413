// Batch rows as UTF-8 bytes written straight into large buffers, exactly the bytes JSON.stringify
// would give, with the parts many rows share encoded once.
//
// A full result is about 10 kB, and about a third of it is `assumptions`, whose entries are mostly
// the same catalog figures (the very same objects, cached where they are made) row after row.
// Stringifying and encoding them for every row, and allocating a Buffer per row, was about 40 % of
// a batch's time. Here a record seen in a second row is encoded once and its bytes reused; the
// cache cannot go stale, because each reuse first checks that the record still holds the same
// keys and the same values (a few identity comparisons, far cheaper than encoding it again).

/** Bytes appended into large preallocated buffers; `take` hands out what was written since the last take. */
export class ByteBuffer {
  private slab: Buffer;
  private start = 0;
  private end = 0;

  constructor(private readonly slabSize = 1 << 20) {
    this.slab = Buffer.allocUnsafe(slabSize);
  }

  /** Bytes written and not yet taken. */
  get size(): number {
    return this.end - this.start;
  }

  /**
   * Room for `n` more bytes. What was written and not taken moves to the new buffer; what was
   * taken stays where it is (a stream may still be writing it out), so a buffer is never reused.
   */
  private reserve(n: number): void {
    if (this.slab.length - this.end >= n) return;
    const pending = this.end - this.start;
    const next = Buffer.allocUnsafe(Math.max(this.slabSize, (pending + n) * 2));
    this.slab.copy(next, 0, this.start, this.end);
    this.slab = next;
    this.start = 0;
    this.end = pending;
  }

  text(s: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8 (a surrogate pair, 2 units, is 4).
    this.reserve(s.length * 3);
    this.end += this.slab.write(s, this.end);
  }

  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.slab.set(b, this.end);
    this.end += b.length;
  }

  /** What was written since the last take, as a view that stays valid (its memory is never written again). */
  take(): Buffer {
    const out = this.slab.subarray(this.start, this.end);
    this.start = this.end;
    return out;
  }
}

/** A record's bytes and what they were made from: its keys and values, in order. */
interface Encoded {
  keys: string[];
  values: unknown[];
  bytes: Buffer;
}

const hasToJSON = (v: unknown) => v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function';
const isPrimitive = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * Encodes rows as JSON.stringify would, reusing the bytes of flat records (plain objects of
 * strings, numbers, booleans and nulls) met in more than one row. Records are keyed by identity:
 * equal records that are different objects are encoded each time, which is always correct.
 */
export class JsonRowEncoder {
  private readonly seenOnce = new WeakSet<object>();
  private readonly encoded = new WeakMap<object, Encoded>();
  /** Objects met again that are not flat records: not looked at again. */
  private readonly refused = new WeakSet<object>();

  /**
   * `{"row":N,` + the object's members + `extra` (already JSON, starting with a comma, or '') + `}`:
   * the same bytes as splicing the row number into JSON.stringify(value).
   */
  row(out: ByteBuffer, before: string, value: object, extra: string, after: string): void {
    if (hasToJSON(value) || Array.isArray(value)) {
      out.text(`${before}${JSON.stringify(value).slice(1, -1)}${extra}${after}`);
      return;
    }
    let pending = before;
    let first = true;
    for (const key of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[key];
      const member = `${first ? '' : ','}${JSON.stringify(key)}:`;
      if (Array.isArray(v) && v.length) {
        const json = this.arrayParts(v);
        if (json) {
          // An array with reusable records: text up to each record, then its bytes.
          pending += `${member}[`;
          for (let i = 0; i < json.length; i++) {
            const part = json[i]!;
            const sep = i ? ',' : '';
            if (typeof part === 'string') pending += sep + part;
            else {
              out.text(pending + sep);
              pending = '';
              out.bytes(part);
            }
          }
          pending += ']';
          first = false;
          continue;
        }
      }
      // JSON.stringify hands a toJSON the member's key: stringify the member as a member, then.
      const json = hasToJSON(v) ? JSON.stringify({ [key]: v }).slice(member.length - (first ? 0 : 1) + 1, -1) || undefined : JSON.stringify(v);
      if (json === undefined) continue;
      pending += member + json;
      first = false;
    }
    out.text(pending + extra + after);
  }

  /**
   * The array's elements as JSON text, or as bytes for the reusable records; undefined when none
   * is reusable (the caller stringifies the array whole) or when an element has its own toJSON
   * (JSON.stringify passes it the index, which only stringifying the array does).
   */
  private arrayParts(arr: unknown[]): (string | Buffer)[] | undefined {
    let parts: (string | Buffer)[] | undefined;
    for (let i = 0; i < arr.length; i++) {
      const e = arr[i];
      if (hasToJSON(e)) return undefined;
      const bytes = this.reusable(e);
      if (bytes) {
        parts ??= arr.slice(0, i).map((x) => JSON.stringify(x) ?? 'null');
        parts.push(bytes);
      } else if (parts) parts.push(JSON.stringify(e) ?? 'null');
    }
    return parts;
  }

  /** The bytes of a flat record met before, made on its second sighting and checked on every use. */
  private reusable(e: unknown): Buffer | undefined {
    if (e === null || typeof e !== 'object' || Array.isArray(e)) return undefined;
    const known = this.encoded.get(e);
    if (known && unchanged(e as Record<string, unknown>, known)) return known.bytes;
    if (!known && !this.seenOnce.has(e)) {
      this.seenOnce.add(e);
      return undefined;
    }
    if (this.refused.has(e)) return undefined;
    const proto = Object.getPrototypeOf(e) as unknown;
    const keys = Object.keys(e);
    const values = keys.map((k) => (e as Record<string, unknown>)[k]);
    if ((proto !== Object.prototype && proto !== null) || !values.every(isPrimitive)) {
      this.refused.add(e);
      return undefined;
    }
    const entry = { keys, values, bytes: Buffer.from(JSON.stringify(e), 'utf8') };
    this.encoded.set(e, entry);
    return entry.bytes;
  }
}

/** The record still has exactly the keys, in order, and the values its bytes were made from. */
function unchanged(e: Record<string, unknown>, known: Encoded): boolean {
  let n = 0;
  for (const k in e) {
    if (n >= known.keys.length || k !== known.keys[n] || e[k] !== known.values[n]) return false;
    n++;
  }
  return n === known.keys.length;
}
