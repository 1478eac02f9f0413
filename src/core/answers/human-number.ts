// Numbers as people write them (contract §4): `1,000`, `10k`, `2.5M`, `7B`, `1.4T`, `1e6`, and a
// leading `$` (or a trailing `USD`) for money. The same reading serves answers files, `--set`,
// CSV cells, prompts and numeric flags, and a number that can't be read gets a hint that fits the
// mistake made: a percentage, a range, a decimal comma, another currency, a word, a unit.
import type { FieldDef } from './fields.js';

/** A failed reading says what was expected and found, what the mistake looks like (when it is a known one), and what to do. */
export type NumberReading = { ok: true; value: number } | { ok: false; message: string; mistake?: string; hint: string };

export interface NumberKind {
  /** What the number is, for messages: "a budget in USD", "a count of labelled examples". */
  what?: string;
  /** What is expected, in the words of the field's bounds ("a whole number ≥ 0"); `what` when absent. */
  expected?: string;
  /** An example of a good answer, as it would be typed. */
  example: string;
  /** Money in USD: a leading `$`/`US$` or a trailing `USD` is allowed. */
  money?: boolean;
  /** A share between 0 and 1: `35%` reads as 0.35. */
  fraction?: boolean;
  /** A unit the value may be followed by (`12 weeks`, `100 ms`), and other units it can be converted from. */
  unit?: { names: string[]; from?: { names: string[]; factor: number; label: string }[] };
}

const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, g: 1e9, t: 1e12 };
const SUFFIX_WORDS: Record<string, number> = { thousand: 1e3, million: 1e6, mn: 1e6, mm: 1e6, billion: 1e9, bn: 1e9, trillion: 1e12 };
const NUMBER = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*([a-z]*)$/i;
const WORDS = /^(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|a few|a lot|many|some|several|lots)\b/i;

/**
 * The plain number in `text`, or undefined: digits with an optional k/M/B/T suffix, thousands
 * separated by commas (in groups of three), underscores or spaces. No currency, no unit.
 * Commas and spaces only group thousands (`1,5` is not 15), and a whole number too long to be
 * held exactly (9007199254740993) is refused rather than silently rounded.
 */
export function parseHumanNumber(text: string): number | undefined {
  const r = readNumber(text, { example: '' });
  return r.ok ? r.value : undefined;
}

function grouped(t: string): string | undefined {
  // 1,000 and 1,234,567.5 are thousands; 2,5 or 1,00 are not (a decimal comma, or a typo).
  if (!t.includes(',')) return t;
  const m = /^([+-]?)(\d{1,3}(?:,\d{3})+)(\.\d+)?((?![\d,]).*)$/.exec(t);
  return m ? m[1]! + m[2]!.replace(/,/g, '') + (m[3] ?? '') + m[4]! : undefined;
}

/** Reads one number as described by `kind`; says what is wrong in terms of the mistake. */
export function readNumber(input: string, kind: NumberKind): NumberReading {
  const what = kind.what ?? 'a number';
  const eg = kind.example;
  const found = input.trim();
  const fail = (mistake: string | undefined, hint: string): NumberReading => ({
    ok: false,
    message: `expected ${kind.expected ?? what}, found ${found === '' ? 'nothing' : JSON.stringify(found)}${mistake ? ` (${mistake})` : ''}`,
    ...(mistake ? { mistake } : {}),
    hint,
  });
  let t = found;
  if (t === '') return fail(undefined, `e.g. ${eg}`);
  // Currency first: $5k, US$5k, 5k USD, USD 5,000.
  const otherCurrency = /^[€£¥₹₩]|^(eur|gbp|jpy|chf|cad|aud|inr)\s*\d|\d\s*(eur|gbp|jpy|chf|cad|aud|inr|€|£|¥)$/i;
  if (otherCurrency.test(t)) return fail('another currency; figures here are in US dollars', `convert it to USD first, e.g. ${eg}`);
  const dollars = /^(?:us\$|\$|usd\s+)/i.exec(t) ?? /\s*(?:usd|us\$|\$)$/i.exec(t);
  if (dollars) {
    if (!kind.money) return fail(`an amount of money, but this is ${what}`, `write the number alone, e.g. ${eg}`);
    t = (dollars.index === 0 ? t.slice(dollars[0].length) : t.slice(0, dollars.index)).trim();
  }
  if (/^[~≈]|^(about|approx\.?|approximately|around|roughly|circa|ca\.)\s/i.test(t)) return fail('approximate', `give one figure, e.g. ${t.replace(/^[~≈]\s*|^\S+\s+/, '')}`);
  if (/^[<>≤≥]|\+$/.test(t)) return fail('a bound, not a figure', `give your best single figure, e.g. ${t.replace(/^[<>≤≥=]+\s*|\+$/g, '')}`);
  // A range: 5k-10k, 5k–10k, 5k to 10k.
  const range = /^(\S+?)\s*(?:-|–|—|\bto\b|\.\.)\s*(\S+)$/i.exec(t);
  if (range && !/^[+-]?\d*\.?\d+e[+-]?\d+$/i.test(t) && /\d/.test(range[1]!) && /\d/.test(range[2]!)) {
    return fail('a range', 'give one figure: the likely one, e.g. the middle of the range');
  }
  if (/%$/.test(t)) {
    const p = readNumber(t.slice(0, -1), { example: eg });
    if (kind.fraction && p.ok) return { ok: true, value: Number((p.value / 100).toPrecision(12)) };
    return kind.fraction ? p : fail(`a percentage, but this is ${what}`, `write the figure itself, e.g. ${eg}`);
  }
  if (WORDS.test(t)) return fail('words', `write it in digits, e.g. ${eg}`);
  t = t.replace(/_/g, '').replace(/(\d)\s(?=\d{3}\b)/g, '$1');
  const g = grouped(t);
  if (g === undefined) {
    const decimal = /^\d+,\d{1,2}$/.test(t);
    return decimal
      ? fail('a decimal comma?', `use a point for decimals (${t.replace(',', '.')}); commas only group thousands (1,000)`)
      : fail('thousands not in groups of three', 'write 1,000,000 or 1M');
  }
  const m = NUMBER.exec(g);
  if (!m) {
    return fail(undefined, /\d/.test(t) ? `write digits with an optional k, M, B or T, e.g. ${eg}` : `e.g. ${eg}`);
  }
  let n = Number(m[1]);
  const suffix = m[2]!.toLowerCase();
  if (suffix) {
    const unit = kind.unit;
    const from = unit?.from?.find((u) => u.names.includes(suffix));
    if (SUFFIX[suffix] !== undefined && suffix.length === 1) n *= SUFFIX[suffix]!;
    else if (SUFFIX_WORDS[suffix] !== undefined) n *= SUFFIX_WORDS[suffix]!;
    else if (unit?.names.includes(suffix)) {
      /* the field's own unit: 12 weeks */
    } else if (from) {
      return fail(`${from.label}, but this is in ${unit!.names[0]}`, `convert it: about ${formatShort(n * from.factor)} ${unit!.names[0]}`);
    } else {
      return fail(`unknown suffix "${m[2]}"`, `use k (thousand), M (million), B (billion) or T (trillion), e.g. ${eg}`);
    }
  }
  if (!Number.isFinite(n)) return fail('too large', `e.g. ${eg}`);
  // A whole number too long to be held exactly (9007199254740993) is refused, not silently rounded.
  if (!suffix && /^[+-]?\d+$/.test(m[1]!) && !Number.isSafeInteger(n) && BigInt(m[1]!) !== BigInt(n)) {
    return fail('too many digits to be read exactly', `round it, e.g. ${formatShort(n)} or with a suffix such as 9e15`);
  }
  // 2.5M must come out as 2500000, not 2499999.9999999995.
  return { ok: true, value: suffix ? Number(n.toPrecision(15)) : n };
}

function formatShort(n: number): string {
  return String(n >= 10 ? Math.round(n) : Math.round(n * 10) / 10);
}

export const WEEKS_UNIT = { names: ['weeks', 'week', 'wk', 'wks', 'w'], from: [{ names: ['months', 'month', 'mo'], factor: 4.35, label: 'months' }, { names: ['days', 'day', 'd'], factor: 1 / 7, label: 'days' }, { names: ['years', 'year', 'yr', 'y'], factor: 52, label: 'years' }] };
const MONTHS = { names: ['months', 'month', 'mo'], from: [{ names: ['years', 'year', 'yr', 'y'], factor: 12, label: 'years' }, { names: ['weeks', 'week', 'w'], factor: 1 / 4.35, label: 'weeks' }] };
const MS = { names: ['ms'], from: [{ names: ['s', 'sec', 'seconds', 'second'], factor: 1000, label: 'seconds' }] };

/** How a field's numbers are read: money, a share, a unit, and an example that fits the field. */
export function numberKindOf(f: FieldDef): NumberKind {
  const money = /Usd$/.test(f.name);
  const example = EXAMPLES[f.name] ?? (money ? '$50k' : f.kind === 'integer' ? '1,000' : '10k');
  return {
    what: WHAT[f.name] ?? (money ? 'an amount in USD' : f.kind === 'integer' ? 'a whole number' : 'a number'),
    example,
    money,
    fraction: f.max !== undefined && f.max <= 1,
    unit: f.name === 'timelineWeeks' ? WEEKS_UNIT : f.name === 'horizonMonths' ? MONTHS : f.name === 'latencyMs' ? MS : undefined,
  };
}

const EXAMPLES: Record<string, string> = {
  labeledExamples: '2,500', unlabeledExamples: '200k', budgetUsd: '$40k', timelineWeeks: '12', latencyMs: '100',
  modelParams: '7B', trainingTokens: '45M', trainingSamples: '50k', gpuCount: '8', gpuHourlyUsd: '$2.50', mfu: '0.35',
  engineerWeeklyUsd: '$4k', teamSize: '2', labelCostUsd: '$0.05', labelers: '3', requestsPerMonth: '1.5M', tokensPerRequest: '800', horizonMonths: '12',
};
const WHAT: Record<string, string> = {
  labeledExamples: 'a count of labelled examples', unlabeledExamples: 'a count of unlabelled examples', budgetUsd: 'a budget in USD',
  timelineWeeks: 'a number of weeks', latencyMs: 'milliseconds', modelParams: 'a parameter count', trainingTokens: 'a token count',
  trainingSamples: 'a sample count', gpuCount: 'a GPU count', gpuHourlyUsd: 'a price in USD', mfu: 'a share between 0 and 1',
  engineerWeeklyUsd: 'a weekly cost in USD', teamSize: 'a number of engineers', labelCostUsd: 'a price in USD', labelers: 'a number of people',
  requestsPerMonth: 'requests a month', tokensPerRequest: 'tokens per request', horizonMonths: 'a number of months',
};

/** Reads `text` as field `f` reads numbers; `expected` words the field's bounds for the message. */
export function readFieldNumber(f: FieldDef, text: string, expected?: string): NumberReading {
  return readNumber(text, { ...numberKindOf(f), expected });
}
