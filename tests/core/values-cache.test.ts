import { describe, expect, it } from 'vitest';
import { ValuesCache } from '../../src/core/catalog/values-cache.js';

describe('ValuesCache', () => {
  it('makes a result once per combination of values, and tells values apart by identity', () => {
    const cache = new ValuesCache<string>();
    let made = 0;
    const get = (vs: unknown[]) => cache.get(vs, () => `${++made}:${vs.map(String).join('|')}`);
    expect(get(['a', 'b'])).toBe('1:a|b');
    expect(get(['a', 'b'])).toBe('1:a|b');
    // A key string would have made these two one entry: "undefined" and undefined, "1" and 1.
    expect(get(['a', undefined])).toBe('2:a|undefined');
    expect(get(['a', 'undefined'])).toBe('3:a|undefined');
    expect(get([1, 'b'])).toBe('4:1|b');
    expect(get(['1', 'b'])).toBe('5:1|b');
    // Different lengths share a prefix without mixing their results.
    expect(get(['a'])).toBe('6:a');
    expect(made).toBe(6);
  });

  it('keeps an undefined result (a lookup that found nothing is not made again)', () => {
    const cache = new ValuesCache<number | undefined>();
    let made = 0;
    for (let i = 0; i < 3; i++) expect(cache.get(['x'], () => (made++, undefined))).toBeUndefined();
    expect(made).toBe(1);
  });

  it('stops keeping results past its limit but still answers', () => {
    const cache = new ValuesCache<number>(2);
    let made = 0;
    const get = (v: number) => cache.get([v, v], () => (made++, v * 10));
    expect([get(1), get(2), get(3), get(3), get(1)]).toEqual([10, 20, 30, 30, 10]);
    // 1 and 2 are kept; 3 is made each time.
    expect(made).toBe(4);
  });
});
