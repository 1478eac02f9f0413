// `ml-advisor decide`: one decision, from a file, stdin, `--set`, or (on a terminal) questions.
import { decide } from '../core/decide/decide.js';
import { classicalTestFor } from '../core/rules/classes.js';
import { gateNotes, judged, type Gates } from '../core/result/gates.js';
import { APPROACHES, type Approach } from '../core/answers/fields.js';
import { closest } from '../core/text/closest.js';
import { readNumber, WEEKS_UNIT } from '../core/answers/human-number.js';
import { checkAnswers, missingRequired, expectedText } from '../core/answers/check.js';
import { isCalendarDate } from '../core/text/date.js';
import { quote } from '../core/text/excerpt.js';
import { EXIT, InputError, UsageError } from '../errors.js';
import { applySets, parseAnswersText, problemsFor, readAnswersFile, resolveOrThrow, type RawAnswers } from '../io/answers-file.js';
import { hasProjectLayers, loadRuleSet } from '../io/rules-files.js';
import type { RuleSet } from '../core/rules/rule-set.js';
import { renderJson, renderYaml } from '../io/render.js';
import type { IO } from '../io/io.js';
import type { Result } from '../core/result/result.js';
import type { FlowContext } from './questionnaire.js';
import type { OptionsOf } from '../cli-options.js';
import { DECIDE_FORMATS, type DecideFormat } from '../io/formats.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The flags of `decide`, typed from the flags table. */
export type DecideOptions = OptionsOf<'decide'>;

/** A gate's limit, read as answers read numbers (`--max-cost 50k`, `--max-cost $50,000`, `--max-weeks 12`). */
function gateNumber(flag: '--max-cost' | '--max-weeks', text: string): number {
  const kind = flag === '--max-cost'
    ? { what: 'an amount in USD', expected: 'an amount in USD', example: `${flag} 50k`, money: true }
    : { what: 'a number of weeks', example: `${flag} 12`, unit: WEEKS_UNIT };
  const r = readNumber(text, kind);
  if (!r.ok) throw new UsageError(`${flag}: ${r.message}`, r.hint);
  if (r.value < 0) throw new UsageError(`${flag} expects a number ≥ 0, not "${text}"`, `e.g. ${kind.example}`);
  return r.value;
}

/** The gates asked for on the command line, checked for shape (a bad one is a usage error). */
export function parseGates(opts: { maxCost?: string; maxWeeks?: string; failOn?: string }): Gates {
  const gates: Gates = {};
  if (opts.maxCost !== undefined) gates.maxCost = gateNumber('--max-cost', opts.maxCost);
  if (opts.maxWeeks !== undefined) gates.maxWeeks = gateNumber('--max-weeks', opts.maxWeeks);
  if (opts.failOn !== undefined) {
    if (!(APPROACHES as readonly string[]).includes(opts.failOn)) {
      const near = closest(opts.failOn, APPROACHES);
      throw new UsageError(`--fail-on must be one of ${APPROACHES.join(', ')}, not "${opts.failOn}"`, near ? `did you mean ${near}?` : undefined);
    }
    gates.failOn = opts.failOn as Approach;
  }
  return gates;
}

export function resolveFormat(opts: { format?: string; json?: boolean }, allowed: readonly string[]): string {
  if (opts.json) {
    if (opts.format && opts.format !== 'json') throw new UsageError(`--json and --format ${opts.format} disagree`, 'use one of them');
    return 'json';
  }
  const f = opts.format ?? allowed[0]!;
  if (!allowed.includes(f)) throw new UsageError(`--format must be one of ${allowed.join(', ')}, not "${f}"`);
  return f;
}

export async function runDecide(opts: DecideOptions, io: IO): Promise<number> {
  const format = resolveFormat(opts, DECIDE_FORMATS) as DecideFormat;
  const gates = parseGates(opts);
  if (opts.asOf !== undefined && !isCalendarDate(opts.asOf, { dayAllowed: false })) throw new UsageError(`--as-of expects a real month as YYYY-MM (01–12), not ${quote(opts.asOf)}`, 'e.g. --as-of 2027-03');
  const sets = opts.set ?? [];
  const noInput = opts.input === false;
  // Asked only when it matters: checking the terminal loads node:tty, which a file run never needs.
  let interactiveCache: boolean | undefined;
  const interactive = () => (interactiveCache ??= !noInput && io.stdinIsTTY && io.stderr.isTTY === true);

  let raw: RawAnswers | undefined;
  if (opts.answers === '-') {
    if (io.stdinIsTTY) throw new UsageError('--answers - reads answers from standard input, but standard input is a terminal', 'pipe the answers in (cat answers.json | ml-advisor decide --answers -) or name a file');
    raw = await parseAnswersText(await io.readStdin(), '<stdin>');
  } else if (opts.answers !== undefined) {
    raw = await readAnswersFile(opts.answers);
  }

  const loadRules = () => loadRuleSet({ layers: opts.rules, cwd: io.cwd, env: io.env });
  let ruleSet: RuleSet | undefined;
  if (opts.force && opts.save === undefined) throw new UsageError('--force replaces the file --save writes, but no --save was given', 'e.g. --save answers.yaml --force');
  if (opts.save !== undefined && !opts.force && !interactive() && existsSync(resolve(io.cwd, opts.save))) {
    throw new UsageError(`--save ${opts.save}: the file already exists`, 'add --force to replace it, or choose another name');
  }

  let merged: Record<string, unknown>;
  let flow: FlowContext | undefined;
  const flowContext = async (): Promise<FlowContext> => {
    const { createPrompter } = await import('../io/prompt.js');
    const { makeChalk, useColor } = await import('../io/color.js');
    const color = useColor({ isTTY: io.stderr.isTTY === true, env: io.env, noColorFlag: opts.color === false });
    // The questionnaire's skip rules follow the built-in rules; with layers of the team's own
    // (--rules or the project file), it skips only what earlier answers make meaningless.
    const thorough = (opts.rules?.length ?? 0) > 0 || hasProjectLayers(io.cwd, io.env);
    ruleSet ??= await loadRules();
    const gpus = Object.fromEntries(Object.entries(ruleSet.catalog.estimates.hardware).map(([id, hw]) => [id, hw.name]));
    return { prompter: createPrompter(io), err: io.stderr, color: makeChalk(color), thorough, cwd: io.cwd, gpus, isClassical: classicalTestFor(ruleSet) };
  };
  const questionnaire = () => import('./questionnaire.js');
  let fullQuestionnaire = false;
  if (!raw && sets.length === 0) {
    if (!interactive()) {
      throw new UsageError(
        noInput ? 'no answers given and --no-input forbids asking' : 'no answers given, and there is no terminal to ask on',
        'pass --answers FILE (or --answers - to read standard input), or --set FIELD=VALUE for each answer',
      );
    }
    // Broken rule files fail now, not after the person has answered every question.
    ruleSet = await loadRules();
    flow = await flowContext();
    merged = await (await questionnaire()).runQuestionnaire(flow);
    fullQuestionnaire = true;
  } else {
    merged = applySets(raw?.value ?? {}, sets);
    const missing = missingRequired(merged);
    if (missing.length && !interactive()) {
      throw new InputError(
        missing.map((f) => ({ file: raw?.origin, path: f.name, message: `missing required answer "${f.name}" (${expectedText(f)})`, hint: `add it to the answers or pass --set ${f.name}=VALUE` })),
      );
    }
    if (missing.length) {
      // What the file does say must be valid before anyone answers the rest.
      const pre = checkAnswers(merged, { requireAll: false });
      const issues = pre.ok ? [] : pre.issues.filter((i) => !missing.some((f) => f.name === i.path[0]));
      if (issues.length) throw new InputError(problemsFor(raw, issues, new Set(sets.map((x) => x.slice(0, x.indexOf('=')).trim()))));
      ruleSet = await loadRules();
      flow = await flowContext();
      merged = await (await questionnaire()).askMissing(flow, merged, raw?.origin);
    }
  }

  ruleSet ??= await loadRules();
  const { answers, given } = resolveOrThrow(raw, merged, sets, ruleSet);
  // With gates, the result carries failedGates (contract: decide --json includes them).
  const result = judged(decide(answers, ruleSet, { given, explain: opts.explain, evaluatedOn: opts.asOf }), gates);
  const notes = gateNotes(result, gates);

  if (opts.save !== undefined || fullQuestionnaire) {
    // The answers as given (not the defaults), so that the saved file decides the same way,
    // confidence included: a default the decision leans on lowers it. Saved (or offered) before
    // the result is printed, so that what stays on the screen at the end is the decision.
    const toSave: Record<string, unknown> = {};
    for (const k of given) toSave[k] = merged[k];
    if (!interactive()) {
      const { answersToYaml, writeFileSafely } = await import('../io/save-answers.js');
      writeFileSafely(resolve(io.cwd, opts.save!), await answersToYaml(toSave, opts.save), { overwrite: opts.force === true });
    } else {
      flow ??= await flowContext();
      await (await questionnaire()).saveAnswers(flow, toSave, opts.save, { force: opts.force === true });
    }
  }
  if (flow) io.stderr.write('\n');
  await writeResult(result, format, opts, io, ruleSet, { raw, notes });

  // stdout keeps the result either way; the gate verdict goes to stderr.
  const failures = result.failedGates ?? [];
  for (const f of failures) io.stderr.write(`gate failed: ${f.message}\n`);
  for (const n of notes) io.stderr.write(`note: ${n}\n`);
  return failures.length ? EXIT.gate : EXIT.ok;
}

async function writeResult(result: Result, format: DecideFormat, opts: DecideOptions, io: IO, ruleSet: RuleSet, from: { raw?: RawAnswers; notes: string[] }): Promise<void> {
  switch (format) {
    case 'github': {
      // Annotations on the answers file, at the line of the field each one is about.
      const { decisionAnnotations, workflowCommand } = await import('../io/render-github.js');
      const raw = from.raw;
      const file = raw && raw.origin !== '<stdin>' ? raw.origin : undefined;
      const lineOf = (field: string) => (raw?.locate && Object.prototype.hasOwnProperty.call(raw.value, field) ? raw.locate([field], 'key')?.line : undefined);
      for (const a of decisionAnnotations(result, ruleSet, { file, lineOf }, from.notes)) io.stdout.write(workflowCommand(a));
      break;
    }
    case 'json':
      io.stdout.write(renderJson(result));
      break;
    case 'yaml':
      io.stdout.write(await renderYaml(result));
      break;
    case 'html': {
      const { renderHtml } = await import('../io/render-html.js');
      io.stdout.write(renderHtml(result));
      break;
    }
    case 'markdown': {
      const { renderMarkdown } = await import('../io/render-markdown.js');
      io.stdout.write(renderMarkdown(result));
      break;
    }
    default: {
      // Text output only: chalk (and the tty module it loads) stay out of a JSON run's start-up.
      const [{ makeChalk, useColor }, { renderText, terminalHeight, terminalWidth }] = await Promise.all([import('../io/color.js'), import('../io/render-text.js')]);
      const color = useColor({ isTTY: io.stdout.isTTY === true, env: io.env, noColorFlag: opts.color === false });
      const chalk = makeChalk(color);
      io.stdout.write(renderText(result, chalk, { width: terminalWidth(io.stdout, io.env), height: terminalHeight(io.stdout), verbose: opts.verbose === true }));
      if (result.trace) {
        const { renderTrace } = await import('../io/render-trace.js');
        io.stdout.write(renderTrace(result.trace, chalk, { defaultApproach: ruleSet.default.approach }));
      }
    }
  }
}
