// The questionnaire as data: given the answers so far, which question comes next. Pure, so
// every skip rule is a table row in tests/core/questionnaire.test.ts; the prompting lives in
// src/commands/questionnaire.ts.
//
// Order is the framework's (contract §1): question 1, question 2, question 3, constraints, then
// the refinements only when the person asks for sharper estimates. A field is skipped for one of
// two reasons, and the difference matters for the saved answers:
//   - implied: the earlier answers already say what it is (a model nobody found was never
//     scored), so the value is recorded as an answer, exactly as if the person had typed it;
//   - irrelevant: with the built-in rules it can't move the recommendation, its warnings or its
//     estimates any more; it keeps its documented default and stays out of the saved answers.
// Irrelevance is judged against rules/decision.yaml. When the person layers rule files of their
// own (`--rules`), those rules may read any field, so `thorough` turns irrelevance skips off and
// only the implied ones remain.
import { FIELDS, SECTIONS, TASK_MODALITY, type FieldDef, type Section } from './fields.js';
import { fieldAccepts, expectedText } from './check.js';
import { readFieldNumber } from './human-number.js';

export type RawAnswers = Record<string, unknown>;

export interface PlanOptions {
  /**
   * Whether the answers so far make a classical problem: the rule set's `classical-problem`
   * define, which the caller evaluates (the plan sits below the rules and does not read them).
   */
  isClassical: (a: RawAnswers) => boolean;
  /** Ask the refinements section (the person opted in to sharper estimates). */
  refine?: boolean;
  /** Custom rules are layered: ask every question that is not implied. */
  thorough?: boolean;
}

/** Tasks whose data can be of more than one kind, so the modality changes the advice. */
const MIXED_MODALITY_TASKS = new Set(['anomaly-detection', 'time-series-forecasting']);
/** Modalities that are text: trainingTokens applies to them, trainingSamples to the rest. */
const TEXT_MODALITIES = new Set(['text']);

/** The modality the answers imply: given, or derived from the task. */
export function modalityOf(a: RawAnswers): string | undefined {
  if (typeof a.modality === 'string') return a.modality;
  if (typeof a.task === 'string' && a.task !== 'other') return TASK_MODALITY[a.task as keyof typeof TASK_MODALITY];
  return undefined;
}

/**
 * A pre-trained model already reaches the target on the person's own test set. The built-in rule
 * `meets-target-on-own-data` then chooses use-as-is above every other decide rule, and no limit
 * can move it right (the only `atLeast` limit needs a below-target score), so nothing about data,
 * expertise or the accuracy target can change the recommendation.
 */
export function solvedOnOwnData(a: RawAnswers): boolean {
  return (a.existingModel === 'exact' || a.existingModel === 'close') && a.offTheShelfResult === 'meets-target';
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/**
 * Whether more labels could still be needed, so that who would label them (labelSource) matters:
 * it prices the labelling and names the labellers in the next steps. The thresholds are the
 * insufficient-data warnings of the built-in rules: under 1,000 rows for a classical model; under
 * 10,000 labels for anything up to a heavy fine-tune; and, where training from scratch is still
 * possible (nothing public comes close), under 100,000 labels without a million unlabelled ones.
 */
export function labelsMayBeNeeded(a: RawAnswers, opts: PlanOptions): boolean {
  if (solvedOnOwnData(a)) return false;
  const labeled = num(a.labeledExamples);
  if (opts.isClassical(a)) return labeled < 1000;
  if (labeled < 10000) return true;
  return a.existingModel === 'none' && labeled < 100000 && num(a.unlabeledExamples) < 1000000;
}

export type Relevance =
  | { ask: true; default?: string | number | boolean }
  | { ask: false; implied?: string | number | boolean; why: string };

/** Whether to ask `field` given the answers so far, and with what default. */
export function relevance(field: FieldDef, a: RawAnswers, opts: PlanOptions): Relevance {
  const irrelevant = (why: string): Relevance => (opts.thorough ? { ask: true, default: field.default } : { ask: false, why });
  const solved = solvedOnOwnData(a);
  switch (field.name) {
    case 'modality': {
      // Required for "other"; for tasks whose data can be tabular or signals or images, the
      // modality decides whether this is a classical problem, so it is asked with the task's
      // usual modality as the default. Every other task fixes its modality.
      if (a.task === 'other') return { ask: true };
      if (MIXED_MODALITY_TASKS.has(a.task as string)) return { ask: true, default: modalityOf({ task: a.task }) };
      return { ask: false, why: 'follows from the task' };
    }
    case 'offTheShelfResult':
      // Nothing found (none) or nothing searched for (unknown): there was no model to score.
      if (a.existingModel === 'none' || a.existingModel === 'unknown') return { ask: false, implied: 'not-evaluated', why: 'no pre-trained model to score' };
      return { ask: true, default: field.default };
    case 'domainShift':
      // Used only by rules that adapt a pre-trained model; a solved problem and a classical one
      // (trained on its own rows) are decided without it.
      if (solved) return irrelevant('a pre-trained model already meets the target');
      if (opts.isClassical(a)) return irrelevant('a classical model learns from your own rows');
      return { ask: true, default: field.default };
    case 'labeledExamples':
      if (solved) return irrelevant('a pre-trained model already meets the target');
      return { ask: true, default: field.default };
    case 'unlabeledExamples':
      // Unlabelled data helps domain-adaptive pre-training of deep models; a classical model
      // learns only from labelled rows.
      if (solved) return irrelevant('a pre-trained model already meets the target');
      if (opts.isClassical(a)) return irrelevant('a classical model learns only from labelled rows');
      return { ask: true, default: field.default };
    case 'labelSource':
      if (!labelsMayBeNeeded(a, opts)) return irrelevant('no more labels will be needed');
      return { ask: true, default: field.default };
    case 'proprietaryData':
    case 'mlExpertise':
      // Both weigh only on adapting or training a model, which a solved problem does not need.
      if (solved) return irrelevant('a pre-trained model already meets the target');
      return { ask: true, default: field.default };
    case 'accuracyTarget':
      // "meets-target" already says the model is as good as it must be.
      if (solved) return irrelevant('the pre-trained model already meets your target');
      return { ask: true, default: field.default };
    case 'trainingTokens':
    case 'trainingSamples': {
      if (solved) return irrelevant('nothing will be trained');
      const text = TEXT_MODALITIES.has(modalityOf(a) ?? '');
      if ((field.name === 'trainingTokens') !== text) {
        return irrelevant(text ? 'text models are sized in tokens' : 'only text models are sized in tokens');
      }
      return { ask: true, default: field.default };
    }
    case 'mfu':
    case 'gpuCount':
      if (solved) return irrelevant('nothing will be trained');
      return { ask: true, default: field.default };
    default:
      return { ask: true, default: field.default };
  }
}

export type Step =
  | { kind: 'ask'; field: FieldDef; section: Section; default?: string | number | boolean }
  | { kind: 'offer-refinements' }
  | { kind: 'done' };

/**
 * The next step, given the answers so far and the fields already dealt with (`settled`: asked,
 * given in a file, or skipped). Implied values are applied to `answers` by the caller through
 * `applyImplied`, before asking.
 */
export function nextStep(a: RawAnswers, settled: ReadonlySet<string>, opts: PlanOptions): Step {
  for (const f of FIELDS) {
    if (settled.has(f.name)) continue;
    if (f.section === 'refine') {
      if (opts.refine === undefined) return { kind: 'offer-refinements' };
      if (!opts.refine) continue;
    }
    const r = relevance(f, a, opts);
    if (!r.ask) continue;
    return { kind: 'ask', field: f, section: f.section, default: a[f.name] !== undefined ? (a[f.name] as string | number | boolean) : r.default };
  }
  return { kind: 'done' };
}

/** What the flow knows about each field beyond its value. */
export interface PlanState {
  /** Asked (answered, or left empty) by the person. */
  asked: Set<string>;
  /** Filled in from earlier answers (see `relevance`), not asked. */
  implied: Set<string>;
  /** Chosen by hand in the summary: kept whatever the plan says. */
  pinned: Set<string>;
}

export const newPlanState = (): PlanState => ({ asked: new Set(), implied: new Set(), pinned: new Set() });

/** Fields the plan is done with: `nextStep` does not ask them again. */
export const settledFields = (st: PlanState): Set<string> => new Set([...st.asked, ...st.implied, ...st.pinned]);

/**
 * Records the values the earlier answers imply, and undoes what no longer holds after an edit in
 * the summary: an answer the plan asked for that can't matter any more goes back to its default
 * (existingModel changed to none makes a below-target score meaningless), and an implied value
 * whose reason is gone is dropped so the field is asked (existingModel changed from none to exact:
 * now there is a model to score). Returns the new answers and updates `st`.
 */
export function reconcile(a: RawAnswers, st: PlanState, opts: PlanOptions): RawAnswers {
  const out: RawAnswers = { ...a };
  for (const f of FIELDS) {
    if (st.pinned.has(f.name)) continue;
    const r = relevance(f, out, opts);
    if (r.ask) {
      if (st.implied.delete(f.name)) delete out[f.name];
    } else if (r.implied !== undefined) {
      out[f.name] = r.implied;
      st.implied.add(f.name);
      st.asked.delete(f.name);
    } else if (st.asked.delete(f.name)) {
      delete out[f.name];
    }
  }
  return out;
}

/** The section that introduces a field, with its one-line question. */
export function sectionOf(id: Section): (typeof SECTIONS)[number] {
  return SECTIONS.find((s) => s.id === id)!;
}

/** Fields the questionnaire asks for at all (for the "change an answer" list). */
export function editableFields(opts: Pick<PlanOptions, 'refine'>): FieldDef[] {
  return FIELDS.filter((f) => f.section !== 'refine' || opts.refine);
}

/**
 * Reads what a person typed for a number field. Returns the number, `undefined` for an empty
 * optional answer, or a message that says what is expected.
 */
export function readNumberAnswer(field: FieldDef, text: string): { ok: true; value: number | undefined } | { ok: false; message: string } {
  const t = text.trim();
  const optional = field.default === undefined && !field.required;
  // "none" clears an optional answer that has a value: an empty line would keep it.
  if (optional && (t === '' || /^(none|-)$/i.test(t))) return { ok: true, value: undefined };
  if (t === '') return { ok: false, message: `Enter ${expectedText(field)}.` };
  const r = readFieldNumber(field, t);
  if (!r.ok) return { ok: false, message: `"${t}" is ${r.mistake ?? 'not a number'}: ${r.mistake ? r.hint : `enter ${expectedText(field)}, ${r.hint}`}.` };
  const v = r.value;
  if (field.kind === 'integer' && !Number.isInteger(v)) return { ok: false, message: `${formatNumber(v)} is not a whole number: enter ${expectedText(field)}.` };
  if (!fieldAccepts(field, v)) return { ok: false, message: `${formatNumber(v)} is out of range: enter ${expectedText(field)}.` };
  return { ok: true, value: v };
}

export function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** An answer as a person reads it in the summary. */
export function formatAnswer(v: unknown): string {
  if (v === undefined) return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return formatNumber(v);
  return String(v);
}

