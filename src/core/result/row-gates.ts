// Gates a batch applies to every row (contract §3, exit 1). Pure. A gate looks at one result and
// lists what failed; the judging itself is gates.ts, shared with decide.
import type { Approach } from '../answers/fields.js';
import type { Result } from './result.js';
import type { DecisionSummary } from './summary.js';
import { checkGates, type GateFailure, type Gates } from './gates.js';

export type { GateFailure };

/** One check of one result; a batch runs every gate on every valid row. */
export type RowGate = (judged: Result | DecisionSummary) => GateFailure[];

/** The gates asked for (`--fail-on`, `--max-cost`, `--max-weeks`) as one row gate. */
export function gatesFor(gates: Gates): RowGate {
  return (result) => checkGates(result, gates);
}

/** `--fail-on APPROACH`: fails when the recommendation is that spot or further right. */
export function failOnGate(approach: Approach): RowGate {
  return gatesFor({ failOn: approach });
}

/** The flag and its value, e.g. "--fail-on heavy-fine-tune": the message up to its colon. */
export function gateLabel(g: GateFailure): string {
  const colon = g.message.indexOf(':');
  return colon > 0 ? g.message.slice(0, colon) : `--${g.gate}`;
}

export function checkRowGates(judged: Result | DecisionSummary, gates: readonly RowGate[]): GateFailure[] {
  return gates.flatMap((g) => g(judged));
}
