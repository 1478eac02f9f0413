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
  const lower = input.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const cand of candidates) {
    const cl = cand.toLowerCase();
    let score = distance(lower, cl);
    if (cl.startsWith(lower) || lower.startsWith(cl)) score = Math.min(score, 1);
    if (score < bestScore) {
      bestScore = score;
      best = cand;
    }
  }
  const limit = Math.max(2, Math.floor(input.length / 3));
  return bestScore <= limit ? best : undefined;
}
