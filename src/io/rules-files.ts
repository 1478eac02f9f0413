// Finding and reading rule files: the built-in set shipped in rules/, a project file, and
// `--rules` layers. Problems come back as file:line:col.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { MAX_DOCUMENT_BYTES } from './limits.js';
import { readTextFile } from './read-text.js';
import { delimiter, dirname, join, relative, resolve, sep } from 'node:path';
import { InputError, UsageError, type Problem } from '../errors.js';
import type { LayerInput } from '../core/rules/layering.js';
import { deserializeRuleSet, type RuleSet, type RulesLayer, type SerializedRuleSet } from '../core/rules/rule-set.js';
import { locateIssues, parseSource, type ParsedSource } from './source.js';

/** The package root: dist/cli.js and src/io/rules-files.ts both sit two levels below it at most. Found once. */
let root: string | undefined;
export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(import.meta.filename);
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'rules'))) return (root = dir);
    dir = dirname(dir);
  }
  throw new Error('cannot find the ml-advisor package root (rules/ is missing)');
}

export function builtInRulesDir(): string {
  return join(packageRoot(), 'rules');
}

/** The built-in rule files, in the order they are layered. */
export function builtInRuleFiles(): string[] {
  const dir = builtInRulesDir();
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** Name used in messages: relative to the working directory when that is shorter. */
export function displayName(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && rel.length < file.length ? rel : file;
}

/** The usage error for a file that cannot be read (shared by whole-file and streamed reads). */
export function unreadable(file: string, e: unknown): UsageError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new UsageError(`${file}: no such file`, 'check the path');
  if (code === 'EISDIR') return new UsageError(`${file}: is a folder, not a file`, 'name a file');
  return new UsageError(`${file}: cannot read it (${code ?? (e as Error).message})`);
}

/** Reads a file whole, within a bound (README, "Limits"): a device or a huge file is refused. */
export function readText(file: string, what = 'a rules file', limit = MAX_DOCUMENT_BYTES): Promise<string> {
  return readTextFile(file, { name: file, what, limit }, unreadable);
}

export interface LoadedLayer {
  origin: string;
  source: ParsedSource;
}

export async function readLayer(file: string, cwd?: string): Promise<LoadedLayer> {
  const origin = displayName(file, cwd);
  return { origin, source: await parseSource(await readText(file, 'a rules file'), origin, undefined, 'rules') };
}

/**
 * What the build writes to dist/: the set compiled from the built-in files (builtin-rules.json,
 * read on every run), and the files parsed (builtin-layers.json, read only when layers are added).
 */
export interface PrebuiltRules {
  compiled: SerializedRuleSet;
}
export type PrebuiltLayers = LayerInput[];

export async function readBuiltInSources(): Promise<Map<string, ParsedSource>> {
  const sources = new Map<string, ParsedSource>();
  for (const f of builtInRuleFiles()) {
    const origin = `rules/${f.slice(builtInRulesDir().length + 1)}`;
    sources.set(origin, await parseSource(readFileSync(f, 'utf8'), origin));
  }
  return sources;
}

const prebuiltFile = (name: string) => join(packageRoot(), 'dist', name);

/** The built-in set as compiled at build time, when the build has run (start-up time matters). */
function prebuiltRuleSet(): SerializedRuleSet | undefined {
  const file = prebuiltFile('builtin-rules.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PrebuiltRules).compiled : undefined;
}

/** The built-in files as layer inputs: pre-parsed at build time, else read from rules/. */
async function builtInInputs(): Promise<{ inputs: LayerInput[]; sources?: Map<string, ParsedSource> }> {
  const file = prebuiltFile('builtin-layers.json');
  if (existsSync(file)) return { inputs: JSON.parse(readFileSync(file, 'utf8')) as PrebuiltLayers };
  const sources = await readBuiltInSources();
  return { inputs: [...sources].map(([origin, s]) => ({ origin, data: s.value })), sources };
}

/** The built-in set, synchronously (the library decides without awaiting): compiled at build time, read once. */
let builtIn: RuleSet | undefined;
export function builtInRuleSet(): RuleSet {
  if (builtIn) return builtIn;
  const compiled = prebuiltRuleSet();
  if (!compiled) throw new Error('dist/builtin-rules.json is missing: run npm run build');
  return (builtIn = deserializeRuleSet(compiled));
}

const PROJECT_FILES = ['.ml-advisor.yaml', '.ml-advisor.yml'];

/**
 * The nearest `.ml-advisor.yaml`: in the working directory or a parent, as eslint and prettier
 * find their configs. The search stops at the repository root (the nearest folder with `.git`),
 * so a project's file applies in every subfolder and a file above the repository never does;
 * outside a repository it goes on to the filesystem root.
 */
export function findProjectFile(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of PROJECT_FILES) {
      const p = join(dir, name);
      if (existsSync(p)) return p;
    }
    if (existsSync(join(dir, '.git'))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** A layer over the built-in set, and what brought it in. */
export interface LayerFile {
  from: Exclude<RulesLayer['from'], 'built-in'>;
  file: string;
}

/**
 * The layers over the built-in set, lowest first (a later one overrides an earlier one): the
 * nearest `.ml-advisor.yaml`, then each file ML_ADVISOR_RULES names (separated by the path
 * delimiter, ":" here), then each --rules FILE in order.
 */
export function layerFiles(cwd: string, env: NodeJS.ProcessEnv, flags: readonly string[] = [], opts: { projectFile?: boolean } = {}): LayerFile[] {
  const out: LayerFile[] = [];
  if (opts.projectFile !== false) {
    const project = findProjectFile(cwd);
    if (project) out.push({ from: '.ml-advisor.yaml', file: project });
    for (const name of (env.ML_ADVISOR_RULES ?? '').split(delimiter).filter((x) => x.trim() !== '')) {
      const p = resolve(cwd, name);
      if (!existsSync(p)) throw new UsageError(`ML_ADVISOR_RULES names ${name}, which does not exist`, 'fix the path or unset the variable');
      out.push({ from: 'ML_ADVISOR_RULES', file: p });
    }
  }
  for (const f of flags) out.push({ from: '--rules', file: resolve(cwd, f) });
  return out;
}

/** Whether any layer of the project's own applies (the project file or ML_ADVISOR_RULES). */
export function hasProjectLayers(cwd: string, env: NodeJS.ProcessEnv): boolean {
  return layerFiles(cwd, env).length > 0;
}

/** The layers as a result names them: paths relative to the working directory, "/" between folders. */
export function rulesLayersOf(files: readonly LayerFile[], cwd: string): RulesLayer[] {
  // Frozen: every result of a run names these same layers (a batch writes their bytes once).
  return [Object.freeze({ from: 'built-in' as const }), ...files.map((l) => Object.freeze({ from: l.from, path: relative(cwd, l.file).split(sep).join('/') || '.' }))];
}

export interface LoadOptions {
  /** Extra layers from `--rules`, in order. */
  layers?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Skip the project file (used by `rules validate FILE`). */
  noProjectFile?: boolean;
}

/** Loads the effective rule set; throws InputError with every problem located. */
export async function loadRuleSet(opts: LoadOptions = {}): Promise<RuleSet> {
  const cwd = opts.cwd ?? process.cwd();
  const env = opts.env ?? process.env;
  const files = layerFiles(cwd, env, opts.layers ?? [], { projectFile: !opts.noProjectFile });
  const applied = rulesLayersOf(files, cwd);
  if (files.length === 0) {
    const compiled = prebuiltRuleSet();
    if (compiled) return { ...deserializeRuleSet(compiled), applied };
  }
  const { inputs, sources } = await builtInInputs();
  const layerSources = new Map(sources);
  for (const f of files) {
    const layer = await readLayer(f.file, cwd);
    layerSources.set(layer.origin, layer.source);
    inputs.push({ origin: layer.origin, data: layer.source.value });
  }
  const { buildRuleSet } = await import('../core/rules/layering.js');
  const { ruleSet, issues } = buildRuleSet(inputs);
  if (ruleSet) return { ...ruleSet, applied };
  throw new InputError(await locateLayerIssues(issues, layerSources));
}

export async function locateLayerIssues(issues: { origin: string; path: (string | number)[]; message: string; hint?: string }[], sources: Map<string, ParsedSource>): Promise<Problem[]> {
  // A problem in the pre-built built-in set: read the YAML again for its position.
  const builtIn = issues.some((i) => !sources.has(i.origin) && i.origin.startsWith('rules/')) ? await readBuiltInSources() : new Map<string, ParsedSource>();
  return issues.map((i) => {
    const src = sources.get(i.origin) ?? builtIn.get(i.origin);
    return src ? locateIssues(src, [i])[0]! : { file: i.origin, message: i.message, hint: i.hint };
  });
}
