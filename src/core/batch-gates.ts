// Gates a batch applies to every row (contract §3, exit 1). Pure.
//
// A gate looks at one result and lists what failed. `--fail-on` lives here; the cost and time
// gates (`--max-cost`, `--max-weeks`, from the estimates) plug in as one more RowGate,
// `(r) => checkGates(r, { maxCost, maxWeeks })`, without the batch loop changing.
import { APPROACHES, type Approach } from './fields.js';
import type { Result } from './result.js';
import { closest } from './suggest.js';

/** A failed gate: the same shape as `checkGates` in gates.ts (estimates), so either can feed batch. */
export interface GateFailure {
  gate: 'max-cost' | 'max-weeks' | 'fail-on';
  /** Starts with the flag, e.g. "--fail-on heavy-fine-tune: the recommendation is train-from-scratch". */
  message: string;
}

/** One check of one result; a batch runs every gate on every valid row. */
export type RowGate = (result: Result) => GateFailure[];

/** `--fail-on APPROACH`: fails when the recommendation is that spot or further right. */
export function failOnGate(approach: Approach): RowGate {
  const limit = APPROACHES.indexOf(approach);
  return (result) => {
    const { approach: got, position } = result.recommendation;
    return position < limit ? [] : [{ gate: 'fail-on', message: `--fail-on ${approach}: the recommendation is ${got}` }];
  };
}

/** The flag and its value, e.g. "--fail-on heavy-fine-tune": the message up to its colon. */
export function gateLabel(g: GateFailure): string {
  const colon = g.message.indexOf(':');
  return colon > 0 ? g.message.slice(0, colon) : `--${g.gate}`;
}

export function checkRowGates(result: Result, gates: readonly RowGate[]): GateFailure[] {
  return gates.flatMap((g) => g(result));
}

/** Reads an approach given on the command line; undefined with a suggestion when it is not one. */
export function parseApproach(text: string): { approach?: Approach; suggestion?: string } {
  const t = text.trim();
  if ((APPROACHES as readonly string[]).includes(t)) return { approach: t as Approach };
  return { suggestion: closest(t, APPROACHES) };
}
