// `ml-advisor completion bash|zsh|fish`: the bash script is sourced into a real bash and asked to
// complete words, as bash's programmable completion does (COMP_LINE, COMP_WORDS, then compgen).
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { APPROACHES, FIELDS } from '../../src/core/answers/fields.js';
import { ROOT, builtInRuleSet, runCli, tempDirs } from '../helpers.js';

const tempDir = tempDirs('ml-advisor-completion-');
let script: string;

beforeAll(async () => {
  const r = await runCli(['completion', 'bash']);
  expect(r.code).toBe(0);
  script = join(tempDir(), 'ml-advisor.bash');
  writeFileSync(script, r.stdout);
});

/** What bash offers for `line` (the cursor at its end), split into words as bash would split them. */
function complete(...lines: string[]): string[][] {
  const driver = `
    source "$1"; shift
    for line in "$@"; do
      COMP_LINE="$line"; COMP_POINT=\${#line}
      read -r -a COMP_WORDS <<< "$line"
      [[ "$line" == *" " ]] && COMP_WORDS+=("")
      # bash splits at "=" too (COMP_WORDBREAKS): the word being completed is what follows it.
      [[ "\${COMP_WORDS[-1]}" == *=* ]] && COMP_WORDS[-1]="\${COMP_WORDS[-1]##*=}"
      COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
      COMPREPLY=()
      _ml_advisor
      echo "\${COMPREPLY[*]}"
    done`;
  const out = execFileSync('bash', ['-c', driver, 'complete', script, ...lines], { cwd: ROOT, encoding: 'utf8' });
  return out.split('\n').slice(0, lines.length).map((l) => (l ? l.split(' ') : []));
}

describe('bash completion', () => {
  it('completes commands and subcommands', () => {
    const [top, de, rules] = complete('ml-advisor ', 'ml-advisor de', 'ml-advisor rules ');
    expect(top).toEqual(expect.arrayContaining(['decide', 'batch', 'schema', 'rules', 'completion']));
    expect(de).toEqual(['decide']);
    expect(rules).toEqual(['validate', 'test', 'lint', 'show']);
  });

  it('completes the flags of the command being typed, and the formats each one takes', () => {
    const [flags, decideFormats, batchFormats, testFormats, shells, kinds] = complete(
      'ml-advisor decide --fa',
      'ml-advisor decide --answers a.yaml --format ',
      'ml-advisor batch x.csv -f ',
      'ml-advisor rules test --rules r.yaml --format j',
      'ml-advisor completion ',
      'ml-advisor schema ',
    );
    expect(flags).toEqual(['--fail-on']);
    expect(decideFormats).toEqual(expect.arrayContaining(['text', 'json', 'yaml', 'markdown', 'github']));
    expect(batchFormats).toEqual(expect.arrayContaining(['jsonl', 'csv', 'junit', 'github']));
    expect(testFormats).toEqual(['json', 'junit']);
    expect(shells).toEqual(['bash', 'zsh', 'fish']);
    expect(kinds).toEqual(['answers', 'result', 'compact', 'rules']);
  });

  it('completes --set field names, their enum values and GPU ids, and spots for --fail-on', () => {
    const [fields, la, task, gpu, bool, failOn] = complete(
      'ml-advisor decide --set ',
      'ml-advisor decide --set la',
      'ml-advisor batch p.csv --set task=text-',
      'ml-advisor decide --set gpu=',
      'ml-advisor decide --set baselineTried=',
      'ml-advisor batch p.csv --fail-on ',
    );
    expect(fields).toEqual(FIELDS.map((f) => `${f.name}=`));
    expect(la).toEqual(FIELDS.filter((f) => f.name.startsWith('la')).map((f) => `${f.name}=`));
    expect(la).toContain('labeledExamples=');
    expect(task).toEqual(['text-classification', 'text-generation']);
    expect(gpu).toEqual(Object.keys(builtInRuleSet().catalog.estimates.hardware).sort());
    expect(gpu).toEqual(expect.arrayContaining(['t4', 'l4', 'a10g', 'h100-sxm']));
    expect(bool).toEqual(['true', 'false']);
    expect(failOn).toEqual([...APPROACHES]);
  });

  it('completes file names where a flag or argument takes a file', () => {
    const [answers, batchFile] = complete('ml-advisor decide --answers examples/sup', 'ml-advisor batch examples/portfolio.');
    expect(answers).toEqual(['examples/support-tickets.yaml']);
    expect(batchFile!.sort()).toEqual(['examples/portfolio.csv', 'examples/portfolio.jsonl']);
  });
});

const has = (shell: string) => spawnSync(shell, ['-c', 'true']).status === 0;

async function scriptFor(shell: string): Promise<string> {
  const r = await runCli(['completion', shell]);
  expect(r.code).toBe(0);
  const file = join(tempDir(), `ml-advisor.${shell}`);
  writeFileSync(file, r.stdout);
  return file;
}

describe('zsh and fish', () => {
  it.each(['zsh', 'fish'])('%s: a script from the same tree', async (shell) => {
    const r = await runCli(['completion', shell]);
    expect(r.code).toBe(0);
    for (const word of ['decide', 'labeledExamples', 'h100-sxm', 'junit']) expect(r.stdout).toContain(word);
  });

  // Where the shell is installed: completed for real by fish, and by zsh's function with compadd standing in for the builtin.
  it.skipIf(!has('fish'))('fish completes commands, formats, --set fields and values', async () => {
    const file = await scriptFor('fish');
    const lines = ['ml-advisor ', 'ml-advisor decide --format ', 'ml-advisor decide --set la', 'ml-advisor decide --set gpu=h', 'ml-advisor rules test --format j'];
    const driver = `source ${file}\nfor line in $argv\n  echo (complete -C"$line" | cut -f1 | string join ' ')\nend`;
    const out = execFileSync('fish', ['-c', driver, ...lines], { cwd: ROOT, encoding: 'utf8' }).split('\n');
    expect(out[0]!.split(' ')).toEqual(expect.arrayContaining(['decide', 'batch', 'schema', 'rules', 'completion']));
    expect(out[1]!.split(' ').sort()).toEqual(['github', 'html', 'json', 'markdown', 'text', 'yaml']);
    expect(out[2]!.split(' ')).toContain('labeledExamples=');
    expect(out[3]).toBe('gpu=h100-sxm gpu=h200');
    expect(out[4]).toBe('json junit');
  });

  it.skipIf(!has('zsh'))('zsh completes commands, formats and --set values', async () => {
    const file = await scriptFor('zsh');
    const driver = `compdef() { : }
      source ${file}
      compadd() { local -a o; local pre="" suf="" arr=""; while (( $# )); do case $1 in -P) pre=$2; shift 2;; -S) suf=$2; shift 2;; -a) arr=$2; shift 2;; *) shift;; esac; done; for x in \${(P)arr}; do o+=("$pre$x$suf"); done; print -r -- "\${o[*]}"; }
      for line in "$@"; do words=(\${=line}); [[ "$line" == *" " ]] && words+=(""); CURRENT=\${#words}; _ml_advisor_zsh; done`;
    const out = execFileSync('zsh', ['-f', '-c', driver, 'zsh', 'ml-advisor rules ', 'ml-advisor batch x.csv --format ', 'ml-advisor decide --set gpu='], { cwd: ROOT, encoding: 'utf8' }).split('\n');
    expect(out[0]).toBe('validate test lint show');
    expect(out[1]!.split(' ')).toEqual(expect.arrayContaining(['jsonl', 'junit', 'github']));
    expect(out[2]!.split(' ')).toContain('gpu=h100-sxm');
  });

  it('an unknown shell is a usage error', async () => {
    const r = await runCli(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bash, zsh, fish');
  });
});
