// One pass over JSON text that JSON.parse has already accepted: finds duplicate keys (which
// JSON.parse silently drops) and records where each value starts, so that problems found later
// can be reported as line:col without loading a YAML parser.

export interface JsonScan {
  duplicate?: { key: string; offset: number };
  /** A whole number written with more digits than a double holds exactly (9007199254740993). */
  lossy?: { literal: string; offset: number };
  /** Offsets of values by path, path segments joined with \u0000. */
  offsets: Map<string, number>;
}

const WS = new Set([' ', '\t', '\n', '\r']);

export function scanJson(text: string): JsonScan {
  const offsets = new Map<string, number>();
  // Each frame: the container's path, its keys (objects) or next index (arrays).
  const stack: { path: string[]; keys?: Set<string>; index?: number; pendingKey?: string }[] = [];
  let duplicate: JsonScan['duplicate'];
  let lossy: JsonScan['lossy'];
  const valueStarts = (at: number): string[] | undefined => {
    const top = stack[stack.length - 1];
    if (!top) {
      offsets.set('', at);
      return [];
    }
    if (top.keys) {
      if (top.pendingKey === undefined) return undefined;
      const p = [...top.path, top.pendingKey];
      top.pendingKey = undefined;
      return p;
    }
    const p = [...top.path, String(top.index!)];
    top.index!++;
    offsets.set(p.join('\u0000'), at);
    return p;
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (WS.has(ch) || ch === ',' || ch === ':') {
      i++;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const literal = text.slice(i, j + 1);
      // A string followed by ':' is a key.
      let k = j + 1;
      while (k < text.length && WS.has(text[k]!)) k++;
      const top = stack[stack.length - 1];
      if (text[k] === ':' && top?.keys) {
        const key = JSON.parse(literal) as string;
        if (top.keys.has(key) && !duplicate) duplicate = { key, offset: i };
        top.keys.add(key);
        top.pendingKey = key;
        // A member is reported at its key, which is where people look for it.
        offsets.set([...top.path, key].join('\u0000'), i);
      } else {
        valueStarts(i);
      }
      i = j + 1;
      continue;
    }
    if (ch === '{' || ch === '[') {
      const p = valueStarts(i) ?? [];
      stack.push(ch === '{' ? { path: p, keys: new Set() } : { path: p, index: 0 });
      i++;
      continue;
    }
    if (ch === '}' || ch === ']') {
      stack.pop();
      i++;
      continue;
    }
    // A number, true, false or null.
    valueStarts(i);
    const start = i;
    while (i < text.length && !WS.has(text[i]!) && !',]}'.includes(text[i]!)) i++;
    if (!lossy && i - start > 15 && isLossyInteger(text.slice(start, i))) lossy = { literal: text.slice(start, i), offset: start };
  }
  return { duplicate, offsets, lossy };
}

/** Whether an integer literal names a number a double cannot hold exactly. */
export function isLossyInteger(literal: string): boolean {
  if (!/^-?\d+$/.test(literal)) return false;
  const n = Number(literal);
  return !Number.isSafeInteger(n) && Number.isFinite(n) && BigInt(literal) !== BigInt(n);
}
