// Every command example in the README, in docs/rules.md and in each command's --help runs as
// written, in a folder laid out as the examples assume (answers.yaml, ai/…, company-rules.yaml,
// copies of the shipped examples), with `ml-advisor` on the PATH. An example exits 0 unless its
// comment says `exit N`; a ```console block must print what it shows. Examples that cannot run
// here are listed in SKIP with the reason and where they are tested instead.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/program.js';
import { CLI, ROOT, tempDirs } from '../helpers.js';

const tempDir = tempDirs('ml-advisor-examples-');

/** Examples not run here, and why. */
const SKIP: [RegExp, string][] = [
  [/^npm (ci|test|run)\b/, 'the build and the test suite themselves'],
  [/^ml-advisor decide( --save answers\.yaml( --force)?)?$/, 'asks questions on a terminal: tests/e2e/terminal.test.ts drives it through a pseudo-terminal'],
];

// Tools the examples call that are not this package: npx runs ajv-cli, which is a devDependency,
// from this repository instead of the network.
const SHIMS = {
  'ml-advisor': `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`,
  npx: `#!/bin/sh\ncase "$1" in ajv-cli@5) shift; exec "${process.execPath}" "${join(ROOT, 'node_modules', 'ajv-cli', 'dist', 'index.js')}" "$@" ;; esac\necho "npx $1: not available to the examples test" >&2; exit 127\n`,
};

/** A folder laid out as the examples assume. */
function sandbox(commands: readonly string[]): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = tempDir();
  const ex = (f: string) => join(ROOT, 'examples', f);
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  const files: [string, string][] = [
    ['answers.yaml', ex('support-tickets.yaml')],
    ['a.yaml', ex('support-tickets.yaml')],
    ['answers.json', ex('chat-assistant.json')],
    ['chat.yaml', ex('chat-assistant.json')],
    ['ai/ticket-router.yaml', ex('support-tickets.yaml')],
    ['ai/portfolio.csv', ex('portfolio.csv')],
    ['scenarios.jsonl', ex('portfolio.jsonl')],
    ['company-rules.yaml', ex('company-rules.yaml')],
    ['company-tests.yaml', ex('company-tests.yaml')],
    ['company-tests/company-tests.yaml', ex('company-tests.yaml')],
    ['tests/rules/company-tests.yaml', ex('company-tests.yaml')],
  ];
  // The project file is read by every command run beside it: laid out only where an example names it.
  if (commands.some((c) => c.includes('.ml-advisor.yaml'))) cpSync(ex('company-rules.yaml'), join(dir, '.ml-advisor.yaml'));
  for (const [to, from] of files) {
    mkdirSync(join(dir, to, '..'), { recursive: true });
    cpSync(from, join(dir, to));
  }
  // A second version of the answers, for `compare`: fewer labels.
  const fewer = readFileSync(ex('support-tickets.yaml'), 'utf8').replace(/^labeledExamples: .*$/m, 'labeledExamples: 500');
  for (const to of ['b.yaml', 'ai/ticket-router-v2.yaml']) writeFileSync(join(dir, to), fewer);
  // The portfolio as a YAML list: each JSON line is a YAML flow mapping.
  writeFileSync(join(dir, 'scenarios.yaml'), readFileSync(ex('portfolio.jsonl'), 'utf8').trim().split('\n').map((l) => `- ${l}`).join('\n') + '\n');
  for (const d of ['docs/decisions', 'home/.local/share/bash-completion/completions', 'home/.config/fish/completions', 'bin']) mkdirSync(join(dir, d), { recursive: true });
  for (const [name, text] of Object.entries(SHIMS)) {
    writeFileSync(join(dir, 'bin', name), text);
    chmodSync(join(dir, 'bin', name), 0o755);
  }
  const env = { PATH: `${join(dir, 'bin')}:${process.env.PATH}`, HOME: join(dir, 'home'), GITHUB_STEP_SUMMARY: join(dir, 'summary.md') };
  return { dir, env };
}

interface Example {
  command: string;
  /** The exit code its comment promises (`exit N`), else 0. */
  code: number;
  /** For a ```console example: what it prints. */
  output?: string;
}

/** A command line and its trailing comment. */
function example(line: string): Example {
  const hash = line.search(/\s#\s/);
  const command = (hash < 0 ? line : line.slice(0, hash)).trim();
  const code = /\bexit (\d+)\b/.exec(hash < 0 ? '' : line.slice(hash))?.[1];
  return { command, code: code === undefined ? 0 : Number(code) };
}

/** The command blocks of a Markdown file: ```sh lines, and ```console `$` lines with their output. */
function markdownBlocks(file: string): { title: string; examples: Example[] }[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const blocks: { title: string; examples: Example[] }[] = [];
  for (const m of text.matchAll(/```(sh|console)\n([\s\S]*?)```/g)) {
    const line = text.slice(0, m.index).split('\n').length;
    const examples: Example[] = [];
    for (const l of m[2]!.replace(/\n$/, '').split('\n')) {
      if (m[1] === 'sh') {
        if (l.trim() && !l.trim().startsWith('#')) examples.push(example(l));
      } else if (l.startsWith('$ ')) examples.push({ ...example(l.slice(2)), output: '' });
      else if (examples.length) examples[examples.length - 1]!.output += `${l}\n`;
    }
    blocks.push({ title: `${file}:${line}`, examples });
  }
  return blocks;
}

/** The `$ …` lines under "Examples:" in each command's --help. */
function helpBlocks(): { title: string; examples: Example[] }[] {
  const blocks: { title: string; examples: Example[] }[] = [];
  let help = '';
  const io = { stdout: { write: (s: string) => (help += s) }, stderr: { write: () => true }, stdinIsTTY: false, env: {}, cwd: ROOT } as never;
  const visit = (cmd: Command, path: string[]) => {
    help = '';
    cmd.outputHelp();
    const examples = [...help.matchAll(/^ {2}\$ (.*)$/gm)].map((m) => example(m[1]!));
    if (examples.length) blocks.push({ title: `ml-advisor ${[...path, '--help'].join(' ')}`, examples });
    for (const c of cmd.commands) visit(c, [...path, c.name()]);
  };
  const program = buildProgram(io, { exitCode: 0, debug: false });
  program.configureOutput({ writeOut: (s) => (help += s) });
  visit(program, []);
  return blocks;
}

const blocks = [...markdownBlocks('README.md'), ...markdownBlocks('docs/rules.md'), ...helpBlocks()];

describe('every example runs as written', () => {
  it('finds the examples', () => {
    const all = blocks.flatMap((b) => b.examples);
    expect(all.length).toBeGreaterThan(40);
    expect(blocks.some((b) => b.title === 'ml-advisor schema --help')).toBe(true);
  });

  it.each(blocks.map((b) => [b.title, b] as const))('%s', (_title, block) => {
    // A block is a session: later lines may use files the earlier ones wrote.
    const { dir, env } = sandbox(block.examples.map((e) => e.command));
    for (const ex of block.examples) {
      const skip = SKIP.find(([re]) => re.test(ex.command));
      if (skip) continue;
      // set -o pipefail: a failing ml-advisor before a `| jq` fails the example.
      const r = spawnSync('bash', ['-o', 'pipefail', '-c', ex.command], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
      expect({ command: ex.command, code: r.status, stderr: r.status === ex.code ? '' : r.stderr }).toEqual({ command: ex.command, code: ex.code, stderr: '' });
      if (ex.output !== undefined) expect(r.stdout + r.stderr).toBe(ex.output);
    }
  }, 180_000);
});
