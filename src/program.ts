// The commander tree, built from injected I/O. No business logic: each action calls a command.
import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IO } from './io/io.js';
import { packageRoot } from './io/rules-files.js';
// decide is the hot path (CI runs it on every build): loaded up front, not as a separate chunk.
import { runDecide } from './commands/decide.js';

export interface RunState {
  exitCode: number;
  debug: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function version(): string {
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
  $ ml-advisor decide --answers answers.yaml --format markdown > docs/decisions/0007-ticket-router.md

Exit codes: 0 done, 1 a gate failed, 2 usage error, 3 invalid answers or rules, 4 internal error, 130 interrupted.`;

const BATCH_HELP = `
Examples:
  $ ml-advisor batch examples/portfolio.csv                       # a table on a terminal
  $ ml-advisor batch examples/portfolio.csv --format csv -o decisions.csv
  $ ml-advisor batch examples/portfolio.jsonl --fail-on heavy-fine-tune > results.jsonl
  $ cat scenarios.jsonl | ml-advisor batch - --format json | jq '.[].recommendation.approach'
  $ ml-advisor batch scenarios.yaml --set budgetUsd=50000 --format markdown >> "$GITHUB_STEP_SUMMARY"

Every input row gets exactly one output row, in input order, with "row" (1-based; blank lines
are not rows). An invalid row is {"row": N, "error": {"message", "path", "line", ...}} and the
batch goes on. A summary (rows, rows per spot, invalid rows) goes to standard error.

Exit codes: 0 every row valid and no gate failed; 1 a gate failed (--fail-on); 3 one or more
invalid rows — this wins over 1, because a gate that saw only the valid rows has not judged the
whole batch; 2 usage error; 4 internal error; 130 interrupted (Ctrl-C: every row written so far
is complete; with --output they are kept in FILE.partial and FILE is left as it was).`;

export function buildProgram(io: IO, state: RunState): Command {
  const program = new Command('ml-advisor');
  program
    .description('Where to stand on the spectrum from using a pre-trained model as-is to training from scratch — with the reasons, the warnings, and where to start.')
    .version(version(), '-V, --version', 'print the version')
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

  program
    .command('decide')
    .description('One decision: answers in, a recommended spot on the spectrum out, with cost, reasons and warnings.')
    .option('-a, --answers <file>', 'answers as JSON or YAML; - reads standard input')
    .addOption(new Option('-f, --format <format>', 'output format; markdown is a decision record for a pull request').choices(['text', 'json', 'yaml', 'markdown']))
    .option('--json', 'the same as --format json')
    .option('-s, --set <field=value>', 'supply or override one answer (repeatable)', collect)
    .option('--rules <file>', 'a rule file layered on the built-in set (repeatable)', collect)
    .option('--explain', 'include the full rule trace: every rule, whether it matched, and each condition')
    .option('--max-cost <usd>', 'exit 1 when the recommended spot would likely cost more than this')
    .option('--max-weeks <n>', 'exit 1 when the recommended spot would likely take longer than this')
    .option('--fail-on <approach>', 'exit 1 when the recommendation is this spot or one further right')
    .option('--as-of <yyyy-mm>', 'judge the age of prices against this month (default: the catalog\'s evaluatedOn)')
    .option('--save <file>', 'save the answers to a YAML file (asks before replacing one on a terminal)')
    .option('--no-input', 'never prompt; missing required answers are an error')
    .option('--no-color', 'plain output')
    .addHelpText('after', DECIDE_HELP)
    .action(async (opts) => {
      state.exitCode = await runDecide(opts, io);
    });

  program
    .command('batch')
    .description('Many decisions: one row of answers in, one result row out, in input order. Invalid rows get an error row and the batch goes on.')
    .argument('<file>', 'rows of answers: .jsonl, .json (a list), .yaml (a list) or .csv (a header row of field names); - reads JSON Lines from standard input')
    .addOption(new Option('--input-format <format>', 'input format, when the file name does not say').choices(['jsonl', 'json', 'yaml', 'csv']))
    .addOption(new Option('-f, --format <format>', 'output format (default: table on a terminal, else jsonl; with --output, from its extension)').choices(['jsonl', 'json', 'csv', 'table', 'markdown']))
    .option('--json', 'the same as --format json')
    .option('-o, --output <file>', 'write to FILE (atomically: complete, or not at all) instead of standard output')
    .option('--fail-on <approach>', 'exit 1 when any row lands on this spot or further right, e.g. heavy-fine-tune')
    .option('--max-cost <usd>', 'exit 1 when any row\'s recommended spot would likely cost more than this')
    .option('--max-weeks <n>', 'exit 1 when any row\'s recommended spot would likely take longer than this')
    .option('-s, --set <field=value>', 'supply or override one answer in every row (repeatable)', collect)
    .option('--rules <file>', 'a rule file layered on the built-in set (repeatable)', collect)
    .option('-q, --quiet', 'no progress and no summary on standard error')
    .option('--no-input', 'accepted for symmetry with decide: batch never prompts')
    .option('--no-color', 'plain output')
    .addHelpText('after', BATCH_HELP)
    .action(async (file: string, opts) => {
      const { runBatch } = await import('./commands/batch.js');
      state.exitCode = await runBatch(file, opts, io);
    });

  program
    .command('schema')
    .description('Print a JSON Schema: of the answers (validate answer files, editor completion), of the result (validate what decide and batch print), or of a rule file.')
    .argument('<kind>', 'answers, result or rules')
    .addHelpText('after', `
Examples:
  $ ml-advisor schema answers > answers.schema.json
  $ ml-advisor schema rules > rules.schema.json
  # in VS Code, map them in settings: "yaml.schemas": { "./answers.schema.json": "answers*.yaml", "./rules.schema.json": ".ml-advisor.yaml" }
  $ ml-advisor schema result > result.schema.json
  $ ml-advisor decide --answers answers.yaml --json | npx ajv-cli validate --spec=draft2020 -s result.schema.json -d /dev/stdin`)
    .action(async (kind: string) => {
      const { runSchema } = await import('./commands/schema.js');
      state.exitCode = await runSchema(kind, io);
    });

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

  addRulesCommands(program, io, state);
  return program;
}

const RULES_HELP = `
Rule files are layered on the built-in set in this order: the built-in rules/, the project file
(.ml-advisor.yaml in the working directory, or the file named by ML_ADVISOR_RULES), then each
--rules FILE. A rule with an existing id replaces it; { id: ID, enabled: false } switches one off;
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

  rules
    .command('validate')
    .description('Check rule files: every problem as file:line:col, what was expected, and how to fix it. No FILE checks the built-in set.')
    .argument('[file...]', 'rule files, each layered on the built-in set in order')
    .option('--json', 'print the outcome as JSON')
    .addHelpText('after', `
Examples:
  $ ml-advisor rules validate
  $ ml-advisor rules validate .ml-advisor.yaml

Exit codes: 0 valid, 3 invalid (every problem is listed on standard error).`)
    .action(async (files: string[], opts) => {
      state.exitCode = await (await load()).runRulesValidate(files, opts, io);
    });

  rules
    .command('test')
    .description('Run rule test cases (answers plus the expected spot, warnings and confidence); ends with "N passed, N failed".')
    .argument('[path...]', 'case files, or folders of them (YAML or JSON); default: the built-in rules/tests')
    .option('--rules <file>', 'a rule file layered on the built-in set (repeatable)', collect)
    .option('--coverage', 'report which rules the cases exercise (a rule counts when it matched in some case)')
    .option('-v, --verbose', 'list passing cases too')
    .option('--json', 'print the outcome as JSON')
    .option('--no-color', 'plain output')
    .addHelpText('after', `
A case file:
  cases:
    - name: support tickets with a thousand labels
      answers: { task: text-classification, existingModel: close, labeledExamples: 1000 }
      expect: { approach: fine-tune, confidence: high, warningsInclude: [evaluate-on-own-data] }

Examples:
  $ ml-advisor rules test
  $ ml-advisor rules test tests/rules/ --rules company-rules.yaml --coverage

Exit codes: 0 all passed, 1 a case failed or no case ran, 3 a case or rule file is invalid.`)
    .action(async (paths: string[], opts) => {
      state.exitCode = await (await load()).runRulesTest(paths, opts, io);
    });

  rules
    .command('lint')
    .description('Find rules that can never fire (contradictions, shadowed by a stronger rule), duplicates, ties, and answers that fall through to the default.')
    .argument('[file...]', 'rule files layered on the built-in set (like --rules)')
    .option('--rules <file>', 'a rule file layered on the built-in set (repeatable)', collect)
    .option('--strict', 'fail on warnings too')
    .option('--layers-only', 'only findings about rules in your layers (the project file and --rules), not the built-in set')
    .option('--json', 'print the findings as JSON')
    .option('--no-color', 'plain output')
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

  rules
    .command('show')
    .description('Print the effective rule set after layering, with the file each rule and catalog entry came from.')
    .option('--rules <file>', 'a rule file layered on the built-in set (repeatable)', collect)
    .option('--json', 'print the rule set as JSON')
    .option('--no-color', 'plain output')
    .addHelpText('after', `
Examples:
  $ ml-advisor rules show
  $ ml-advisor rules show --rules company-rules.yaml --json | jq '.rules[] | select(.origin != "rules/decision.yaml")'`)
    .action(async (opts) => {
      state.exitCode = await (await load()).runRulesShow(opts, io);
    });
}

export { CommanderError };
