// Rule test cases: answers plus the expected result, checked against a rule set. Used by
// `ml-advisor rules test` and by the project's own test suite.
import type { InputIssue } from '../answers/check.js';
import type { Answers } from '../answers/fields.js';
import { resolveAnswers } from './resolve.js';
import { APPROACHES, type Approach } from '../answers/fields.js';
import { decide } from '../decide/decide.js';
import type { RuleSet } from '../rules/rule-set.js';
import type { Confidence } from '../result/result.js';

/** [min, max] bounds on a likely figure of the recommended spot. */
export type Bounds = [number, number];
const BOUND_KEYS = ['costUsd', 'weeks', 'runningUsd', 'labelingUsd'] as const;

export interface RuleCase {
  name: string;
  /** Where the expected figures come from (a paper, a price list, a practitioner's account). */
  source?: string;
  answers: Record<string, unknown>;
  expect: {
    /** The spot; optional when the case bounds figures or rules spots out instead. */
    approach?: Approach;
    /** Spots the recommendation must not be. */
    approachNot?: Approach[];
    /** Likely cost, weeks, running cost a month and labelling cost of the recommended spot. */
    costUsd?: Bounds;
    weeks?: Bounds;
    runningUsd?: Bounds;
    labelingUsd?: Bounds;
    confidence?: Confidence;
    /** The exact set of warning ids (order does not matter). */
    warnings?: string[];
    /** Warning ids that must be among the warnings. */
    warningsInclude?: string[];
    /** Warning ids that must not be among the warnings. */
    warningsExclude?: string[];
  };
}

/** A case whose answers resolved when the file was checked: running it decides without checking again. */
export interface CheckedCase extends RuleCase {
  resolved: { answers: Answers; given: ReadonlySet<string> };
}

export interface CaseOutcome {
  name: string;
  pass: boolean;
  /** One line per mismatch: what was expected and what came out. */
  failures: string[];
  actual?: { approach: Approach; confidence: Confidence; warnings: string[]; rules: string[] };
  /** With `trace`: every enabled rule whose conditions held (for coverage), and "default" when it decided. */
  matched?: string[];
}

/** Checks the shape of a cases document; returns the cases or issues with paths. */
export function checkCases(doc: unknown, rs: RuleSet): { cases?: CheckedCase[]; issues: InputIssue[] } {
  const issues: InputIssue[] = [];
  if (!doc || typeof doc !== 'object' || Array.isArray(doc) || !Array.isArray((doc as { cases?: unknown }).cases)) {
    return { issues: [{ path: [], message: 'a test file is a mapping with `cases:`, a list of { name, answers, expect }', hint: 'see rules/tests/scenarios.yaml' }] };
  }
  const cases = (doc as { cases: unknown[] }).cases;
  const checked: CheckedCase[] = [];
  cases.forEach((c, i) => {
    const o = c as Record<string, unknown>;
    if (!o || typeof o !== 'object') return issues.push({ path: ['cases', i], message: 'a case is a mapping with name, answers and expect' });
    for (const k of Object.keys(o)) if (!['name', 'source', 'answers', 'expect'].includes(k)) issues.push({ path: ['cases', i, k], message: `unknown key "${k}"`, hint: 'a case has name, source, answers and expect' });
    if (typeof o.name !== 'string' || !o.name) issues.push({ path: ['cases', i, 'name'], message: 'a case needs a name' });
    if (!o.answers || typeof o.answers !== 'object') issues.push({ path: ['cases', i, 'answers'], message: 'a case needs answers (a mapping)' });
    else {
      const resolved = resolveAnswers(o.answers, rs);
      if (!resolved.ok) for (const is of resolved.issues) issues.push({ ...is, path: ['cases', i, 'answers', ...is.path] });
      else checked.push({ ...(o as unknown as RuleCase), resolved: { answers: resolved.answers, given: resolved.given } });
    }
    const e = o.expect as Record<string, unknown> | undefined;
    if (!e || typeof e !== 'object') issues.push({ path: ['cases', i, 'expect'], message: 'a case needs expect: { approach: … }' });
    else {
      for (const k of Object.keys(e)) if (!['approach', 'approachNot', 'confidence', 'warnings', 'warningsInclude', 'warningsExclude', ...BOUND_KEYS].includes(k)) issues.push({ path: ['cases', i, 'expect', k], message: `unknown key "${k}"`, hint: `expect has approach, approachNot, confidence, warnings, warningsInclude, warningsExclude, ${BOUND_KEYS.join(', ')}` });
      const bounded = BOUND_KEYS.some((k) => e[k] !== undefined) || e.approachNot !== undefined;
      if ((e.approach !== undefined || !bounded) && !(APPROACHES as readonly unknown[]).includes(e.approach)) issues.push({ path: ['cases', i, 'expect', 'approach'], message: `expected one of ${APPROACHES.join(', ')}, found ${JSON.stringify(e.approach)}` });
      if (e.approachNot !== undefined && (!Array.isArray(e.approachNot) || !e.approachNot.every((a) => (APPROACHES as readonly unknown[]).includes(a)))) issues.push({ path: ['cases', i, 'expect', 'approachNot'], message: `approachNot is a list of spots (${APPROACHES.join(', ')})` });
      for (const k of BOUND_KEYS) {
        const b = e[k];
        if (b !== undefined && !(Array.isArray(b) && b.length === 2 && b.every((x) => typeof x === 'number' && Number.isFinite(x)) && (b[0] as number) <= (b[1] as number))) issues.push({ path: ['cases', i, 'expect', k], message: `${k} is [min, max], two numbers with min ≤ max`, hint: `e.g. ${k}: [1000, 20000]` });
      }
      if (e.confidence !== undefined && !['high', 'medium', 'low'].includes(e.confidence as string)) issues.push({ path: ['cases', i, 'expect', 'confidence'], message: 'confidence is high, medium or low' });
      for (const k of ['warnings', 'warningsInclude', 'warningsExclude']) {
        if (e[k] !== undefined && (!Array.isArray(e[k]) || !(e[k] as unknown[]).every((w) => typeof w === 'string'))) issues.push({ path: ['cases', i, 'expect', k], message: `${k} is a list of warning ids` });
      }
    }
  });
  return issues.length ? { issues } : { cases: checked, issues };
}

export function runCase(c: CheckedCase, rs: RuleSet, opts: { trace?: boolean } = {}): CaseOutcome {
  const r = decide(c.resolved.answers, rs, { given: c.resolved.given, explain: opts.trace });
  const warnings = r.warnings.map((w) => w.id);
  const failures: string[] = [];
  const e = c.expect;
  if (e.approach !== undefined && r.recommendation.approach !== e.approach) failures.push(`approach: expected ${e.approach}, got ${r.recommendation.approach} (by ${r.rationale.map((x) => x.rule).join(', ')})`);
  if (e.approachNot?.includes(r.recommendation.approach)) failures.push(`approach: expected not ${e.approachNot.join(' or ')}, got ${r.recommendation.approach} (by ${r.rationale.map((x) => x.rule).join(', ')})`);
  const rec = r.spectrum.find((x) => x.approach === r.recommendation.approach);
  const figures: Record<(typeof BOUND_KEYS)[number], number | undefined> = {
    costUsd: rec?.cost?.likely,
    weeks: rec?.time?.likely,
    runningUsd: rec?.running?.likely,
    labelingUsd: rec?.cost ? rec.cost.breakdown.labeling + (rec.cost.breakdown.evaluation ?? 0) : undefined,
  };
  for (const k of BOUND_KEYS) {
    const b = e[k];
    if (!b) continue;
    const v = figures[k];
    if (v === undefined) failures.push(`${k}: expected ${b[0]}–${b[1]}, but ${r.recommendation.approach} has no such figure`);
    else if (v < b[0] || v > b[1]) failures.push(`${k}: expected ${b[0]}–${b[1]}, got ${v} (${r.recommendation.approach})`);
  }
  if (e.confidence && r.recommendation.confidence !== e.confidence) failures.push(`confidence: expected ${e.confidence}, got ${r.recommendation.confidence}`);
  if (e.warnings) {
    const want = [...e.warnings].sort();
    const got = [...warnings].sort();
    if (want.join() !== got.join()) failures.push(`warnings: expected [${want.join(', ')}], got [${got.join(', ')}]`);
  }
  for (const w of e.warningsInclude ?? []) if (!warnings.includes(w)) failures.push(`warnings: expected to include ${w}, got [${warnings.join(', ')}]`);
  for (const w of e.warningsExclude ?? []) if (warnings.includes(w)) failures.push(`warnings: expected not to include ${w}`);
  return {
    name: c.name,
    pass: failures.length === 0,
    failures,
    actual: { approach: r.recommendation.approach, confidence: r.recommendation.confidence, warnings, rules: r.rationale.map((x) => x.rule).concat(r.warnings.map((w) => w.rule ?? '')).filter(Boolean) },
    ...(r.trace ? { matched: r.trace.filter((t) => t.matched).map((t) => t.rule).concat(r.rationale[0]?.rule === 'default' ? ['default'] : []) } : {}),
  };
}
