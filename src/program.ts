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
  $ ml-advisor decide --answers examples/support-tickets.yaml
  $ ml-advisor decide --answers answers.json --json | jq .recommendation
  $ cat answers.yaml | ml-advisor decide --answers - --format yaml
  $ ml-advisor decide --set task=sentiment-analysis --set existingModel=exact --no-input
  $ ml-advisor decide --answers answers.yaml --rules company-rules.yaml --explain
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
    .description('Print a JSON Schema: of the answers (validate answer files, editor completion) or of the result (validate what decide and batch print).')
    .argument('<kind>', 'answers or result')
    .addHelpText('after', `
Examples:
  $ ml-advisor schema answers > answers.schema.json
  # in VS Code, map it in settings: "yaml.schemas": { "./answers.schema.json": "answers*.yaml" }
  $ ml-advisor schema result > result.schema.json
  $ ml-advisor decide --answers answers.yaml --json | npx ajv-cli validate --spec=draft2020 -s result.schema.json -d /dev/stdin`)
    .action(async (kind: string) => {
      const { runSchema } = await import('./commands/schema.js');
      state.exitCode = await runSchema(kind, io);
    });

  return program;
}

export { CommanderError };
