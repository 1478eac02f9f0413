// The volume at which the recommendation changes because running costs outweigh building costs:
// an API used as-is is cheapest to build and dearest to run, a model of your own the other way
// round. Found on the same decision the result reports (rules, fitting, total), so the entry is
// true: with requestsPerMonth at that value, the answer is that spot.
import type { Answers, Approach } from '../answers/fields.js';
import type { WhatWouldChange } from '../result/result.js';

/** Largest volume searched: a trillion requests a month. */
const MAX_REQUESTS = 1e12;

/** Rounds up to two significant figures: a volume a person reads, still on the far side of the cross. */
const roundUp2 = (v: number) => {
  if (v <= 0) return v;
  const p = 10 ** (Math.floor(Math.log10(v)) - 1);
  return Math.ceil(v / p) * p;
};

/**
 * The nearest requestsPerMonth, above the current one (or below it, when the volume already moved
 * the answer), at which `decideAt` gives another spot; undefined when none does in range.
 */
export function crossover(answers: Answers, current: Approach, decideAt: (changed: Partial<Answers>) => Approach): WhatWouldChange | undefined {
  const now = answers.requestsPerMonth;
  if (now === undefined) return undefined;
  const at = (v: number) => decideAt({ requestsPerMonth: v });
  const search = (lo: number, hi: number, upward: boolean): number | undefined => {
    // Bisection in log space between a volume that gives `current` and one that does not.
    const far = upward ? hi : lo;
    if (at(far) === current) return undefined;
    let a = Math.log(Math.max(lo, 1));
    let b = Math.log(hi);
    for (let i = 0; i < 40 && b - a > 1e-4; i++) {
      const mid = (a + b) / 2;
      const same = at(Math.exp(mid)) === current;
      if (same === upward) a = mid;
      else b = mid;
    }
    return Math.exp(upward ? b : a);
  };
  const up = search(Math.max(now, 1), MAX_REQUESTS, true);
  let value: number | undefined;
  if (up !== undefined) {
    value = roundUp2(up);
    if (at(value) === current) value = Math.ceil(up);
  } else if (now > 1) {
    const down = search(1, now, false);
    if (down !== undefined) {
      const p = 10 ** (Math.floor(Math.log10(Math.max(down, 1))) - 1);
      value = Math.floor(down / p) * p;
      if (at(value) === current) value = Math.floor(down);
    }
  }
  if (value === undefined) return undefined;
  const approach = at(value);
  if (approach === current) return undefined;
  const more = value > now;
  return {
    field: 'requestsPerMonth',
    value,
    approach,
    text: `with ${value.toLocaleString('en-US')} requests a month ${more ? 'or more' : 'or fewer'} this becomes ${approach}: the total over ${answers.horizonMonths} months to build and run crosses there`,
  };
}
