// Number formatting without Intl: the first toLocaleString call loads ICU data and costs about
// 17 ms of start-up, more than the whole decision. Written without regular expressions too: a
// batch formats a few dozen numbers per row, and this was its hottest function.

function group(int: string): string {
  if (int.length <= 3) return int;
  const head = int.length % 3 || 3;
  let out = int.slice(0, head);
  for (let i = head; i < int.length; i += 3) out += ',' + int.slice(i, i + 3);
  return out;
}

/** 1234567.5 → "1,234,567.5"; keeps up to `digits` decimals, trimming zeros. */
export function formatNumber(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  const sign = n < 0 ? '-' : '';
  // toFixed switches to exponent notation from 1e21: say it that way, three digits, no grouping.
  if (a >= 1e21) return sign + a.toPrecision(3).replace('e+', 'e');
  if (Number.isInteger(a) && a < 1e21) return sign + group(a < 1000 ? String(a) : a.toFixed(0));
  const fixed = a.toFixed(digits);
  const dot = fixed.indexOf('.');
  if (dot < 0) return (fixed === '0' ? '' : sign) + group(fixed);
  let end = fixed.length;
  while (end > dot + 1 && fixed.charCodeAt(end - 1) === 48) end--;
  const frac = end > dot + 1 ? fixed.slice(dot, end) : '';
  const int = group(fixed.slice(0, dot));
  return (sign && (int !== '0' || frac) ? sign : '') + int + frac;
}
