// Resolving one set of answers, once: the overrides (`--set`) laid over what was read, checked
// against the field table, then against the catalogs (a GPU the hardware catalog knows). Every
// way in — decide, batch rows, rule cases, the questionnaire's answers and the library — resolves
// here and then decides, so no path checks the same answers twice or differently.
import { checkAnswers, type InputIssue } from '../answers/check.js';
import type { Answers } from '../answers/fields.js';
import { checkEstimateAnswers } from '../estimate/check.js';
import type { RuleSet } from '../rules/rule-set.js';

export type Resolution = { ok: true; answers: Answers; given: ReadonlySet<string> } | { ok: false; issues: InputIssue[] };

export function resolveAnswers(raw: unknown, rs: RuleSet, overrides: Readonly<Record<string, unknown>> = {}): Resolution {
  // No copy of the answers when nothing is laid over them (a batch without --set reads each row once).
  const overridden = Object.keys(overrides).length > 0 && raw !== null && typeof raw === 'object' && !Array.isArray(raw);
  const merged = overridden ? { ...(raw as object), ...overrides } : raw;
  const check = checkAnswers(merged);
  if (!check.ok) return { ok: false, issues: check.issues };
  const issues = checkEstimateAnswers(check.answers, rs.catalog.estimates);
  if (issues.length) return { ok: false, issues };
  return { ok: true, answers: check.answers, given: check.given };
}
