// Batch rows as UTF-8 bytes written straight into large buffers, exactly the bytes JSON.stringify
// would give, with the parts many rows share encoded once.
//
// A full result is about 16 kB, and about a third of it is `assumptions`, whose entries are mostly
// the same catalog figures (the very same objects, made once per catalog) row after row. Those
// records are frozen where they are made (estimate/assumptions.ts, the rule layers), so they
// cannot change: the bytes of a frozen record of plain values are made once and reused, and no
// check on each use is needed. Every other value is stringified each time, which is always right.

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

const hasToJSON = (v: unknown) => v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function';
const isPrimitive = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
/** A shared record's bytes, alone (first in its array) and after the comma that separates it from the one before. */
interface RecordBytes {
  alone: Buffer;
  afterComma: Buffer;
}
/** Marks a frozen object that is not a flat record (its bytes could change with what it holds). */
const NOT_REUSABLE: RecordBytes = { alone: Buffer.alloc(0), afterComma: Buffer.alloc(0) };

/**
 * Encodes rows as JSON.stringify would, reusing the bytes of frozen flat records (plain objects of
 * strings, numbers, booleans and nulls, frozen where they are made). Records are keyed by
 * identity: an equal record that is another object is encoded again, which is always correct.
 */
export class JsonRowEncoder {
  private readonly encoded = new WeakMap<object, RecordBytes>();

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
            if (typeof part === 'string') pending += i ? `,${part}` : part;
            else {
              // A record's bytes carry their comma: a run of shared records is copied without a text write between.
              if (pending) out.text(pending);
              pending = '';
              out.bytes(i ? part.afterComma : part.alone);
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
  private arrayParts(arr: unknown[]): (string | RecordBytes)[] | undefined {
    let parts: (string | RecordBytes)[] | undefined;
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

  /** The bytes of a frozen flat record, made the first time it is met; undefined for any other value. */
  private reusable(e: unknown): RecordBytes | undefined {
    if (e === null || typeof e !== 'object' || !Object.isFrozen(e)) return undefined;
    let bytes = this.encoded.get(e);
    if (bytes === undefined) {
      const proto = Object.getPrototypeOf(e) as unknown;
      // A frozen object holding objects is frozen only on the outside: what it holds may change.
      const flat = !Array.isArray(e) && (proto === Object.prototype || proto === null) && Object.values(e).every(isPrimitive);
      if (flat) {
        const afterComma = Buffer.from(`,${JSON.stringify(e)}`, 'utf8');
        bytes = { alone: afterComma.subarray(1), afterComma };
      } else bytes = NOT_REUSABLE;
      this.encoded.set(e, bytes);
    }
    return bytes === NOT_REUSABLE ? undefined : bytes;
  }
}
