// The questionnaire on a terminal: walks the plan in core/questionnaire.ts with the prompt
// adapter, shows a summary that lets the person change any answer, and offers to save them.
// Everything here writes to standard error; the result is the caller's business.
import type { ChalkInstance } from 'chalk';
import { resolve } from 'node:path';
import { FIELDS, FIELD_BY_NAME, type FieldDef, type Section } from '../core/answers/fields.js';
import { coerceFieldText, fieldAccepts, missingRequired } from '../core/answers/check.js';
import {
  editableFields, formatAnswer, modalityOf, formatNumber, newPlanState, nextStep, readNumberAnswer, reconcile, relevance, sectionOf, settledFields,
  type PlanOptions, type RawAnswers,
} from '../core/answers/question-plan.js';
import type { Prompter } from '../io/prompt.js';
import { wrap } from '../io/render-text.js';
import { helpFor } from '../core/answers/examples.js';
import type { OutStream } from '../io/io.js';
import { FileExistsError, answersToYaml, writeFileSafely } from '../io/save-answers.js';

export interface FlowContext {
  prompter: Prompter;
  /** Where section headers, help lines and the summary go: standard error. */
  err: OutStream;
  color: ChalkInstance;
  /** Custom rules are layered: ask everything that is not implied (see core/questionnaire.ts). */
  thorough?: boolean;
  /** Relative file names are saved here. */
  cwd: string;
  /** GPUs of the hardware catalog (id → name), offered as choices for `gpu`. */
  gpus?: Record<string, string>;
  /** The rule set's classical-problem test (classes.ts), for the skip rules. */
  isClassical: (a: RawAnswers) => boolean;
}

const DECIDE = '__decide__';
const REFINE = '__refine__';

function choiceName(value: string, description: string): string {
  return description === value || description === value.replace(/-/g, ' ') ? value : `${value} — ${description}`;
}

/** Asks one field, with its help line above the question. Returns undefined for an empty optional answer. */
export async function askField(ctx: FlowContext, f: FieldDef, current?: unknown, answers: RawAnswers = {}): Promise<unknown> {
  // Wrapped to the terminal, so a long line does not break mid-word at the edge; the example
  // fits the task chosen (images for vision, audio clips for speech, conversations for chat).
  ctx.err.write(ctx.color.dim(wrap(helpFor(f, answers), '  ', helpWidth(ctx))) + '\n');
  const dflt = current ?? f.default;
  switch (f.kind) {
    case 'enum':
      return ctx.prompter.select({
        message: f.question,
        choices: f.choices!.map((c) => ({ value: c.value, name: choiceName(c.value, c.description), short: c.value })),
        default: typeof dflt === 'string' ? dflt : undefined,
        pageSize: 12,
      });
    case 'boolean':
      return ctx.prompter.confirm({ message: f.question, default: typeof dflt === 'boolean' ? dflt : false });
    case 'integer':
    case 'number': {
      const text = await ctx.prompter.input({
        message: f.question + (f.default !== undefined ? '' : dflt === undefined ? ' (optional)' : ' (optional; "none" clears it)'),
        default: typeof dflt === 'number' ? formatNumber(dflt) : undefined,
        validate: (t) => {
          const r = readNumberAnswer(f, t);
          return r.ok ? true : r.message;
        },
        // Once answered, show the number as read (10k → 10,000), or that none was given.
        transformer: (t, { isFinal }) => {
          if (!isFinal) return t;
          const r = readNumberAnswer(f, t);
          return r.ok ? (r.value === undefined ? 'not given' : formatNumber(r.value)) : t;
        },
      });
      const r = readNumberAnswer(f, text);
      return r.ok ? r.value : undefined;
    }
    case 'string': {
      if (f.name === 'gpu' && ctx.gpus && Object.keys(ctx.gpus).length) {
        // Only catalog GPUs can be estimated, so offer exactly those (and "no preference").
        const NONE = '__none__';
        const picked = await ctx.prompter.select({
          message: f.question,
          choices: [{ value: NONE, name: 'no preference — use the default for this kind of model', short: 'default' }, ...Object.entries(ctx.gpus).map(([id, name]) => ({ value: id, name: `${id} — ${name}`, short: id }))],
          default: typeof dflt === 'string' ? dflt : NONE,
          pageSize: 12,
        });
        return picked === NONE ? undefined : picked;
      }
      const text = await ctx.prompter.input({
        message: f.question + (f.required ? '' : ' (optional)'),
        default: typeof dflt === 'string' ? dflt : undefined,
        validate: (t) => (t.trim() === '' && !f.required) || fieldAccepts(f, coerceFieldText(f, t)) || 'Enter a value.',
      });
      return text.trim() === '' ? undefined : coerceFieldText(f, text);
    }
  }
}

/** Lines written around the prompts fit the terminal, so that none breaks mid-word at its edge. */
const helpWidth = (ctx: FlowContext) => Math.min(ctx.err.columns ?? 100, 100) - 1;

function writeSection(ctx: FlowContext, id: Section): void {
  const s = sectionOf(id);
  ctx.err.write(`\n${wrap(`${ctx.color.bold(s.title)}: ${s.question}`, '', helpWidth(ctx))}\n`);
}

/** The answers given so far, one line each, in questionnaire order. */
export function summaryText(answers: RawAnswers, color: ChalkInstance): string {
  const fields = editableFields({ refine: true }).filter((f) => answers[f.name] !== undefined);
  const width = Math.max(...fields.map((f) => f.name.length));
  const lines = fields.map((f) => `  ${f.name.padEnd(width)}  ${formatAnswer(answers[f.name])}`);
  return `\n${color.bold('Your answers')}\n${lines.join('\n')}\n${color.dim('  Everything else takes its documented default (see `ml-advisor schema answers`).')}\n`;
}

function answered(a: RawAnswers, f: FieldDef, v: unknown): RawAnswers {
  const out = { ...a };
  if (v === undefined) delete out[f.name];
  else out[f.name] = v;
  return out;
}

/**
 * The whole questionnaire: the framework's questions in order, skipping what can no longer
 * matter, then a summary where any answer can be changed. Returns the answers to decide on
 * (only what was asked, implied or changed by hand: the rest stays at its default).
 */
export async function runQuestionnaire(ctx: FlowContext): Promise<RawAnswers> {
  const opts: PlanOptions = { thorough: ctx.thorough, isClassical: ctx.isClassical };
  const st = newPlanState();
  let a: RawAnswers = {};
  let lastSection: Section | undefined;
  ctx.err.write(`${wrap(`${ctx.color.bold('ml-advisor')} walks through the three questions of the framework, then the constraints. Enter takes the default; Ctrl-C stops at any time.`, '', helpWidth(ctx))}\n`);
  for (;;) {
    a = reconcile(a, st, opts);
    const step = nextStep(a, settledFields(st), opts);
    if (step.kind === 'ask') {
      if (step.section !== lastSection) writeSection(ctx, (lastSection = step.section));
      a = answered(a, step.field, await askField(ctx, step.field, step.default, a));
      st.asked.add(step.field.name);
      continue;
    }
    if (step.kind === 'offer-refinements') {
      ctx.err.write('\n');
      opts.refine = await ctx.prompter.confirm({
        message: 'Sharpen the estimates with what you know about the model size, data size, GPUs, prices and team?',
        default: false,
      });
      continue;
    }
    ctx.err.write(summaryText(a, ctx.color));
    const choice = await ctx.prompter.select<string>({
      message: 'Decide with these answers, or change one?',
      choices: [
        { value: DECIDE, name: 'Decide with these answers' },
        ...(opts.refine ? [] : [{ value: REFINE, name: 'Add what you know for sharper estimates (model size, data size, GPUs, prices, team)' }]),
        ...editableFields(opts).map((f) => ({ value: f.name, name: `Change ${f.name} (${currentText(f, a)})`, short: f.name })),
      ],
      default: DECIDE,
      pageSize: 12,
    });
    if (choice === DECIDE) return a;
    if (choice === REFINE) {
      opts.refine = true;
      continue;
    }
    const f = FIELD_BY_NAME.get(choice)!;
    a = answered(a, f, await askField(ctx, f, a[f.name] ?? relevanceDefault(f, a, opts), a));
    // Chosen by hand: kept even where the plan would not have asked it.
    if (!relevance(f, a, opts).ask) st.pinned.add(f.name);
    st.asked.add(f.name);
    st.implied.delete(f.name);
    lastSection = undefined;
  }
}

function currentText(f: FieldDef, a: RawAnswers): string {
  if (a[f.name] !== undefined) return formatAnswer(a[f.name]);
  if (f.name === 'modality' && modalityOf(a)) return `${modalityOf(a)}, from the task`;
  return f.default === undefined ? 'not given' : `default: ${formatAnswer(f.default)}`;
}

function relevanceDefault(f: FieldDef, a: RawAnswers, opts: PlanOptions): unknown {
  const r = relevance(f, a, opts);
  if (f.name === 'modality') return modalityOf(a);
  return r.ask ? r.default : r.implied;
}

/** With answers from a file or `--set` that lack required fields: asks only for those. */
export async function askMissing(ctx: FlowContext, raw: RawAnswers, origin: string | undefined): Promise<RawAnswers> {
  let a = { ...raw };
  let missing = missingRequired(a);
  if (missing.length) ctx.err.write(`${origin ? `${origin} lacks` : 'The answers lack'} ${missing.map((f) => f.name).join(', ')}; asking for ${missing.length === 1 ? 'it' : 'them'}.\n`);
  while (missing.length) {
    // In questionnaire order: modality (missing for task "other") comes right after the task.
    const f = FIELDS.find((x) => missing.includes(x))!;
    a = answered(a, f, await askField(ctx, f, relevanceDefault(f, a, { isClassical: ctx.isClassical }), a));
    missing = missingRequired(a);
  }
  return a;
}

/**
 * Saves the answers as YAML. `file` given (from --save) saves without asking whether to save;
 * otherwise the person is asked. An existing file is replaced only after a yes.
 */
export async function saveAnswers(ctx: FlowContext, answers: RawAnswers, file?: string, opts: { force?: boolean } = {}): Promise<string | undefined> {
  if (file === undefined) {
    ctx.err.write('\n');
    const save = await ctx.prompter.confirm({ message: 'Save these answers to a file, to run the same decision again (e.g. in CI)?', default: false });
    if (!save) return undefined;
  }
  let target = file;
  for (;;) {
    target ??= (await ctx.prompter.input({ message: 'File name:', default: 'answers.yaml', validate: (t) => t.trim() !== '' || 'Enter a file name.' })).trim();
    const text = await answersToYaml(answers, target);
    try {
      writeFileSafely(resolve(ctx.cwd, target), text, { overwrite: opts.force === true && target === file });
      break;
    } catch (e) {
      if (!(e instanceof FileExistsError)) throw e;
      if (await ctx.prompter.confirm({ message: `${target} already exists. Replace it?`, default: false })) {
        writeFileSafely(resolve(ctx.cwd, target), text, { overwrite: true });
        break;
      }
      target = undefined;
    }
  }
  ctx.err.write(`Saved to ${target}. The same decision without questions: ml-advisor decide --answers ${target}\n`);
  return target;
}
