// `ml-advisor completion bash|zsh|fish`: a completion script generated from the command tree —
// the commands, their flags, the values a flag takes (formats and other choices, files), the
// answer fields for `--set FIELD=` with their enum values, and the GPU ids of the hardware catalog.
// Nothing is written by hand per command, so a new flag completes as soon as it exists.
import type { Argument, Command, Option } from 'commander';
import { APPROACHES, FIELDS } from '../core/answers/fields.js';
import { EXIT, UsageError } from '../errors.js';
import type { IO } from '../io/io.js';
import { loadRuleSet } from '../io/rules-files.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** What a flag or an argument takes: a word from a list, a file, a `--set` assignment, or anything. */
export type ValueKind = { words: readonly string[] } | 'file' | 'set' | 'any';

export interface CompletionNode {
  /** The subcommand path, e.g. "" for the program, "rules test". */
  path: string;
  subcommands: string[];
  flags: { names: string[]; value?: ValueKind }[];
  /** What the positional arguments take, when the command has any. */
  argument?: ValueKind;
}

export interface CompletionData {
  nodes: CompletionNode[];
  /** `--set` fields, each with the values it completes to (empty: any value). */
  fields: { name: string; values: string[] }[];
}

const FILE_VALUE = /^<(file|path|dir)/;
/** Values named by their placeholder where the flag itself lists no choices (it checks them itself, with suggestions). */
const PLACEHOLDER_WORDS: Record<string, readonly string[]> = { '<approach>': APPROACHES };

function optionValue(o: Option): ValueKind | undefined {
  if (!o.required && !o.optional) return undefined;
  if (o.argChoices?.length) return { words: o.argChoices };
  const placeholder = o.flags.slice(o.flags.search(/[<[]/));
  if (/^<field=value>/.test(placeholder)) return 'set';
  const words = PLACEHOLDER_WORDS[placeholder];
  if (words) return { words };
  if (FILE_VALUE.test(placeholder)) return 'file';
  return 'any';
}

function argumentValue(a: Argument): ValueKind {
  if (a.argChoices?.length) return { words: a.argChoices };
  return /file|path|dir/.test(a.name()) ? 'file' : 'any';
}

/** Every command of the tree, with its flags (help included) and arguments. */
export function describeTree(program: Command): CompletionNode[] {
  const nodes: CompletionNode[] = [];
  const visit = (cmd: Command, path: string) => {
    const flags = cmd.options.map((o) => ({ names: [o.long, o.short].filter((n): n is string => !!n), value: optionValue(o) }));
    flags.push({ names: ['--help', '-h'], value: undefined });
    const args = cmd.registeredArguments;
    const subs = cmd.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden);
    nodes.push({ path, subcommands: subs.map((c) => c.name()), flags, ...(args.length ? { argument: argumentValue(args[0]!) } : {}) });
    for (const c of subs) visit(c, path ? `${path} ${c.name()}` : c.name());
  };
  visit(program, '');
  return nodes;
}

export function completionData(program: Command, gpuIds: readonly string[]): CompletionData {
  const fields = FIELDS.map((f) => ({
    name: f.name,
    values: f.name === 'gpu' ? [...gpuIds] : f.kind === 'enum' ? (f.choices ?? []).map((c) => c.value) : f.kind === 'boolean' ? ['true', 'false'] : [],
  }));
  return { nodes: describeTree(program), fields };
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const kindWord = (v: ValueKind | undefined) => (v === undefined ? '' : typeof v === 'string' ? `@${v}` : v.words.join(' '));

const funcName = (name: string) => `_${name.replace(/[^A-Za-z0-9]/g, '_')}`;

/** The command tree as shell functions (plain `case` statements, the same in bash and zsh). */
function treeFunctions(d: CompletionData, fn: string): string {
  const flagCases = d.nodes.flatMap((n) =>
    n.flags.filter((f) => f.value).map((f) => `    ${f.names.map((x) => q(`${n.path}|${x}`)).join('|')}) echo ${q(kindWord(f.value))} ;;`),
  );
  const nodeCases = d.nodes.map((n) => `    ${q(n.path)}) subs=${q(n.subcommands.join(' '))}; flags=${q(n.flags.flatMap((f) => f.names).join(' '))}; arg=${q(kindWord(n.argument))} ;;`);
  const valueCases = d.fields.filter((f) => f.values.length).map((f) => `    ${q(f.name)}) echo ${q(f.values.join(' '))} ;;`);
  return `# The value a flag takes in a command: a list of words, @file, @set (FIELD=VALUE) or @any; nothing
# when the flag takes no value.
${fn}_flag() {
  case "$1|$2" in
${flagCases.join('\n')}
  esac
}

${fn}_fields=${q(d.fields.map((f) => f.name).join(' '))}

${fn}_values() {
  case "$1" in
${valueCases.join('\n')}
  esac
}

# A command's subcommands, flags and what its arguments take.
${fn}_node() {
  case "$1" in
${nodeCases.join('\n')}
    *) subs=""; flags=""; arg="" ;;
  esac
}

# Walks the words before the cursor: the subcommand path, and whether the last word is a flag awaiting its value.
${fn}_walk() {
  local w
  cmdpath=""; value=""
  ${fn}_node ""
  for w in "$@"; do
    if [[ -n "$value" ]]; then value=""; continue; fi
    if [[ "$w" == -* ]]; then
      [[ "$w" == *=* ]] && continue
      [[ -n "$(${fn}_flag "$cmdpath" "$w")" ]] && value="$w"
    elif [[ " $subs " == *" $w "* ]]; then
      cmdpath="\${cmdpath:+$cmdpath }$w"
      ${fn}_node "$cmdpath"
    fi
  done
}
`;
}

export function bashScript(d: CompletionData, name = 'ml-advisor'): string {
  const fn = funcName(name);
  return `# ${name} completion for bash, generated from the command tree by \`${name} completion bash\`.
# Load it in this shell:   source <(${name} completion bash)
# or for every new shell:  ${name} completion bash > ~/.local/share/bash-completion/completions/${name}

${treeFunctions(d, fn)}
${fn}_reply() {
  COMPREPLY=($(compgen -W "$1" -- "$2"))
}

${fn}() {
  # The words as typed up to the cursor, split on blanks only: bash would also split FIELD=VALUE.
  local line="\${COMP_LINE:0:COMP_POINT}" words cur cmdpath subs flags arg value kind
  read -r -a words <<< "$line"
  if [[ "$line" =~ [[:space:]]$ ]]; then cur=""; else cur="\${words[\${#words[@]}-1]}"; unset 'words[\${#words[@]}-1]'; fi
  ${fn}_walk "\${words[@]:1}"

  COMPREPLY=()
  if [[ -n "$value" ]]; then
    kind="$(${fn}_flag "$cmdpath" "$value")"
  elif [[ "$cur" == -* ]]; then
    ${fn}_reply "$flags" "$cur"
    return 0
  elif [[ -n "$subs" ]]; then
    ${fn}_reply "$subs" "$cur"
    return 0
  else
    kind="$arg"
  fi

  case "$kind" in
    @file) COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null ;;
    @set)
      local f v out=()
      if [[ "$cur" == *=* ]]; then
        f="\${cur%%=*}"
        for v in $(${fn}_values "$f"); do out+=("$f=$v"); done
      else
        for f in $${fn}_fields; do out+=("$f="); done
        compopt -o nospace 2>/dev/null
      fi
      ${fn}_reply "\${out[*]}" "$cur"
      # Bash replaces only the text after the last "=" (it is in COMP_WORDBREAKS): reply with that part.
      if [[ "$COMP_WORDBREAKS" == *=* && "$cur" == *=* ]]; then
        local strip="\${cur%=*}="
        COMPREPLY=("\${COMPREPLY[@]#"$strip"}")
      fi
      ;;
    @any | "") ;;
    *) ${fn}_reply "$kind" "$cur" ;;
  esac
  return 0
}

complete -o default -F ${fn} ${name}
`;
}

export function zshScript(d: CompletionData, name = 'ml-advisor'): string {
  const fn = funcName(name);
  return `# ${name} completion for zsh, generated from the command tree by \`${name} completion zsh\`.
# Load it from ~/.zshrc (after compinit):   source <(${name} completion zsh)

${treeFunctions(d, fn)}
${fn}_zsh() {
  local cur="\${words[CURRENT]}" cmdpath subs flags arg value kind f
  local -a out
  ${fn}_walk "\${(@)words[2,CURRENT-1]}"
  if [[ -n "$value" ]]; then
    kind="$(${fn}_flag "$cmdpath" "$value")"
  elif [[ "$cur" == -* ]]; then
    out=(\${=flags}); compadd -a out; return
  elif [[ -n "$subs" ]]; then
    out=(\${=subs}); compadd -a out; return
  else
    kind="$arg"
  fi
  case "$kind" in
    @file) _files ;;
    @set)
      if [[ "$cur" == *=* ]]; then
        f="\${cur%%=*}"
        out=(\${=$(${fn}_values "$f")}); compadd -P "$f=" -a out
      else
        out=(\${=${fn}_fields}); compadd -S '=' -a out
      fi
      ;;
    @any | "") ;;
    *) out=(\${=kind}); compadd -a out ;;
  esac
}

compdef ${fn}_zsh ${name}
`;
}

export function fishScript(d: CompletionData, name = 'ml-advisor'): string {
  const fn = `__${name.replace(/[^A-Za-z0-9]/g, '_')}`;
  const lines = [
    `# ${name} completion for fish, generated from the command tree by \`${name} completion fish\`.`,
    `# Load it:  ${name} completion fish > ~/.config/fish/completions/${name}.fish`,
    '',
    '# The subcommand path of the command line so far, e.g. "rules test".',
    `function ${fn}_path`,
    '    set -l words (commandline -opc)',
    '    set -l path ""',
    '    set -l skip 0',
    '    for w in $words[2..-1]',
    '        if test $skip = 1',
    '            set skip 0',
    '            continue',
    '        end',
    '        switch $w',
    '            case "-*=*"',
    '            case "-*"',
    `                contains -- $w ${d.nodes.flatMap((n) => n.flags.filter((f) => f.value).flatMap((f) => f.names)).filter((x, i, a) => a.indexOf(x) === i).join(' ')}; and set skip 1`,
    '            case "*"',
    `                contains -- (string trim -- "$path $w") ${d.nodes.filter((n) => n.path).map((n) => q(n.path)).join(' ')}; and set path (string trim -- "$path $w")`,
    '        end',
    '    end',
    '    echo $path',
    'end',
    '',
    `function ${fn}_at`,
    `    test (${fn}_path) = "$argv[1]"`,
    'end',
    '',
    '# FIELD= for --set, then FIELD=VALUE for a field with known values.',
    `function ${fn}_set`,
    '    set -l cur (commandline -ct)',
    '    set -l field (string split -m1 = -- $cur)[1]',
    '    if string match -q "*=*" -- $cur',
    '        switch $field',
    ...d.fields.filter((f) => f.values.length).flatMap((f) => [`            case ${f.name}`, `                printf "${f.name}=%s\\n" ${f.values.join(' ')}`]),
    '        end',
    '    else',
    `        printf "%s=\\n" ${d.fields.map((f) => f.name).join(' ')}`,
    '    end',
    'end',
    '',
    `complete -c ${name} -f`,
  ];
  for (const n of d.nodes) {
    const at = `-n ${q(`${fn}_at ${q(n.path)}`)}`;
    for (const s of n.subcommands) lines.push(`complete -c ${name} ${at} -a ${s}`);
    for (const f of n.flags) {
      const names = f.names.map((x) => (x.startsWith('--') ? `-l ${x.slice(2)}` : `-s ${x.slice(1)}`)).join(' ');
      const v = f.value;
      const value = v === undefined ? '' : v === 'file' ? ' -r -F' : v === 'set' ? ` -x -a ${q(`(${fn}_set)`)}` : v === 'any' ? ' -x' : ` -x -a ${q(v.words.join(' '))}`;
      lines.push(`complete -c ${name} ${at} ${names}${value}`);
    }
    if (n.argument === 'file') lines.push(`complete -c ${name} ${at} -F`);
    else if (n.argument && typeof n.argument !== 'string') lines.push(`complete -c ${name} ${at} -a ${q(n.argument.words.join(' '))}`);
  }
  return lines.join('\n') + '\n';
}

export async function runCompletion(shell: string, program: Command, io: IO): Promise<number> {
  if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`completion: unknown shell "${shell}"`, `choose one of ${SHELLS.join(', ')}`);
  const rs = await loadRuleSet({ noProjectFile: true, cwd: io.cwd, env: io.env });
  const data = completionData(program, Object.keys(rs.catalog.estimates.hardware).sort());
  const script = shell === 'bash' ? bashScript(data) : shell === 'zsh' ? zshScript(data) : fishScript(data);
  io.stdout.write(script);
  return EXIT.ok;
}
