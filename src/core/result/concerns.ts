// The answer fields a warning or a failed gate is about, most telling first: what a CI annotation
// points at (the line of that field in the answers file). Pure; io/render-github.ts locates them.
import { leavesOf } from '../rules/conditions.js';
import type { RuleSet } from '../rules/rule-set.js';
import type { GateFailure, Result, Warning } from './result.js';

/** Warnings the estimates raise (no rule behind them), and the answers they weigh. */
const ESTIMATE_WARNING_FIELDS: Record<string, string[]> = {
  'over-budget': ['budgetUsd'],
  'over-timeline': ['timelineWeeks'],
  'insufficient-data': ['labeledExamples', 'budgetUsd', 'timelineWeeks'],
  'gpu-memory': ['gpu', 'gpuCount', 'modelParams'],
  'stale-price': ['gpuHourlyUsd', 'engineerWeeklyUsd'],
};

const GATE_FIELDS: Record<GateFailure['gate'], string[]> = {
  'max-cost': ['budgetUsd'],
  'max-weeks': ['timelineWeeks'],
  'fail-on': [],
};

function ruleFields(rs: RuleSet, id: string | undefined): string[] {
  const rule = id === undefined ? undefined : rs.rules.find((r) => r.id === id);
  return rule ? leavesOf(rule.when, rs.defines).map((l) => l.field).filter((f) => f !== 'approach') : [];
}

const unique = (xs: string[]) => [...new Set(xs)];

export function warningFields(w: Warning, rs: RuleSet): string[] {
  return unique([...ruleFields(rs, w.rule), ...(ESTIMATE_WARNING_FIELDS[w.id] ?? [])]);
}

/** A gate on the spot is about the answers of the rules that chose it; a cost or time gate about the budget or timeline too. */
export function gateFields(g: GateFailure, result: Result, rs: RuleSet): string[] {
  return unique([...GATE_FIELDS[g.gate], ...result.rationale.flatMap((r) => ruleFields(rs, r.rule))]);
}
