// `ml-advisor rules validate|test|lint|show`: the rule set as a product a company can change,
// check, test and read. Loaded only when a `rules` command runs.
import { EXIT, InputError, type Problem } from '../errors.js';
import { checkCases, runCase, type CaseOutcome } from '../core/pipeline/cases.js';
import { describeLeaf, type Condition, type Rule } from '../core/rules/conditions.js';
import { lintRuleSet, type LintFinding } from '../core/rules/lint.js';
import type { RuleSet } from '../core/rules/rule-set.js';
import { builtInRulesDir, displayName, loadRuleSet, readText } from '../io/rules-files.js';
import { caseFiles, loadForAnalysis, locateRule } from '../io/rule-layers.js';
import { locateIssues, parseSource, type ParsedSource } from '../io/source.js';
import { renderJson } from '../io/render.js';
import { makeChalk, useColor } from '../io/color.js';
import type { IO } from '../io/io.js';
import { join } from 'node:path';
import type { OptionsOf } from '../cli-options.js';

/** What every rules command may be given (validate takes only --json). */
export type RulesOptions = OptionsOf<'rules show'>;

function chalkFor(io: IO, opts: RulesOptions) {
  return makeChalk(useColor({ isTTY: io.stdout.isTTY === true, env: io.env, noColorFlag: opts.color === false }));
}

function where(p: Problem): string {
  return p.file ? `${p.file}${p.line ? `:${p.line}:${p.col ?? 1}` : ''}` : '';
}

// ---------------------------------------------------------------------------------------------
// validate

/** Checks FILEs layered on the built-in set (or the built-in set alone): 0, or InputError (3). */
export async function runRulesValidate(files: string[], opts: RulesOptions, io: IO): Promise<number> {
  const { ruleSet } = await loadForAnalysis(files, { cwd: io.cwd, env: io.env, projectFile: false });
  const checked = files.length ? files.map((f) => displayName(join(io.cwd, f), io.cwd)) : ruleSet.layers;
  if (opts.json) {
    io.stdout.write(renderJson({ valid: true, files: checked, rules: ruleSet.rules.length, models: ruleSet.catalog.models.length }));
  } else {
    const on = files.length ? ' (layered on the built-in set)' : '';
    io.stdout.write(`${checked.join(', ')}: valid${on} — ${ruleSet.rules.filter((r) => r.enabled).length} rules in effect, ${ruleSet.catalog.models.length} models\n`);
  }
  return EXIT.ok;
}

// ---------------------------------------------------------------------------------------------
// test

export type RulesTestOptions = OptionsOf<'rules test'>;

interface FileOutcome {
  file: string;
  line?: number;
  col?: number;
  outcome: CaseOutcome;
}

/** Which enabled rules the cases exercised (matched in at least one case). */
export function coverageOf(rs: RuleSet, outcomes: CaseOutcome[]): { rule: string; kind: string; cases: number; origin?: string }[] {
  const counts = new Map<string, number>();
  for (const o of outcomes) for (const id of new Set(o.matched ?? [])) counts.set(id, (counts.get(id) ?? 0) + 1);
  const rows: { rule: string; kind: string; cases: number; origin?: string }[] = rs.rules
    .filter((r) => r.enabled)
    .map((r) => ({ rule: r.id, kind: r.kind, cases: counts.get(r.id) ?? 0, origin: r.origin }));
  rows.push({ rule: 'default', kind: 'default', cases: counts.get('default') ?? 0, origin: rs.default.origin });
  return rows;
}

export async function runRulesTest(paths: string[], opts: RulesTestOptions, io: IO): Promise<number> {
  const ruleSet = await loadRuleSet({ layers: opts.rules, cwd: io.cwd, env: io.env });
  const files = caseFiles(paths.length ? paths : [join(builtInRulesDir(), 'tests')], io.cwd);
  const problems: Problem[] = [];
  const results: FileOutcome[] = [];
  for (const f of files) {
    const name = displayName(f, io.cwd);
    let src;
    try {
      src = await parseSource(await readText(f, 'a rule-case file'), name, undefined, 'cases');
    } catch (e) {
      if (e instanceof InputError) {
        problems.push(...e.problems);
        continue;
      }
      throw e;
    }
    const checked = checkCases(src.value, ruleSet);
    if (!checked.cases) {
      problems.push(...locateIssues(src, checked.issues));
      continue;
    }
    checked.cases.forEach((c, i) => results.push({ file: name, ...src.locate(['cases', i]), outcome: runCase(c, ruleSet, { trace: opts.coverage }) }));
  }
  if (problems.length) throw new InputError(problems);

  const passed = results.filter((r) => r.outcome.pass).length;
  const failed = results.length - passed;
  const coverage = opts.coverage ? coverageOf(ruleSet, results.map((r) => r.outcome)) : undefined;
  const format = opts.json ? 'json' : (opts.format ?? 'text');
  if (format === 'junit') {
    const { renderJunit } = await import('../io/render-junit.js');
    io.stdout.write(renderJunit('ml-advisor rules test', results.map((r) => ({
      name: r.outcome.name,
      classname: r.file,
      file: r.file,
      line: r.line,
      ...(r.outcome.pass ? {} : { failure: { type: 'case', message: r.outcome.failures.join('; '), details: r.outcome.failures.join('\n') } }),
    }))));
  } else if (format === 'json') {
    io.stdout.write(renderJson({
      passed,
      failed,
      cases: results.map((r) => ({ file: r.file, line: r.line, name: r.outcome.name, pass: r.outcome.pass, failures: r.outcome.failures, actual: r.outcome.actual })),
      ...(coverage ? { coverage } : {}),
    }));
  } else {
    const c = chalkFor(io, opts);
    const out: string[] = [];
    for (const r of results) {
      const at = `${r.file}${r.line ? `:${r.line}:${r.col}` : ''}`;
      if (r.outcome.pass) {
        if (opts.verbose) out.push(`${c.green('✓')} ${r.outcome.name}`);
        continue;
      }
      out.push(`${c.red('✗')} ${r.outcome.name}  ${c.dim(at)}`);
      for (const f of r.outcome.failures) out.push(`    ${f}`);
    }
    if (coverage) {
      const rules = coverage.filter((r) => r.rule !== 'default');
      const hit = rules.filter((r) => r.cases > 0).length;
      if (out.length) out.push('');
      out.push(c.bold(`Coverage: ${hit} of ${rules.length} rules exercised`));
      const width = Math.max(...coverage.map((r) => r.rule.length));
      for (const r of coverage) {
        // The default is not a rule: when every case is decided by one (as in a set where no answer
        // falls through, which `rules lint` checks), that is no gap in the tests.
        const idleDefault = !r.cases && r.rule === 'default';
        const mark = r.cases ? c.green('✓') : idleDefault ? c.dim('–') : c.red('✗');
        const what = r.cases ? `${r.cases} case${r.cases === 1 ? '' : 's'}` : idleDefault ? c.dim('no case falls through to the default') : c.red('never matched');
        out.push(`  ${mark} ${r.rule.padEnd(width)}  ${r.kind.padEnd(7)}  ${what}`);
      }
    }
    if (results.length === 0) out.push(c.red(`no test cases found in ${paths.join(', ') || 'the built-in rules/tests'}`));
    if (out.length) out.push('');
    out.push(`${passed} passed, ${failed} failed`);
    io.stdout.write(out.join('\n') + '\n');
  }
  return failed > 0 || results.length === 0 ? EXIT.gate : EXIT.ok;
}

// ---------------------------------------------------------------------------------------------
// lint

export type RulesLintOptions = OptionsOf<'rules lint'>;

/** Exit 1 when there are errors (or warnings with --strict); notes never fail. */
export async function runRulesLint(files: string[], opts: RulesLintOptions, io: IO): Promise<number> {
  const { ruleSet, sources, builtIn } = await loadForAnalysis([...files, ...(opts.rules ?? [])], { cwd: io.cwd, env: io.env, projectFile: true });
  const findings = lintRuleSet(ruleSet).filter((f) => !opts.layersOnly || (f.origin !== undefined && !builtIn.has(f.origin)));
  const located = findings.map((f) => ({ ...f, ...(f.rule ? locateRule(sources, f.origin, f.rule) : f.origin ? locateDefault(sources, f.origin) : {}), message: f.message }));
  const count = (s: LintFinding['severity']) => findings.filter((f) => f.severity === s).length;
  const [errors, warnings, notes] = [count('error'), count('warning'), count('info')];
  if (opts.json) {
    io.stdout.write(renderJson({ errors, warnings, notes, findings: located.map(({ file, line, col, severity, code, rule, message, hint }) => ({ severity, code, rule, file, line, col, message, hint })) }));
  } else {
    const c = chalkFor(io, opts);
    const label = { error: c.red('error'), warning: c.yellow('warning'), info: c.cyan('note') };
    const order = { error: 0, warning: 1, info: 2 };
    const out: string[] = [];
    for (const f of [...located].sort((a, b) => order[a.severity] - order[b.severity])) {
      const at = where(f);
      out.push(`${at ? `${at}: ` : ''}${label[f.severity]}: ${f.message} ${c.dim(`[${f.code}]`)}`);
      if (f.hint) out.push(`  → ${f.hint}`);
    }
    if (out.length) out.push('');
    out.push(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${notes} note${notes === 1 ? '' : 's'}`);
    io.stdout.write(out.join('\n') + '\n');
  }
  return errors > 0 || (opts.strict && warnings > 0) ? EXIT.gate : EXIT.ok;
}

function locateDefault(sources: Map<string, ParsedSource>, origin: string): Problem {
  const src = sources.get(origin);
  return { file: origin, ...(src ? src.locate(['default']) : {}), message: '' };
}

// ---------------------------------------------------------------------------------------------
// show

function describeCondition(cond: Condition, indent: string): string[] {
  if (Array.isArray(cond)) return describeCondition({ all: cond }, indent);
  if ('all' in cond) return cond.all.length === 1 ? describeCondition(cond.all[0]!, indent) : cond.all.flatMap((c) => describeCondition(c, indent));
  if ('any' in cond) return [`${indent}any of:`, ...cond.any.flatMap((c) => describeCondition(c, `${indent}  `))];
  if ('not' in cond) {
    const inner = describeCondition(cond.not, `${indent}  `);
    return inner.length === 1 ? [`${indent}not ${inner[0]!.trim()}`] : [`${indent}not:`, ...inner];
  }
  if ('ref' in cond) return [`${indent}${cond.ref}`];
  return [`${indent}${describeLeaf(cond)}`];
}

function thenText(r: Rule): string {
  const t = r.then;
  if (r.kind === 'decide') return `→ ${t.approach}${t.confidence ? ` (confidence at most ${t.confidence})` : ''}`;
  if (r.kind === 'limit') return [t.atMost ? `at most ${t.atMost}` : '', t.atLeast ? `at least ${t.atLeast}` : ''].filter(Boolean).join(', ');
  return `warning ${t.warning}`;
}

/** Catalog entries with their origins, section by section, whatever sections the catalog has. */
function catalogRows(rs: RuleSet): { section: string; key: string; origin?: string; value: unknown }[] {
  const rows: { section: string; key: string; origin?: string; value: unknown }[] = [];
  for (const [section, v] of Object.entries(rs.catalog)) {
    const prefix = section === 'models' ? 'model' : section;
    if (Array.isArray(v)) {
      for (const e of v) {
        const key = (e as { id?: string; name?: string }).id ?? (e as { name?: string }).name ?? '?';
        rows.push({ section, key, origin: rs.origins.get(`${prefix}:${key}`), value: e });
      }
    } else if (v && typeof v === 'object') {
      for (const [key, e] of Object.entries(v)) {
        // A mapping entry may mix figures from several layers: name each layer that wrote one.
        const subs = e && typeof e === 'object' && !Array.isArray(e) ? Object.keys(e).map((k) => rs.origins.get(`${section}:${key}.${k}`)).filter(Boolean) : [];
        const origin = [...new Set([rs.origins.get(`${section}:${key}`), ...subs].filter(Boolean))].join(', ') || undefined;
        rows.push({ section, key, origin, value: e });
      }
    }
  }
  return rows;
}

const LAYER_WHY = {
  '.ml-advisor.yaml': 'the project file: the nearest .ml-advisor.yaml, from here up to the repository root',
  ML_ADVISOR_RULES: 'named by ML_ADVISOR_RULES',
  '--rules': '--rules',
} as const;

export async function runRulesShow(opts: RulesOptions, io: IO): Promise<number> {
  const rs = await loadRuleSet({ layers: opts.rules, cwd: io.cwd, env: io.env });
  const catalog = catalogRows(rs);
  if (opts.json) {
    io.stdout.write(renderJson({
      layers: rs.layers,
      rulesLayers: rs.applied ?? [{ from: 'built-in' }],
      default: rs.default,
      defines: [...rs.defines.keys()].map((name) => ({ name, origin: rs.origins.get(`define:${name}`), when: rs.defines.get(name) })),
      rules: rs.rules,
      catalog: catalog.map(({ section, key, origin, value }) => ({ section, key, origin, value })),
    }));
    return EXIT.ok;
  }
  const c = chalkFor(io, opts);
  const out: string[] = [];
  out.push(c.bold('Layers') + c.dim(' (lowest first; a later layer overrides an earlier one)'));
  // The built-in files first, then each layer of the project's own with what brought it in.
  const applied = (rs.applied ?? []).filter((l) => l.from !== 'built-in');
  const builtIn = rs.layers.slice(0, rs.layers.length - applied.length);
  builtIn.forEach((l, i) => out.push(`  ${i + 1}. ${l}  ${c.dim('(built-in)')}`));
  applied.forEach((l, i) => out.push(`  ${builtIn.length + i + 1}. ${l.path}  ${c.dim(`(${LAYER_WHY[l.from as keyof typeof LAYER_WHY]})`)}`));
  out.push('', c.bold('Decide rules') + c.dim(' (the matching rule with the highest priority decides)'));
  const byPriority = [...rs.rules].filter((r) => r.kind === 'decide').sort((a, b) => b.priority - a.priority);
  const section = (rules: Rule[]) => {
    for (const r of rules) {
      const head = `  ${r.enabled ? '' : c.dim('(off) ')}${c.bold(r.id)}${r.kind === 'decide' ? ` [${r.priority}]` : ''} ${thenText(r)}  ${c.dim(`from ${r.origin ?? '?'}`)}`;
      out.push(r.enabled ? head : c.dim(head));
      out.push(...describeCondition(r.when, '      '));
    }
  };
  section(byPriority);
  out.push('', c.bold('Limit rules') + c.dim(' (every matching limit applies)'));
  section(rs.rules.filter((r) => r.kind === 'limit'));
  out.push('', c.bold('Warn rules') + c.dim(' (every matching rule adds its warning, once per id)'));
  section(rs.rules.filter((r) => r.kind === 'warn'));
  out.push('', `${c.bold('Default')}: ${rs.default.approach}  ${c.dim(`from ${rs.default.origin ?? '?'}`)}`);
  out.push('', c.bold('Named conditions'));
  for (const name of rs.defines.keys()) out.push(`  ${name}  ${c.dim(`from ${rs.origins.get(`define:${name}`) ?? '?'}`)}`);
  let current = '';
  for (const row of catalog) {
    if (row.section !== current) {
      current = row.section;
      out.push('', c.bold(`Catalog: ${current}`));
    }
    const v = row.value as Record<string, unknown>;
    const summary = typeof v === 'string' ? v : v && typeof v === 'object' && 'name' in v && row.key !== v.name ? String(v.name) : '';
    out.push(`  ${row.key}${summary ? ` — ${summary.length > 60 ? `${summary.slice(0, 57)}…` : summary}` : ''}  ${c.dim(`from ${row.origin ?? '?'}`)}`);
  }
  io.stdout.write(out.join('\n') + '\n');
  return EXIT.ok;
}
