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

Exit codes: 0 done, 1 a gate failed, 2 usage error, 3 invalid answers or rules, 4 internal error, 130 interrupted.`;

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
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'yaml']))
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
    .command('schema')
    .description('Print the JSON Schema of the answers, for validating answer files and editor completion.')
    .argument('<kind>', 'answers')
    .addHelpText('after', `
Examples:
  $ ml-advisor schema answers > answers.schema.json
  # in VS Code, map it in settings: "yaml.schemas": { "./answers.schema.json": "answers*.yaml" }`)
    .action(async (kind: string) => {
      const { runSchema } = await import('./commands/schema.js');
      state.exitCode = runSchema(kind, io);
    });

  return program;
}

export { CommanderError };
