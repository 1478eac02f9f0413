// Gates a batch applies to every row (contract §3, exit 1). Pure.
//
// A gate looks at one result and says whether it fails. `--fail-on` lives here; the cost and
// time gates (`--max-cost`, `--max-weeks`, built on the estimates) plug in as further RowGates
// without the batch loop changing.
import { APPROACHES, type Approach } from './fields.js';
import type { Result } from './result.js';
import { closest } from './suggest.js';

export interface GateFailure {
  /** The flag that failed, e.g. "--fail-on heavy-fine-tune". */
  gate: string;
  message: string;
}

export type RowGate = (result: Result) => GateFailure | undefined;

/** `--fail-on APPROACH`: fails when the recommendation is that spot or further right. */
export function failOnGate(approach: Approach): RowGate {
  const limit = APPROACHES.indexOf(approach);
  const gate = `--fail-on ${approach}`;
  return (result) => {
    const { approach: got, position } = result.recommendation;
    if (position < limit) return undefined;
    return { gate, message: got === approach ? `the recommendation is ${got}` : `the recommendation is ${got}, further right than ${approach}` };
  };
}

export function checkRowGates(result: Result, gates: readonly RowGate[]): GateFailure[] {
  const failures: GateFailure[] = [];
  for (const g of gates) {
    const f = g(result);
    if (f) failures.push(f);
  }
  return failures;
}

/** Reads an approach given on the command line; undefined with a suggestion when it is not one. */
export function parseApproach(text: string): { approach?: Approach; suggestion?: string } {
  const t = text.trim();
  if ((APPROACHES as readonly string[]).includes(t)) return { approach: t as Approach };
  return { suggestion: closest(t, APPROACHES) };
}
