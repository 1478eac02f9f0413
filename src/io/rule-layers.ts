// Loading a rule set for the `rules` commands, which need more than a decision does: every
// problem in every file at once (not the first), and the parsed sources so that findings about a
// rule can be pinned to its line.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError, UsageError, type Problem } from '../errors.js';
import { buildRuleSet, type LayerInput } from '../core/rules/layering.js';
import type { RuleSet } from '../core/rules/rule-set.js';
import { layerFiles as findLayerFiles, locateLayerIssues, readBuiltInSources, readLayer, rulesLayersOf } from './rules-files.js';
import type { ParsedSource } from './source.js';

export interface AnalysisSet {
  ruleSet: RuleSet;
  /** Parsed sources by origin, built-in files included. */
  sources: Map<string, ParsedSource>;
  /** Origins of the built-in files. */
  builtIn: Set<string>;
}

/**
 * The built-in files, then (when asked) the project file, then `files`, merged; throws an
 * InputError listing every problem found in any of them.
 */
export async function loadForAnalysis(files: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; projectFile: boolean }): Promise<AnalysisSet> {
  const sources = await readBuiltInSources();
  const builtIn = new Set(sources.keys());
  const inputs: LayerInput[] = [...sources].map(([origin, s]) => ({ origin, data: s.value }));
  const layers = findLayerFiles(opts.cwd, opts.env, files, { projectFile: opts.projectFile });
  const problems: Problem[] = [];
  for (const { file: f } of layers) {
    try {
      const layer = await readLayer(f, opts.cwd);
      sources.set(layer.origin, layer.source);
      inputs.push({ origin: layer.origin, data: layer.source.value });
    } catch (e) {
      if (e instanceof InputError) problems.push(...e.problems);
      else throw e;
    }
  }
  const { ruleSet, issues } = buildRuleSet(inputs);
  problems.push(...(await locateLayerIssues(issues, sources)));
  if (problems.length || !ruleSet) {
    // File by file in layer order, then top to bottom.
    const order = [...sources.keys()];
    problems.sort((a, b) => order.indexOf(a.file ?? '') - order.indexOf(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
    throw new InputError(problems);
  }
  return { ruleSet: { ...ruleSet, applied: rulesLayersOf(layers, opts.cwd) }, sources, builtIn };
}

/** Where rule `id` is written in the file it came from. */
export function locateRule(sources: Map<string, ParsedSource>, origin: string | undefined, id: string): Problem {
  const src = origin ? sources.get(origin) : undefined;
  if (!src) return { file: origin, message: '' };
  const rules = (src.value as { rules?: { id?: string }[] }).rules ?? [];
  const i = rules.findIndex((r) => r?.id === id);
  return { file: origin, ...(i >= 0 ? src.locate(['rules', i]) : {}), message: '' };
}

/** Test case files: each PATH is a file, or a folder searched (recursively) for YAML and JSON. */
export function caseFiles(paths: string[], cwd: string): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const full = resolve(cwd, p);
    if (!existsSync(full)) throw new UsageError(`${p}: no such file or folder`, 'name a case file or a folder of them');
    if (statSync(full).isDirectory()) {
      const found = (readdirSync(full, { recursive: true }) as string[])
        .filter((f) => /\.(ya?ml|json)$/i.test(f))
        .sort()
        .map((f) => join(full, f));
      out.push(...found);
    } else out.push(full);
  }
  return out;
}
