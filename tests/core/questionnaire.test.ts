// The questionnaire plan as tables: which questions a person is asked for a given set of answers.
import { describe, expect, it } from 'vitest';
import { FIELD_BY_NAME, FIELDS } from '../../src/core/answers/fields.js';
import { checkAnswers } from '../../src/core/answers/check.js';
import { choose } from '../../src/core/decide/choose.js';
import {
  labelsMayBeNeeded, newPlanState, nextStep, readNumberAnswer, reconcile, relevance, settledFields, type PlanOptions, type RawAnswers,
} from '../../src/core/answers/question-plan.js';
import { builtInRuleSet } from '../helpers.js';
import { classicalTestFor } from '../../src/core/rules/classes.js';

/** The plan as the CLI runs it: the built-in rules' classical-problem test. */
const PLAN: PlanOptions = { isClassical: classicalTestFor(builtInRuleSet()) };

/**
 * Walks the plan as the terminal flow does: each asked field takes its value from `script`, or
 * the default the plan offers. Returns the fields asked, in order, and the answers at the end.
 */
function walk(script: RawAnswers & { refine?: boolean }, opts: Partial<PlanOptions> = {}): { asked: string[]; answers: RawAnswers } {
  const { refine, ...values } = script;
  const o: PlanOptions = { ...PLAN, ...opts };
  const st = newPlanState();
  const order: string[] = [];
  let a: RawAnswers = {};
  for (let guard = 0; guard < 100; guard++) {
    a = reconcile(a, st, o);
    const step = nextStep(a, settledFields(st), o);
    if (step.kind === 'done') return { asked: order, answers: a };
    if (step.kind === 'offer-refinements') {
      o.refine = refine ?? false;
      continue;
    }
    const v = step.field.name in values ? values[step.field.name] : step.default;
    if (v !== undefined) a[step.field.name] = v;
    st.asked.add(step.field.name);
    order.push(step.field.name);
  }
  throw new Error('the plan did not finish');
}

const Q2 = ['domainShift', 'labeledExamples', 'unlabeledExamples', 'labelSource'];
const CONSTRAINTS = ['sensitiveDomain', 'privacy', 'deployment', 'latencyMs', 'accuracyTarget', 'baselineTried', 'dataQuality'];
const TYPICAL = { task: 'text-classification', existingModel: 'close', labeledExamples: 2500 };

describe('questionnaire plan', () => {
  it('asks in framework order: question 1, 2, 3, constraints', () => {
    expect(walk(TYPICAL).asked).toEqual([
      'task', 'existingModel', 'offTheShelfResult',
      ...Q2,
      'proprietaryData', 'budgetUsd', 'timelineWeeks', 'mlExpertise',
      ...CONSTRAINTS,
    ]);
  });

  it.each([
    // [what, script, asked, not asked]
    ['modality: fixed by the task', { task: 'image-classification', existingModel: 'close' }, [], ['modality']],
    ['modality: required for task other', { task: 'other', modality: 'graph', existingModel: 'none' }, ['modality'], []],
    ['modality: asked for anomaly detection (tabular or signals?)', { task: 'anomaly-detection', existingModel: 'close' }, ['modality'], []],
    ['offTheShelfResult: no model found', { task: 'translation', existingModel: 'none' }, [], ['offTheShelfResult']],
    ['offTheShelfResult: nobody searched yet', { task: 'translation', existingModel: 'unknown' }, [], ['offTheShelfResult']],
    ['offTheShelfResult: an exact model', { task: 'translation', existingModel: 'exact' }, ['offTheShelfResult'], []],
    ['solved on own data: no question 2, no data or expertise questions',
      { task: 'sentiment-analysis', existingModel: 'exact', offTheShelfResult: 'meets-target' },
      ['budgetUsd', 'timelineWeeks', 'sensitiveDomain', 'privacy', 'deployment', 'baselineTried', 'dataQuality'],
      [...Q2, 'proprietaryData', 'mlExpertise', 'accuracyTarget']],
    ['below target: everything', { task: 'sentiment-analysis', existingModel: 'exact', offTheShelfResult: 'below-target' }, [...Q2, 'proprietaryData', 'mlExpertise', 'accuracyTarget'], []],
    ['classical problem: no domain shift, no unlabelled data', { task: 'tabular-regression', existingModel: 'none', labeledExamples: 500 }, ['labeledExamples', 'labelSource'], ['domainShift', 'unlabeledExamples']],
    ['classical problem with enough rows: no label source', { task: 'tabular-classification', existingModel: 'none', labeledExamples: 5000 }, [], ['labelSource']],
    ['anomaly detection on images is not classical', { task: 'anomaly-detection', modality: 'image', existingModel: 'close' }, ['domainShift', 'unlabeledExamples'], []],
    ['anomaly detection on rows is classical', { task: 'anomaly-detection', modality: 'tabular', existingModel: 'close' }, [], ['domainShift', 'unlabeledExamples']],
    ['few labels: who labels more', { ...TYPICAL, labeledExamples: 50 }, ['labelSource'], []],
    ['plenty of labels and a model to adapt: no label source', { ...TYPICAL, labeledExamples: 20000 }, [], ['labelSource']],
    ['plenty of labels but nothing close (scratch possible)', { task: 'translation', existingModel: 'none', labeledExamples: 20000, unlabeledExamples: 0 }, ['labelSource'], []],
    ['nothing close, a huge unlabelled corpus', { task: 'translation', existingModel: 'none', labeledExamples: 20000, unlabeledExamples: 2000000 }, [], ['labelSource']],
  ] as const)('%s', (_what, script, asked, notAsked) => {
    const got = walk(script as RawAnswers).asked;
    for (const f of asked) expect(got).toContain(f);
    for (const f of notAsked) expect(got).not.toContain(f);
  });

  it('records what the answers imply: a model nobody found was never scored', () => {
    const { answers } = walk({ task: 'translation', existingModel: 'none' });
    expect(answers.offTheShelfResult).toBe('not-evaluated');
  });

  it('offers the task\'s usual modality as the default for mixed tasks', () => {
    expect(relevance(FIELD_BY_NAME.get('modality')!, { task: 'time-series-forecasting' }, PLAN)).toEqual({ ask: true, default: 'time-series' });
    expect(relevance(FIELD_BY_NAME.get('modality')!, { task: 'other' }, PLAN)).toEqual({ ask: true });
  });

  it('asks refinements only when the person opts in', () => {
    expect(walk(TYPICAL).asked.some((f) => FIELD_BY_NAME.get(f)!.section === 'refine')).toBe(false);
    const text = walk({ ...TYPICAL, refine: true }).asked;
    expect(text).toEqual(expect.arrayContaining(['modelParams', 'trainingTokens', 'gpu', 'gpuCount', 'gpuHourlyUsd', 'mfu', 'engineerWeeklyUsd', 'teamSize']));
    expect(text).not.toContain('trainingSamples');
    const image = walk({ task: 'object-detection', existingModel: 'close', refine: true }).asked;
    expect(image).toContain('trainingSamples');
    expect(image).not.toContain('trainingTokens');
    const solved = walk({ task: 'sentiment-analysis', existingModel: 'exact', offTheShelfResult: 'meets-target', refine: true }).asked;
    expect(solved).toEqual(expect.arrayContaining(['modelParams', 'gpu', 'gpuHourlyUsd', 'engineerWeeklyUsd', 'teamSize']));
    for (const f of ['trainingTokens', 'trainingSamples', 'mfu', 'gpuCount']) expect(solved).not.toContain(f);
  });

  it('with custom rules (thorough) skips only what is implied', () => {
    const solved = { task: 'sentiment-analysis', existingModel: 'exact', offTheShelfResult: 'meets-target' };
    const got = walk(solved, { thorough: true }).asked;
    expect(got).toEqual(expect.arrayContaining([...Q2, 'proprietaryData', 'mlExpertise', 'accuracyTarget']));
    expect(walk({ task: 'translation', existingModel: 'none' }, { thorough: true }).asked).not.toContain('offTheShelfResult');
  });

  it('after an edit: drops answers that stop applying, asks what becomes relevant, keeps pinned ones', () => {
    const st = newPlanState();
    ['task', 'existingModel', 'offTheShelfResult', 'domainShift'].forEach((f) => st.asked.add(f));
    const a = reconcile({ task: 'translation', existingModel: 'none', offTheShelfResult: 'below-target', domainShift: 'large' }, st, PLAN);
    expect(a.offTheShelfResult).toBe('not-evaluated');
    expect(st.implied.has('offTheShelfResult')).toBe(true);
    // existingModel back to exact: the implied score is dropped, so the plan asks it next.
    const back = reconcile({ ...a, existingModel: 'exact' }, st, PLAN);
    expect(back.offTheShelfResult).toBeUndefined();
    const next = nextStep(back, settledFields(st), PLAN);
    expect(next.kind === 'ask' && next.field.name).toBe('offTheShelfResult');

    const st2 = newPlanState();
    ['task', 'existingModel', 'offTheShelfResult', 'domainShift', 'labelSource'].forEach((f) => st2.asked.add(f));
    st2.pinned = new Set(['labelSource']);
    const b = reconcile({ task: 'translation', existingModel: 'exact', offTheShelfResult: 'meets-target', domainShift: 'large', labelSource: 'expert' }, st2, PLAN);
    expect(b.domainShift).toBeUndefined();
    expect(st2.asked.has('domainShift')).toBe(false);
    expect(b.labelSource).toBe('expert');
  });

  // The skip rules claim that a skipped field can't change the recommendation. Check it against
  // the built-in rules: for each scenario, every value of every skipped field gives the same spot.
  it.each([
    { task: 'sentiment-analysis', existingModel: 'exact', offTheShelfResult: 'meets-target' },
    { task: 'text-classification', existingModel: 'close', offTheShelfResult: 'meets-target', mlExpertise: 'none', accuracyTarget: 'prototype' },
    { task: 'tabular-regression', existingModel: 'none', labeledExamples: 500 },
    { task: 'recommendation', existingModel: 'close', labeledExamples: 50000, mlExpertise: 'strong' },
    { task: 'anomaly-detection', modality: 'time-series', existingModel: 'unknown', labeledExamples: 100 },
    { task: 'translation', existingModel: 'none', labeledExamples: 20000, unlabeledExamples: 2000000, mlExpertise: 'strong' },
    { task: 'text-classification', existingModel: 'close', labeledExamples: 50000 },
  ])('skipped fields do not move the recommendation: %o', (script) => {
    const { asked, answers } = walk(script);
    const base = checkAnswers(answers);
    if (!base.ok) throw new Error(JSON.stringify(base.issues));
    const rs = builtInRuleSet();
    const expected = choose(base.answers, rs).approach;
    const skipped = FIELDS.filter((f) => f.section !== 'refine' && !asked.includes(f.name) && f.name !== 'modality' && answers[f.name] === undefined);
    expect(skipped.length).toBeGreaterThan(0);
    const probes: Record<string, unknown[]> = { integer: [0, 99, 100, 999, 1000, 10000, 100000, 1000000, 10000000], number: [1, 100000, 500000, 1000000], boolean: [true, false] };
    for (const f of skipped) {
      for (const v of f.kind === 'enum' ? f.choices!.map((c) => c.value) : probes[f.kind] ?? []) {
        const alt = checkAnswers({ ...answers, [f.name]: v });
        if (!alt.ok) continue;
        expect({ field: f.name, value: v, approach: choose(alt.answers, rs).approach }).toEqual({ field: f.name, value: v, approach: expected });
      }
    }
  });

  it('needs no label source once labels are plentiful for every reachable spot', () => {
    expect(labelsMayBeNeeded({ task: 'text-classification', existingModel: 'close', labeledExamples: 9999 }, PLAN)).toBe(true);
    expect(labelsMayBeNeeded({ task: 'text-classification', existingModel: 'close', labeledExamples: 10000 }, PLAN)).toBe(false);
    expect(labelsMayBeNeeded({ task: 'tabular-classification', existingModel: 'none', labeledExamples: 999 }, PLAN)).toBe(true);
    expect(labelsMayBeNeeded({ task: 'tabular-classification', existingModel: 'none', labeledExamples: 1000 }, PLAN)).toBe(false);
  });
});

describe('reading numbers typed at a prompt', () => {
  const f = (name: string) => FIELD_BY_NAME.get(name)!;
  it.each([
    ['labeledExamples', '1,000', 1000],
    ['labeledExamples', '10k', 10000],
    ['labeledExamples', '2.5M', 2500000],
    ['labeledExamples', ' 0 ', 0],
    ['budgetUsd', '40k', 40000],
    ['budgetUsd', '', undefined],
    ['timelineWeeks', '', undefined],
    ['budgetUsd', 'none', undefined],
    ['mfu', '0.35', 0.35],
    ['mfu', '35%', 0.35],
    ['budgetUsd', '$60,000', 60000],
    ['timelineWeeks', '12 weeks', 12],
    ['modelParams', '7B', 7e9],
    ['trainingTokens', '1.4T', 1.4e12],
  ])('%s: %j → %j', (name, text, value) => {
    expect(readNumberAnswer(f(name), text)).toEqual({ ok: true, value });
  });
  it.each([
    ['labeledExamples', 'abc', '"abc" is not a number: enter a whole number ≥ 0 and ≤ 1,000,000,000,000, e.g. 2,500.'],
    ['labeledExamples', '35%', '"35%" is a percentage, but this is a count of labelled examples: write the figure itself, e.g. 2,500.'],
    ['budgetUsd', '€40k', '"€40k" is another currency; figures here are in US dollars: convert it to USD first, e.g. $40k.'],
    ['timelineWeeks', '3 months', '"3 months" is months, but this is in weeks: convert it: about 13 weeks.'],
    ['labeledExamples', '-3', '-3 is out of range: enter a whole number ≥ 0 and ≤ 1,000,000,000,000.'],
    ['labeledExamples', '2.5', '2.5 is not a whole number: enter a whole number ≥ 0 and ≤ 1,000,000,000,000.'],
    ['labeledExamples', '', 'Enter a whole number ≥ 0 and ≤ 1,000,000,000,000.'],
    ['labeledExamples', 'none', '"none" is not a number: enter a whole number ≥ 0 and ≤ 1,000,000,000,000, e.g. 2,500.'],
    ['timelineWeeks', '0', '0 is out of range: enter a number > 0 and ≤ 520.'],
    ['mfu', '1.5', '1.5 is out of range: enter a number ≥ 0.001 and ≤ 1.'],
    ['gpuCount', '0', '0 is out of range: enter a whole number ≥ 1 and ≤ 1,000,000.'],
  ])('%s: %j → %s', (name, text, message) => {
    expect(readNumberAnswer(f(name), text)).toEqual({ ok: false, message });
  });
});
