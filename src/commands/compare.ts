// `ml-advisor compare A B [C…]` and `compare A --vary FIELD=V1,V2,…`: several decisions side by
// side. Each scenario goes through the same answers pipeline as `decide` (overrides, the field
// table, the catalogs) and the same gates; the lining up is pure (core/pipeline/compare.ts).
import { decide } from '../core/decide/decide.js';
import { compareScenarios, parseVary, varyAnswers, VaryError, type Scenario, type Variation } from '../core/pipeline/compare.js';
import { resolveAnswers } from '../core/pipeline/resolve.js';
import type { RuleSet } from '../core/rules/rule-set.js';
import { EXIT, InputError, UsageError, formatProblem } from '../errors.js';
import { applySets, parseAnswersText, problemsFor, readAnswersFile, type RawAnswers } from '../io/answers-file.js';
import { displayName, loadRuleSet } from '../io/rules-files.js';
import type { IO } from '../io/io.js';
import type { OptionsOf } from '../cli-options.js';
import { COMPARE_FORMATS } from '../io/formats.js';
import { parseGates, resolveFormat } from './decide.js';
import { isCalendarDate } from '../core/text/date.js';
import { quote } from '../core/text/excerpt.js';
import { resolve } from 'node:path';

export type CompareOptions = OptionsOf<'compare'>;

function variationsOf(specs: string[]): Variation[] {
  const out = specs.map((s) => {
    try {
      return parseVary(s);
    } catch (e) {
      if (e instanceof VaryError) throw new UsageError(e.message, e.hint);
      throw e;
    }
  });
  const names = out.map((v) => v.field.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new UsageError(`--vary ${twice} is given twice`, `list every value in one: --vary ${twice}=V1,V2,V3`);
  return out;
}

/** Decides one scenario, or throws the problems located in its file (or on --set / --vary). */
function decideScenario(label: string, raw: RawAnswers, answers: Record<string, unknown>, sets: string[], varied: Map<string, string>, rs: RuleSet, asOf: string | undefined): Scenario {
  const resolved = resolveAnswers(answers, rs);
  if (!resolved.ok) {
    const setFields = new Set(sets.map((s) => s.slice(0, s.indexOf('=')).trim()));
    const problems = problemsFor(raw, resolved.issues.filter((i) => !varied.has(String(i.path[0]))), setFields);
    for (const i of resolved.issues.filter((x) => varied.has(String(x.path[0])))) {
      const field = String(i.path[0]);
      problems.push({ path: `--vary ${field}=${varied.get(field)}`, message: i.message, hint: i.hint });
    }
    throw new InputError(problems);
  }
  return { label, result: decide(resolved.answers, rs, { given: resolved.given, evaluatedOn: asOf }) };
}

export async function runCompare(files: string[], opts: CompareOptions, io: IO): Promise<number> {
  const format = resolveFormat(opts, COMPARE_FORMATS);
  const gates = parseGates(opts);
  if (opts.asOf !== undefined && !isCalendarDate(opts.asOf, { dayAllowed: false })) throw new UsageError(`--as-of expects a real month as YYYY-MM (01–12), not ${quote(opts.asOf)}`, 'e.g. --as-of 2027-03');
  const sets = opts.set ?? [];
  const variations = variationsOf(opts.vary ?? []);
  if (variations.length && files.length !== 1) throw new UsageError(`--vary compares variations of one answers file, but ${files.length} were given`, 'name one file: ml-advisor compare answers.yaml --vary labeledExamples=500,5000');
  if (!variations.length && files.length < 2) throw new UsageError('compare needs two or more answers files, or one with --vary FIELD=V1,V2', 'e.g. ml-advisor compare a.yaml b.yaml, or ml-advisor compare a.yaml --vary labeledExamples=500,5000');
  if (files.filter((f) => f === '-').length > 1) throw new UsageError('standard input (-) can be read once only', 'name the other answers as files');
  if (files.includes('-') && io.stdinIsTTY) throw new UsageError('- reads answers from standard input, but standard input is a terminal', 'pipe the answers in, or name a file');

  const raws: RawAnswers[] = [];
  for (const f of files) raws.push(f === '-' ? await parseAnswersText(await io.readStdin(), '<stdin>') : await readAnswersFile(f));
  const ruleSet = await loadRuleSet({ layers: opts.rules, cwd: io.cwd, env: io.env });

  const scenarios: Scenario[] = [];
  const problems: InputError[] = [];
  const attempt = (fn: () => Scenario) => {
    try {
      scenarios.push(fn());
    } catch (e) {
      if (e instanceof InputError) problems.push(e);
      else throw e;
    }
  };
  if (variations.length) {
    const raw = raws[0]!;
    const base = applySets(raw.value, sets);
    for (const v of varyAnswers(base, variations)) {
      const varied = new Map(variations.map((x) => [x.field.name, x.texts[x.values.indexOf(v.answers[x.field.name])] ?? String(v.answers[x.field.name])]));
      attempt(() => decideScenario(v.label, raw, v.answers, sets, varied, ruleSet, opts.asOf));
    }
  } else {
    raws.forEach((raw, i) => attempt(() => decideScenario(files[i] === '-' ? 'stdin' : displayName(resolve(io.cwd, files[i]!), io.cwd), raw, applySets(raw.value, sets), sets, new Map(), ruleSet, opts.asOf)));
  }
  // Each problem once: a bad answer in the file is the same in every variation of it.
  if (problems.length) throw new InputError([...new Map(problems.flatMap((p) => p.problems).map((p) => [formatProblem(p), p])).values()]);

  const cmp = compareScenarios(scenarios, gates);
  const gated = Object.keys(gates).length > 0;
  const render = await import('../io/render-compare.js');
  if (format === 'json') io.stdout.write(render.renderCompareJson(cmp));
  else if (format === 'markdown') io.stdout.write(render.renderCompareMarkdown(cmp, { gates: gated }));
  else {
    const { makeChalk, useColor } = await import('../io/color.js');
    const { terminalWidth } = await import('../io/render-text.js');
    const chalk = makeChalk(useColor({ isTTY: io.stdout.isTTY === true, env: io.env, noColorFlag: opts.color === false }));
    io.stdout.write(render.renderCompareText(cmp, chalk, { width: terminalWidth(io.stdout, io.env), gates: gated }));
  }
  for (const c of cmp.columns) for (const f of c.failedGates) io.stderr.write(`gate failed: ${c.label}: ${f.message}\n`);
  return cmp.gateFailed ? EXIT.gate : EXIT.ok;
}
