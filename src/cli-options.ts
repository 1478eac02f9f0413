// One table of the command-line flags. Each flag is defined once — its spelling, help text,
// choices and kind of value — and each command lists the flags it takes; program.ts builds the
// commander tree from this table and the commands' option types are derived from it, so a flag
// means the same in decide, batch and rules and its type cannot drift from its definition.
import { BATCH_INPUT_FORMATS, BATCH_OUTPUT_FORMATS, COMPARE_FORMATS, DECIDE_FORMATS, RULES_TEST_FORMATS } from './io/formats.js';

export type FlagValue = 'string' | 'list' | 'boolean';

export interface FlagDef {
  /** Commander's spelling: '-s, --set <field=value>', '--no-color'. */
  flags: string;
  description: string;
  value: FlagValue;
  choices?: readonly string[];
}

export const FLAGS = {
  answers: { flags: '-a, --answers <file>', value: 'string', description: 'answers as JSON or YAML; - reads standard input' },
  decideFormat: { flags: '-f, --format <format>', value: 'string', choices: DECIDE_FORMATS, description: 'output format; markdown is a decision record for a pull request, html a page to share' },
  compareFormat: { flags: '-f, --format <format>', value: 'string', choices: COMPARE_FORMATS, description: 'output format; markdown is a table for a pull-request comment' },
  vary: { flags: '--vary <field=v1,v2>', value: 'list', description: 'one column per value of FIELD (repeatable: every combination); values split at commas, or at ; when they hold commas' },
  force: { flags: '--force', value: 'boolean', description: 'with --save: replace the file if it exists' },
  batchFormat: { flags: '-f, --format <format>', value: 'string', choices: BATCH_OUTPUT_FORMATS, description: 'output format (default: table on a terminal, else jsonl; with --output, from its extension)' },
  rulesTestFormat: { flags: '-f, --format <format>', value: 'string', choices: RULES_TEST_FORMATS, description: 'output format; junit is one test case per case, for a CI test report' },
  inputFormat: { flags: '--input-format <format>', value: 'string', choices: BATCH_INPUT_FORMATS, description: 'input format, when the file name does not say' },
  fields: { flags: '--fields <paths>', value: 'list', description: 'jsonl/json: keep only these parts of each result, as dotted paths of `schema result`, comma-separated (repeatable), e.g. recommendation,spectrum.cost; rows keep "row", errors and failed gates' },
  json: { flags: '--json', value: 'boolean', description: 'the same as --format json' },
  set: { flags: '-s, --set <field=value>', value: 'list', description: 'supply or override one answer (repeatable)' },
  rules: { flags: '--rules <file>', value: 'list', description: 'a rule file layered on the built-in set (repeatable)' },
  explain: { flags: '--explain', value: 'boolean', description: 'include the full rule trace: every rule, whether it matched, and each condition' },
  maxCost: { flags: '--max-cost <usd>', value: 'string', description: 'exit 1 when the recommended spot would likely cost more than this' },
  maxWeeks: { flags: '--max-weeks <n>', value: 'string', description: 'exit 1 when the recommended spot would likely take longer than this' },
  failOn: { flags: '--fail-on <approach>', value: 'string', description: 'exit 1 when the recommendation is this spot or one further right (a classical model on your own rows counts as feature-extraction)' },
  asOf: { flags: '--as-of <yyyy-mm>', value: 'string', description: "judge the age of prices against this month (default: the catalog's evaluatedOn)" },
  save: { flags: '--save <file>', value: 'string', description: 'save the answers to a YAML file (asks before replacing one on a terminal)' },
  output: { flags: '-o, --output <file>', value: 'string', description: 'write to FILE (atomically: complete, or not at all) instead of standard output' },
  quiet: { flags: '-q, --quiet', value: 'boolean', description: 'no progress and no summary on standard error' },
  input: { flags: '--no-input', value: 'boolean', description: 'never prompt; missing required answers are an error' },
  color: { flags: '--no-color', value: 'boolean', description: 'plain output' },
  coverage: { flags: '--coverage', value: 'boolean', description: 'report which rules the cases exercise (a rule counts when it matched in some case)' },
  verbose: { flags: '-v, --verbose', value: 'boolean', description: 'list passing cases too' },
  strict: { flags: '--strict', value: 'boolean', description: 'fail on warnings too' },
  layersOnly: { flags: '--layers-only', value: 'boolean', description: 'only findings about rules in your layers (the project file and --rules), not the built-in set' },
} as const satisfies Record<string, FlagDef>;

export type FlagName = keyof typeof FLAGS;

/** A command's use of a flag: its name, with the command's own help text where it differs. */
export type FlagUse = FlagName | readonly [FlagName, string];

/** The flags of each command, in the order --help lists them. */
export const COMMAND_FLAGS = {
  decide: [
    'answers', 'decideFormat', 'json', 'set', 'rules', 'explain', 'maxCost', 'maxWeeks', 'failOn', 'asOf', 'save', 'force', 'input', 'color',
    ['verbose', 'text output: after the opening screen, the three questions, the reasons, the other spots, where to start, what would change and the assumptions'],
  ],
  compare: [
    'compareFormat', 'json', 'vary', ['set', 'supply or override one answer in every column (repeatable)'], 'rules',
    ['maxCost', "exit 1 when any column's recommended spot would likely cost more than this"],
    ['maxWeeks', "exit 1 when any column's recommended spot would likely take longer than this"],
    ['failOn', 'exit 1 when any column lands on this spot or further right'],
    'asOf', 'color',
  ],
  batch: [
    'inputFormat', 'batchFormat', 'json', 'fields', 'output',
    ['failOn', 'exit 1 when any row lands on this spot or further right, e.g. heavy-fine-tune (a classical model on your own rows counts as feature-extraction)'],
    ['maxCost', "exit 1 when any row's recommended spot would likely cost more than this"],
    ['maxWeeks', "exit 1 when any row's recommended spot would likely take longer than this"],
    ['set', 'supply or override one answer in every row (repeatable)'],
    'rules', 'quiet',
    ['input', 'accepted for symmetry with decide: batch never prompts'],
    'color',
  ],
  'rules validate': [['json', 'print the outcome as JSON']],
  'rules test': ['rules', 'coverage', 'verbose', 'rulesTestFormat', ['json', 'the same as --format json'], 'color'],
  'rules lint': ['rules', 'strict', 'layersOnly', ['json', 'print the findings as JSON'], 'color'],
  'rules show': ['rules', ['json', 'print the rule set as JSON'], 'color'],
} as const satisfies Record<string, readonly FlagUse[]>;

type NameOf<U> = U extends readonly [infer N, string] ? N : U;
/** The property commander sets for a flag: camelCase of the long name, without `no-`. */
type PropertyOf<N extends FlagName> = N extends 'decideFormat' | 'batchFormat' | 'compareFormat' | 'rulesTestFormat' ? 'format' : N;
type ValueOf<D> = D extends { value: 'list' } ? string[] : D extends { value: 'boolean' } ? boolean : D extends { choices: readonly (infer C)[] } ? C | (string & {}) : string;

/** The options object commander hands a command's action, typed from the table. */
export type OptionsOf<C extends keyof typeof COMMAND_FLAGS> = {
  [U in (typeof COMMAND_FLAGS)[C][number] as PropertyOf<NameOf<U> & FlagName>]?: ValueOf<(typeof FLAGS)[NameOf<U> & FlagName]>;
};
