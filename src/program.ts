// The commander tree, built from injected I/O. No business logic: each action calls a command.
import { Argument, Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IO } from './io/io.js';
import { packageRoot } from './io/rules-files.js';
// decide is the hot path (CI runs it on every build): loaded up front, not as a separate chunk.
import { runDecide } from './commands/decide.js';
import { COMMAND_FLAGS, FLAGS } from './cli-options.js';
import { SCHEMA_KINDS } from './io/formats.js';

export interface RunState {
  exitCode: number;
  debug: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Adds a command's flags from the one table of flags (cli-options.ts). */
function withFlags(cmd: Command, command: keyof typeof COMMAND_FLAGS): Command {
  for (const use of COMMAND_FLAGS[command]) {
    const [name, description] = typeof use === 'string' ? [use, undefined] : use;
    const def = FLAGS[name];
    const option = new Option(def.flags, description ?? def.description);
    if ('choices' in def) option.choices(def.choices);
    if (def.value === 'list') option.argParser(collect);
    cmd.addOption(option);
  }
  return cmd;
}

/** The version the build wrote into the bundle (scripts/build.mjs); absent when run from the sources. */
declare const __ML_ADVISOR_VERSION__: string | undefined;

export function packageVersion(): string {
  // Every run registers --version: reading package.json for it cost each start half a millisecond.
  if (typeof __ML_ADVISOR_VERSION__ === 'string') return __ML_ADVISOR_VERSION__;
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

const DECIDE_HELP = `
Examples:
  $ ml-advisor decide                                  # answer the questions on a terminal
  $ ml-advisor decide --save answers.yaml              # ... and keep the answers for CI
  $ ml-advisor decide --answers examples/support-tickets.yaml
  $ ml-advisor decide --answers answers.json --json | jq .recommendation
  $ cat answers.yaml | ml-advisor decide --answers - --format yaml
  $ ml-advisor decide --set task=sentiment-analysis --set existingModel=exact --no-input
  $ ml-advisor decide --answers answers.yaml --rules company-rules.yaml --explain
  $ ml-advisor decide --answers answers.yaml --max-cost 50000 --max-weeks 12 --json
  $ ml-advisor decide --answers answers.yaml --fail-on train-from-scratch
  $ ml-advisor decide --answers answers.yaml --fail-on heavy-fine-tune --format github   # annotations in GitHub Actions
  $ ml-advisor decide --answers answers.yaml --format markdown > docs/decisions/0007-ticket-router.md

Exit codes: 0 done, 1 a gate failed, 2 usage error, 3 invalid answers or rules, 4 internal error,
5 the output could not be written (full disk, closed pipe), 130 interrupted (143 SIGTERM, 129 SIGHUP).`;

const BATCH_HELP = `
Examples:
  $ ml-advisor batch examples/portfolio.csv                       # a table on a terminal
  $ ml-advisor batch examples/portfolio.csv --format csv -o decisions.csv
  $ ml-advisor batch examples/portfolio.jsonl --fail-on heavy-fine-tune > results.jsonl
  $ cat scenarios.jsonl | ml-advisor batch - --format json | jq '.[].recommendation.approach'
  $ ml-advisor batch examples/portfolio.jsonl --fields recommendation.approach,spectrum.cost.likely,warnings.id
  $ ml-advisor batch scenarios.yaml --set budgetUsd=50000 --format markdown >> "$GITHUB_STEP_SUMMARY"
  $ ml-advisor batch examples/portfolio.csv --fail-on train-from-scratch -o report.xml    # JUnit for a CI test report

Every input row gets exactly one output row, in input order, with "row" (1-based; blank lines
are not rows). An invalid row is {"row": N, "error": {"message", "path", "line", ...}} and the
batch goes on. A summary (rows, rows per spot, invalid rows) goes to standard error.

--fields PATHS (jsonl, json; the default format then is jsonl) keeps only those parts of each
result, nested as in the full result and in the order given: "spectrum.cost" is
{"spectrum": [{"cost": …}, …]}, one per spot. Paths are those of "ml-advisor schema result";
"row", an invalid row's "error" and, with gates, "failedGates" are always kept.

Exit codes: 0 every row valid and no gate failed; 1 a gate failed (--fail-on); 3 one or more
invalid rows — this wins over 1, because a gate that saw only the valid rows has not judged the
whole batch; 2 usage error (also an --output that is a folder, a link, a device or the input);
4 internal error, also in one row (its line says so and the other rows are decided) — this wins
over 3 and 1; 5 the output could not be written (full disk, closed pipe); 130 interrupted (Ctrl-C;
143 SIGTERM, 129 SIGHUP: every row written so far is complete; with --output they are kept in
FILE.partial, or FILE.partial.2 when an earlier one is there, and FILE is left as it was). A row
longer than 1 MB is that row's error (README, "Limits").`;

const COMPARE_HELP = `
Examples:
  $ ml-advisor compare ai/ticket-router.yaml ai/ticket-router-v2.yaml
  $ ml-advisor compare answers.yaml --vary labeledExamples=500,5000      # what if we labelled more?
  $ ml-advisor compare answers.yaml --vary budgetUsd=20k,50k,100k --vary mlExpertise=some,strong
  $ ml-advisor compare a.yaml b.yaml --json | jq '.[] | {label: .label, approach: .recommendation.approach}'
  $ ml-advisor compare a.yaml b.yaml --format markdown >> "$GITHUB_STEP_SUMMARY"
  $ ml-advisor compare a.yaml b.yaml --max-cost 50k --fail-on train-from-scratch

Each column is decided exactly as \`decide\` decides it (the same --set, --rules and gates).
--json prints a list: each result of \`decide --json\` with its "label" first, and "failedGates"
when a gate failed on it.

Exit codes: 0 done, 1 a gate failed on any column, 2 usage error, 3 invalid answers or rules, 4 internal error.`;

/**
 * `ml-advisor -v` prints the version, as people expect. Commander reads a program option anywhere
 * on the line, so -v cannot be a program option without taking `rules test -v` (--verbose) away
 * from the commands: it is read as --version only where it stands before the command.
 */
export function versionAlias(argv: readonly string[]): string[] {
  const out = [...argv];
  for (let i = 2; i < out.length && out[i]!.startsWith('-'); i++) if (out[i] === '-v') out[i] = '--version';
  return out;
}

/** The commands under the program, in the order --help lists them. */
export const COMMAND_NAMES = ['decide', 'compare', 'batch', 'schema', 'calibrate', 'rules', 'completion'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** Adds one command (and what is under it) to the program. */
type AddCommand = (program: Command, io: IO, state: RunState) => void;

/**
 * The one command a command line needs built, when it is sure to need no other: it names a
 * command first, and asks for no help (whose text lists the commands) and no completion script
 * (which reads the whole tree). Building only that command keeps about a tenth of commander's
 * work out of every start; anything else (no command, a misspelt one and its "did you mean")
 * builds the whole tree.
 */
export function commandToBuild(argv: readonly string[]): CommandName | undefined {
  const name = argv[2];
  if (name === undefined || name === 'completion' || !(COMMAND_NAMES as readonly string[]).includes(name)) return undefined;
  // -h may stand among other short flags (-vh).
  if (argv.slice(3).some((a) => a === '--help' || /^-[^-]*h/.test(a))) return undefined;
  return name as CommandName;
}

/** The commander tree; `only` builds the program with just that command under it (see commandToBuild). */
export function buildProgram(io: IO, state: RunState, only?: CommandName): Command {
  const program = new Command('ml-advisor');
  program
    .description('Where to stand on the spectrum from using a pre-trained model as-is to training from scratch — with the reasons, the warnings, and where to start.')
    .version(packageVersion(), '-V, --version', 'print the version (-v before any command does too)')
    .option('--debug', 'print stack traces for internal errors')
    .showSuggestionAfterError(true)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(s.startsWith('error:') ? s : `error: ${s}`),
    })
    .addHelpText('after', `
Examples:
  $ ml-advisor decide
  $ ml-advisor decide --answers examples/support-tickets.yaml --json
  $ ml-advisor schema answers > answers.schema.json

Run "ml-advisor <command> --help" for a command's flags and examples.`);
  program.hook('preAction', (cmd) => {
    state.debug = Boolean(cmd.opts().debug);
  });

  for (const name of COMMAND_NAMES) if (only === undefined || only === name) ADD_COMMAND[name](program, io, state);
  return program;
}

function addDecide(program: Command, io: IO, state: RunState): void {
  withFlags(program.command('decide'), 'decide')
    .description('One decision: answers in, a recommended spot on the spectrum out, with cost, reasons and warnings.')
    .addHelpText('after', DECIDE_HELP)
    .action(async (opts) => {
      state.exitCode = await runDecide(opts, io);
    });
}

function addCompare(program: Command, io: IO, state: RunState): void {
  withFlags(program.command('compare'), 'compare')
    .description('Several decisions side by side: two or more answers files, or one with --vary FIELD=V1,V2,… — spot, cost, time, warnings and the answers that differ.')
    .argument('<file...>', 'answers files (JSON or YAML); - reads one from standard input')
    .addHelpText('after', COMPARE_HELP)
    .action(async (files: string[], opts) => {
      const { runCompare } = await import('./commands/compare.js');
      state.exitCode = await runCompare(files, opts, io);
    });
}

function addBatch(program: Command, io: IO, state: RunState): void {
  withFlags(program.command('batch'), 'batch')
    .description('Many decisions: one row of answers in, one result row out, in input order. Invalid rows get an error row and the batch goes on.')
    .argument('<file>', 'rows of answers: .jsonl, .json (a list), .yaml (a list) or .csv (a header row of field names); - reads JSON Lines from standard input')
    .addHelpText('after', BATCH_HELP)
    .action(async (file: string, opts) => {
      const { runBatch } = await import('./commands/batch.js');
      state.exitCode = await runBatch(file, opts, io, state.debug);
    });
}

function addSchema(program: Command, io: IO, state: RunState): void {
  program
    .command('schema')
    .description('Print a JSON Schema: of the answers (validate answer files, editor completion), of the result (validate what decide and batch print), or of a rule file.')
    .addArgument(new Argument('<kind>', 'answers, result, compact (a batch --format compact row) or rules').choices(SCHEMA_KINDS))
    .addHelpText('after', `
Examples:
  $ ml-advisor schema answers > answers.schema.json
  $ ml-advisor schema rules > rules.schema.json
  # in VS Code, map them in settings: "yaml.schemas": { "./answers.schema.json": "answers*.yaml", "./rules.schema.json": ".ml-advisor.yaml" }
  $ ml-advisor schema result > result.schema.json
  $ ml-advisor decide --answers answers.yaml --json > result.json
  $ npx ajv-cli@5 validate --spec=draft2020 --allow-union-types -s result.schema.json -d result.json`)
    .action(async (kind: string) => {
      const { runSchema } = await import('./commands/schema.js');
      state.exitCode = await runSchema(kind, io);
    });
}

function addCalibrate(program: Command, io: IO, state: RunState): void {
  program
    .command('calibrate')
    .description('Scale the effort (and MFU) estimates to your own past projects: prints a rules layer to use with --rules.')
    .argument('<file>', "past projects: .jsonl, .json, .yaml or .csv; each row a project's answers plus actual: { approach, weeks, costUsd, gpuHours } (CSV: actual.weeks columns)")
    .addOption(new Option('--input-format <format>', 'input format, when the file name does not say').choices(['jsonl', 'json', 'yaml', 'csv']))
    .option('-o, --output <file>', 'write the layer to FILE instead of standard output')
    .option('--rules <file>', 'rule files the estimates start from (repeatable)', collect)
    .option('-q, --quiet', 'no report on standard error')
    .addHelpText('after', `
Examples:
  $ ml-advisor calibrate examples/past-projects.csv -o calibrated.yaml
  $ ml-advisor decide --answers examples/support-tickets.yaml --rules calibrated.yaml

A figure rests on at least 3 projects; fewer, or projects that contradict each other, are
reported on standard error and left out of the layer. See docs/calibrate.md.`)
    .action(async (file: string, opts) => {
      const { runCalibrate } = await import('./commands/calibrate.js');
      state.exitCode = await runCalibrate(file, opts, io);
    });
}

function addCompletion(program: Command, io: IO, state: RunState): void {
  program
    .command('completion')
    .description('Print a shell completion script for bash, zsh or fish: commands, flags, formats, --set fields and their values, GPU ids.')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .addHelpText('after', `
Examples:
  $ source <(ml-advisor completion bash)                                   # this shell
  $ ml-advisor completion bash > ~/.local/share/bash-completion/completions/ml-advisor
  $ echo 'source <(ml-advisor completion zsh)' >> ~/.zshrc
  $ ml-advisor completion fish > ~/.config/fish/completions/ml-advisor.fish`)
    .action(async (shell: string) => {
      const { runCompletion } = await import('./commands/completion.js');
      state.exitCode = await runCompletion(shell, program, io);
    });
}

const RULES_HELP = `
Rule files are layered on the built-in set in this order, each overriding the ones before it:
  1. the built-in rules/
  2. the project file: the nearest .ml-advisor.yaml in the working directory or a parent, up to
     the repository root (the folder with .git)
  3. each file ML_ADVISOR_RULES names (several separated by ":")
  4. each --rules FILE, in the order given
Every result names the layers it was decided with (rulesLayers in JSON, a "Rules:" line in text
and markdown); "rules show" lists them. A rule with an existing id replaces it; { id: ID, enabled: false } switches one off;
new ids add rules; catalog entries (models, …) replace by id. See docs/rules.md.

Examples:
  $ ml-advisor rules validate                          # the built-in set
  $ ml-advisor rules validate company-rules.yaml       # a company layer on the built-in set
  $ ml-advisor rules test                              # the built-in cases in rules/tests
  $ ml-advisor rules test company-tests/ --rules company-rules.yaml --coverage
  $ ml-advisor rules lint --rules company-rules.yaml
  $ ml-advisor rules show --rules company-rules.yaml --json

Exit codes: 0 ok, 1 a failing test case (or no case ran) / lint errors, 2 usage error, 3 a rule or case file that does not parse or validate.`;

function addRulesCommands(program: Command, io: IO, state: RunState): void {
  const rules = program
    .command('rules')
    .description('Check, test, lint and show the decision rules, including your own layers.')
    .addHelpText('after', RULES_HELP);
  const load = () => import('./commands/rules.js');

  withFlags(rules.command('validate'), 'rules validate')
    .description('Check rule files: every problem as file:line:col, what was expected, and how to fix it. No FILE checks the built-in set.')
    .argument('[file...]', 'rule files, each layered on the built-in set in order')
    .addHelpText('after', `
Examples:
  $ ml-advisor rules validate
  $ ml-advisor rules validate .ml-advisor.yaml

Exit codes: 0 valid, 3 invalid (every problem is listed on standard error).`)
    .action(async (files: string[], opts) => {
      state.exitCode = await (await load()).runRulesValidate(files, opts, io);
    });

  withFlags(rules.command('test'), 'rules test')
    .description('Run rule test cases (answers plus the expected spot, warnings and confidence); ends with "N passed, N failed".')
    .argument('[path...]', 'case files, or folders of them (YAML or JSON); default: the built-in rules/tests')
    .addHelpText('after', `
A case file:
  cases:
    - name: support tickets with a thousand labels
      answers: { task: text-classification, existingModel: close, labeledExamples: 1000 }
      expect: { approach: fine-tune, confidence: high, warningsInclude: [evaluate-on-own-data] }

Examples:
  $ ml-advisor rules test
  $ ml-advisor rules test tests/rules/ --rules company-rules.yaml --coverage
  $ ml-advisor rules test --format junit > rules-tests.xml

Exit codes: 0 all passed, 1 a case failed or no case ran, 3 a case or rule file is invalid.`)
    .action(async (paths: string[], opts) => {
      state.exitCode = await (await load()).runRulesTest(paths, opts, io);
    });

  withFlags(rules.command('lint'), 'rules lint')
    .description('Find rules that can never fire (contradictions, shadowed by a stronger rule), duplicates, ties, and answers that fall through to the default.')
    .argument('[file...]', 'rule files layered on the built-in set (like --rules)')
    .addHelpText('after', `
Findings are errors (a rule that can never fire, a duplicate), warnings (decide rules with the same
priority that can both hold) and notes (answers that fall through to the default).

Examples:
  $ ml-advisor rules lint
  $ ml-advisor rules lint company-rules.yaml --strict --layers-only   # in a company's CI

Exit codes: 0 no errors, 1 errors (or warnings with --strict), 3 a rule file is invalid.`)
    .action(async (files: string[], opts) => {
      state.exitCode = await (await load()).runRulesLint(files, opts, io);
    });

  withFlags(rules.command('show'), 'rules show')
    .description('Print the effective rule set after layering, with the file each rule and catalog entry came from.')
    .addHelpText('after', `
Examples:
  $ ml-advisor rules show
  $ ml-advisor rules show --rules company-rules.yaml --json | jq '.rules[] | select(.origin != "rules/decision.yaml")'`)
    .action(async (opts) => {
      state.exitCode = await (await load()).runRulesShow(opts, io);
    });
}

const ADD_COMMAND: Record<CommandName, AddCommand> = {
  decide: addDecide,
  compare: addCompare,
  batch: addBatch,
  schema: addSchema,
  calibrate: addCalibrate,
  rules: addRulesCommands,
  completion: addCompletion,
};

export { CommanderError };
