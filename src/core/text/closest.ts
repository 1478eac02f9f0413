// "Did you mean …?" for unknown field names, flags, enum values and ids.

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate, compared case-insensitively, or undefined when none is plausibly meant. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(input.length / 3));
  // The distance is at least the difference in length, so a candidate much shorter or longer is
  // never within the limit: a 10 MB value costs no 10 MB × candidate table. Its start can still
  // name a candidate as a prefix.
  const longest = candidates.reduce((m, c) => Math.max(m, c.length), 0);
  const head = input.slice(0, longest + 1).toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const cand of candidates) {
    const cl = cand.toLowerCase();
    let score = Math.abs(input.length - cand.length) > limit ? Infinity : distance(input.toLowerCase(), cl);
    if ((input.length <= cand.length && cl.startsWith(head)) || head.startsWith(cl)) score = Math.min(score, 1);
    if (score < bestScore) {
      bestScore = score;
      best = cand;
    }
  }
  return bestScore <= limit ? best : undefined;
}
