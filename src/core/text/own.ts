// Keys that come from users (answers, `--set`, CSV headers, rule files) must never reach a
// prototype: `gpu: __proto__` would otherwise find Object.prototype in the hardware catalog.

/** Every name an ordinary object inherits: `__proto__`, `constructor`, `toString`, … */
export const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

export const isPrototypeName = (key: string): boolean => PROTOTYPE_NAMES.has(key);

/** A record with no prototype: looking up any key finds only what was put in. */
export function ownRecord<T>(from?: Readonly<Record<string, T>>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  if (from) for (const k of Object.keys(from)) out[k] = from[k]!;
  return out;
}

/** `record[key]` when `key` is the record's own, else undefined. */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
