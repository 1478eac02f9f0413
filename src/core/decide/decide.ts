// From answers and a rule set to a result. Pure and deterministic.
import { APPROACHES, FIELD_BY_NAME, type Answers, type Approach } from '../answers/fields.js';
import { familyFor } from '../catalog/catalog.js';
import { describeLeaf, evaluate, leafTrace, plainLeaves, predicateFor, type Predicate, formatValue, leavesOf, traceCondition, type Facts, type LeafTrace, type Rule } from '../rules/conditions.js';
import type { RuleSet } from '../rules/rule-set.js';
import type { Confidence, Rationale, Result, RuleTrace, Spot, SuggestedModel, Warning, WhatWouldChange } from '../result/result.js';
import { SCHEMA_VERSION } from '../result/result.js';
import { estimateSpectrum, type SpectrumEstimate, type SpotDetail } from '../estimate/spectrum.js';

export const APPROACH_LABEL: Record<Approach, string> = {
  'use-as-is': 'Use as-is',
  'feature-extraction': 'Feature extraction',
  'fine-tune': 'Fine-tune',
  'heavy-fine-tune': 'Heavy fine-tune',
  'train-from-scratch': 'Train from scratch',
};

export const positionOf = (a: Approach): number => APPROACHES.indexOf(a);

export interface Choice {
  approach: Approach;
  /** What the decide rules alone chose, before limits. */
  decidedApproach: Approach;
  decidedBy?: Rule;
  limits: Rule[];
  /** Rightmost position allowed by limits, and leftmost required. */
  cap: number;
  floor: number;
  /** Which limit rule set the cap / floor that bound. */
  capRule?: Rule;
  floorRule?: Rule;
}

/** The decision alone: decide rules by priority, then limits. Cheap enough to run many times. */
// The enabled decide rules by priority (highest first, ties in file order) and the enabled limit
// rules, once per rule set: choose() then stops at the first decide rule that holds. It runs a
// few dozen times per decision (what would change it), and per row in a batch.
interface Compiled {
  rule: Rule;
  holds: Predicate;
  /** The answer fields the rule tests (through named conditions too). */
  fields: ReadonlySet<string>;
}
interface ByKind {
  decide: Compiled[];
  limit: Compiled[];
  /** decidePrefixFields[i]: the fields tested by decide rules 0..i (in priority order). */
  decidePrefixFields: ReadonlySet<string>[];
  limitFields: ReadonlySet<string>;
}
const byKindCache = new WeakMap<RuleSet, ByKind>();

function rulesByKind(rs: RuleSet): ByKind {
  let c = byKindCache.get(rs);
  if (!c) {
    const enabled = rs.rules
      .filter((r) => r.enabled)
      .map((rule) => ({ rule, holds: predicateFor(rule.when, rs.defines), fields: new Set(leavesOf(rule.when, rs.defines).map((l) => l.field)) }));
    const decide = enabled.filter((x) => x.rule.kind === 'decide').sort((a, b) => b.rule.priority - a.rule.priority);
    const limit = enabled.filter((x) => x.rule.kind === 'limit');
    const decidePrefixFields: Set<string>[] = [];
    for (const x of decide) decidePrefixFields.push(new Set([...(decidePrefixFields[decidePrefixFields.length - 1] ?? []), ...x.fields]));
    c = { decide, limit, decidePrefixFields, limitFields: new Set(limit.flatMap((x) => [...x.fields])) };
    byKindCache.set(rs, c);
  }
  return c;
}

/** Which decide rule holds first (-1: none, the default decides) and which limits hold. */
interface Hits {
  best: number;
  limits: boolean[];
}

function firstHolding(list: readonly Compiled[], answers: Answers, from: number): number {
  for (let i = from; i < list.length; i++) if (list[i]!.holds(answers)) return i;
  return -1;
}

function hitsOf(answers: Answers, k: ByKind): Hits {
  return { best: firstHolding(k.decide, answers, 0), limits: k.limit.map((x) => x.holds(answers)) };
}

/**
 * The hits for `answers` that differ from a base answer set in one field only: rules that do not
 * test that field keep their base truth, so only the others are evaluated again. This is what
 * makes the what-would-change probes cheap.
 */
function hitsOfVariant(answers: Answers, field: string, base: Hits, k: ByKind): Hits {
  let best = -1;
  const end = base.best < 0 ? k.decide.length : base.best;
  for (let i = 0; i < end; i++) {
    const x = k.decide[i]!;
    if (x.fields.has(field) && x.holds(answers)) {
      best = i;
      break;
    }
  }
  if (best < 0 && base.best >= 0) {
    const x = k.decide[base.best]!;
    best = !x.fields.has(field) || x.holds(answers) ? base.best : firstHolding(k.decide, answers, base.best + 1);
  }
  const limits = new Array<boolean>(k.limit.length);
  for (let i = 0; i < k.limit.length; i++) {
    const x = k.limit[i]!;
    limits[i] = x.fields.has(field) ? x.holds(answers) : base.limits[i]!;
  }
  return { best, limits };
}

function choiceOf(h: Hits, k: ByKind, rs: RuleSet): Choice {
  const best = h.best >= 0 ? k.decide[h.best]!.rule : undefined;
  const limits = k.limit.filter((_, i) => h.limits[i]).map((x) => x.rule);
  const decidedApproach = best?.then.approach ?? rs.default.approach;
  let cap = APPROACHES.length - 1;
  let floor = 0;
  let capRule: Rule | undefined;
  let floorRule: Rule | undefined;
  for (const l of limits) {
    if (l.then.atMost && positionOf(l.then.atMost) < cap) {
      cap = positionOf(l.then.atMost);
      capRule = l;
    }
    if (l.then.atLeast && positionOf(l.then.atLeast) > floor) {
      floor = positionOf(l.then.atLeast);
      floorRule = l;
    }
  }
  // atMost wins a conflict: going further right than a constraint allows is the costlier mistake.
  const pos = Math.min(Math.max(positionOf(decidedApproach), floor), cap);
  return { approach: APPROACHES[pos]!, decidedApproach, decidedBy: best, limits, cap, floor, capRule, floorRule };
}

/** choiceOf(…).approach without building the Choice: all a probe needs. */
function approachOf(h: Hits, k: ByKind, rs: RuleSet): Approach {
  let pos = positionOf(h.best >= 0 ? k.decide[h.best]!.rule.then.approach! : rs.default.approach);
  let cap = APPROACHES.length - 1;
  let floor = 0;
  for (let i = 0; i < k.limit.length; i++) {
    if (!h.limits[i]) continue;
    const t = k.limit[i]!.rule.then;
    if (t.atMost) cap = Math.min(cap, positionOf(t.atMost));
    if (t.atLeast) floor = Math.max(floor, positionOf(t.atLeast));
  }
  pos = Math.min(Math.max(pos, floor), cap);
  return APPROACHES[pos]!;
}

export function choose(answers: Answers, rs: RuleSet): Choice {
  const k = rulesByKind(rs);
  return choiceOf(hitsOf(answers, k), k, rs);
}

function factsOf(rule: Rule, answers: Facts, rs: RuleSet): string[] {
  const leaves: LeafTrace[] = [];
  evaluate(rule.when, answers, rs.defines, leaves);
  const out: string[] = [];
  for (const l of leaves) {
    if (!l.holds) continue;
    const s = `${l.field} = ${formatValue(l.actual)}`;
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

/** The conditions of a rule that do not hold, as a trace would list them. */
function failedConditions(rule: Rule, answers: Facts, rs: RuleSet): LeafTrace[] {
  const out: LeafTrace[] = [];
  for (const { leaf, holds } of plainLeaves(rule.when, rs.defines)) if (!holds(answers)) out.push(leafTrace(leaf, answers, false));
  return out;
}

// ---------------------------------------------------------------------------------------------
// What would change the recommendation

const ENUM_PROBES = ['existingModel', 'offTheShelfResult', 'domainShift', 'mlExpertise', 'privacy', 'accuracyTarget', 'deployment'] as const;
const NUMERIC_PROBES = ['labeledExamples', 'unlabeledExamples', 'budgetUsd', 'timelineWeeks'] as const;

const FIELD_WORDS: Record<string, (v: string | number | boolean) => string> = {
  labeledExamples: (v) => `${formatValue(v as number)} labelled examples`,
  unlabeledExamples: (v) => `${formatValue(v as number)} unlabelled examples`,
  budgetUsd: (v) => `a budget of ${formatValue(v as number)} USD`,
  timelineWeeks: (v) => `${formatValue(v as number)} weeks`,
  existingModel: (v) => ({ exact: 'a public model for your exact task', close: 'a public model for a related task', none: 'no public model close to the task', unknown: 'no search for models yet' })[v as string] ?? String(v),
  offTheShelfResult: (v) => ({ 'meets-target': 'an off-the-shelf model that meets your target on your own test set', 'below-target': 'an off-the-shelf model that falls short on your test set', 'not-evaluated': 'no evaluation on your own data' })[v as string] ?? String(v),
  domainShift: (v) => `${v === 'none' ? 'no' : v} domain shift`,
  mlExpertise: (v) => ({ none: 'no ML expertise', some: 'some ML expertise', strong: 'strong ML expertise' })[v as string] ?? String(v),
  privacy: (v) => (v === 'self-hosted-only' ? 'data that must stay on your own machines' : 'data allowed in the cloud'),
  accuracyTarget: (v) => `a ${v} accuracy target`,
  deployment: (v) => `deployment on ${v}`,
  proprietaryData: (v) => (v ? 'proprietary data' : 'data like public data'),
};

// The thresholds depend only on the rule set: computed once per set and field (a batch asks for
// them on every row).
const thresholdCache = new WeakMap<RuleSet, Map<string, readonly number[]>>();

function thresholdsFor(field: string, rs: RuleSet): readonly number[] {
  let byField = thresholdCache.get(rs);
  if (!byField) thresholdCache.set(rs, (byField = new Map()));
  let ts = byField.get(field);
  if (!ts) byField.set(field, (ts = computeThresholds(field, rs)));
  return ts;
}

const testedCache = new WeakMap<RuleSet, ReadonlySet<string>>();

/** The answer fields some enabled decide or limit rule tests. */
function fieldsTested(rs: RuleSet): ReadonlySet<string> {
  let t = testedCache.get(rs);
  if (!t) {
    const { decide: d, limit } = rulesByKind(rs);
    t = new Set([...d, ...limit].flatMap((x) => [...x.fields]));
    testedCache.set(rs, t);
  }
  return t;
}

function computeThresholds(field: string, rs: RuleSet): number[] {
  const out = new Set<number>();
  for (const rule of rs.rules) {
    if (!rule.enabled || rule.kind === 'warn') continue;
    for (const l of leavesOf(rule.when, rs.defines)) {
      if (l.field !== field || typeof l.value !== 'number') continue;
      if (l.op === 'gte' || l.op === 'lt') out.add(l.value);
      if (l.op === 'gt' || l.op === 'lte') out.add(l.value + (FIELD_BY_NAME.get(field)?.kind === 'integer' ? 1 : 0.001));
    }
  }
  return [...out].sort((a, b) => a - b);
}

export function whatWouldChange(answers: Answers, rs: RuleSet, current: Approach): { changes: WhatWouldChange[]; nearTie: boolean } {
  const changes: WhatWouldChange[] = [];
  let nearTie = false;
  // The sentence is built only for a probe that changes the answer: most do not.
  // One scratch copy, changed and restored field by field; each probe re-evaluates only the
  // rules that test the field it changes.
  const alt = { ...answers } as unknown as Record<string, unknown>;
  const k = rulesByKind(rs);
  const base = hitsOf(answers, k);
  // A field can change the choice only if a limit tests it, or a decide rule up to and including
  // the one that decided (a later rule only matters if that one stops holding, which needs it to
  // test the field). Probing any other field cannot change anything.
  const decideFields = base.best >= 0 ? k.decidePrefixFields[base.best]! : k.decidePrefixFields[k.decidePrefixFields.length - 1] ?? new Set<string>();
  const canChange = (field: string) => decideFields.has(field) || k.limitFields.has(field);
  const probe = (field: string, value: string | number | boolean, text: () => string) => {
    const was = alt[field];
    alt[field] = value;
    const a = approachOf(hitsOfVariant(alt as unknown as Answers, field, base, k), k, rs);
    alt[field] = was;
    if (a !== current) changes.push({ field, value, approach: a, text: `${text()} this becomes ${a}` });
    return a !== current;
  };
  for (const field of NUMERIC_PROBES) {
    if (!canChange(field)) continue;
    const cur = (answers as unknown as Record<string, number | undefined>)[field];
    const ts = thresholdsFor(field, rs);
    // The nearest threshold above and below the current value that changes the answer.
    const words = FIELD_WORDS[field]!;
    for (const up of ts) {
      if (cur !== undefined && up <= cur) continue;
      if (probe(field, up, () => `with ${words(up)} or more`)) {
        if (cur !== undefined && cur > 0 && up / cur <= 2) nearTie = true;
        break;
      }
    }
    if (cur !== undefined) {
      for (let i = ts.length - 1; i >= 0; i--) {
        const down = ts[i]!;
        if (down <= 0 || down > cur) continue;
        const below = FIELD_BY_NAME.get(field)?.kind === 'integer' ? down - 1 : down * 0.999;
        if (probe(field, below, () => `with fewer than ${words(down)}`)) {
          if (cur / down <= 1.5) nearTie = true;
          break;
        }
      }
    }
  }
  // A field no decide or limit rule tests cannot change the choice: no need to try its values.
  const tested = fieldsTested(rs);
  for (const field of ENUM_PROBES) {
    if (!tested.has(field) || !canChange(field)) continue;
    const cur = (answers as unknown as Record<string, string>)[field];
    for (const c of FIELD_BY_NAME.get(field)!.choices!) {
      if (c.value === cur || c.value === 'unknown' || c.value === 'not-evaluated') continue;
      probe(field, c.value, () => `with ${FIELD_WORDS[field]!(c.value)}`);
    }
  }
  if (tested.has('proprietaryData') && canChange('proprietaryData')) probe('proprietaryData', !answers.proprietaryData, () => `with ${FIELD_WORDS.proprietaryData!(!answers.proprietaryData)}`);
  // Keep one change per resulting spot per field, numeric changes first, at most eight.
  const seen = new Set<string>();
  const kept = changes.filter((c) => {
    const k = `${c.field}:${c.approach}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { changes: kept.slice(0, 8), nearTie };
}

// ---------------------------------------------------------------------------------------------

const LEVELS: Confidence[] = ['low', 'medium', 'high'];

function confidenceOf(choice: Choice, answers: Answers, given: ReadonlySet<string>, rs: RuleSet, nearTie: boolean): Confidence {
  let score = 2;
  const capped = choice.decidedBy?.then.confidence;
  if (capped) score = Math.min(score, LEVELS.indexOf(capped));
  if (!choice.decidedBy) score = Math.min(score, 1);
  if (answers.existingModel === 'unknown') score -= 1;
  if (choice.decidedBy) {
    // A default that helped the deciding rule hold is a guess the decision rests on.
    const leaves: LeafTrace[] = [];
    evaluate(choice.decidedBy.when, answers, rs.defines, leaves);
    // (A default that merely fails to rule the rule out, via isNot / notIn, is not leaned on.)
    const leaned = leaves.filter((l) => l.holds && l.op !== 'isNot' && l.op !== 'notIn' && FIELD_BY_NAME.get(l.field)?.default !== undefined && !given.has(l.field));
    if (leaned.length) score -= 1;
  }
  if (nearTie) score -= 1;
  return LEVELS[Math.max(0, score)]!;
}

function frameworkVerdicts(answers: Answers, classical: boolean): Result['framework'] {
  const q1 = (() => {
    if (answers.offTheShelfResult === 'meets-target' && answers.existingModel !== 'none') return 'Yes: a public model already meets your target on your own test set.';
    switch (answers.existingModel) {
      case 'exact':
        return answers.offTheShelfResult === 'below-target'
          ? 'Partly: a public model does this exact task, but it fell short on your data.'
          : 'Probably: a public model does this exact task; it has not been measured on your data yet.';
      case 'close':
        return 'Not exactly: the nearest public models do a related task or work on related data.';
      case 'none':
        return classical ? 'No, and that is normal here: models for this kind of problem are trained on your own rows.' : 'No: nothing public does this task.';
      default:
        return 'Not known yet: nobody has searched the model hubs for this task.';
    }
  })();
  const labels = `${formatValue(answers.labeledExamples)} labelled example${answers.labeledExamples === 1 ? '' : 's'}`;
  const q2 = (() => {
    if (classical) return `The problem is a familiar one (${answers.task}), solved with well-known classical methods on your own data; you have ${labels}.`;
    if (answers.existingModel === 'none') return `No: nothing close exists to adapt, so any model must learn this task from your data (${labels}).`;
    if (answers.domainShift === 'large') return `Only loosely: your data is far from what public models learned from; you have ${labels}.`;
    return `Yes: your data is ${answers.domainShift === 'none' ? 'like' : `a ${answers.domainShift} step from`} public pre-training data, so a pre-trained model can be adapted with the ${labels} you have.`;
  })();
  const q3 = (() => {
    const unique = answers.existingModel === 'none' && answers.proprietaryData;
    const resources: string[] = [];
    if (answers.mlExpertise !== 'strong') resources.push(`${answers.mlExpertise === 'none' ? 'no' : 'only some'} ML expertise`);
    if (answers.budgetUsd !== undefined && answers.budgetUsd < 100000) resources.push(`a budget of ${formatValue(answers.budgetUsd)} USD`);
    if (unique) return resources.length ? `In part: the data is proprietary and nothing comes close, but ${resources.join(' and ')} ${resources.length > 1 ? 'argue' : 'argues'} against training from random weights.` : 'Yes: the data is proprietary, nothing public comes close, and the team has the expertise to train.';
    if (answers.proprietaryData) return 'Not entirely: the data is proprietary, but public models come close enough to start from.';
    return 'No: the data is of a kind public models have seen, so there is no case for a model of your own from random weights.';
  })();
  return [
    { question: 'Has someone already solved this?', verdict: q1 },
    { question: 'Is my problem close to something that has been solved?', verdict: q2 },
    { question: 'Is my problem truly unique?', verdict: q3 },
  ];
}

function suggestModels(answers: Answers, rs: RuleSet, approach: Approach): SuggestedModel[] {
  const small = ['edge', 'mobile', 'browser'].includes(answers.deployment);
  let pool = rs.catalog.models.filter((m) => (answers.task === 'other' ? m.modality === answers.modality : m.tasks.includes(answers.task)));
  if (answers.privacy === 'self-hosted-only') pool = pool.filter((m) => m.selfHostable);
  if (small) {
    const smallOnes = pool.filter((m) => m.small);
    if (smallOnes.length) pool = smallOnes;
  }
  const ranked = pool
    .map((m, i) => {
      let score = -i * 0.01;
      if (approach === 'train-from-scratch' && m.modality === 'tabular') score += 1;
      if (m.domain && answers.sensitiveDomain === 'healthcare' && m.domain === 'biomedical') score += 0.5;
      return { m, score };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, 4);
  return ranked.map(({ m }) => ({ name: m.name, source: m.source, why: m.why, licence: m.licence, selfHostable: m.selfHostable, ...(m.params ? { params: m.params } : {}) }));
}

function nextSteps(answers: Answers, approach: Approach, warnings: Warning[], rs: RuleSet, models: SuggestedModel[]): string[] {
  const has = (id: string) => warnings.some((w) => w.id === id);
  const steps: string[] = [];
  const first = models[0]?.name;
  if (has('search-hubs-first')) steps.push(`Search ${rs.catalog.hubs.map((h) => h.name).join(', ') || 'the model hubs'} for ${answers.task} models and note the best three.`);
  if (has('evaluate-on-own-data')) steps.push('Hold out a test set of a few hundred of your own examples and score the best pre-trained candidate on it.');
  if (has('try-baseline-first')) steps.push('Build the simple baseline and record its score as the bar to beat.');
  if (has('data-quality')) steps.push('Review a random sample of the data and labels; fix systematic errors before training.');
  switch (approach) {
    case 'use-as-is':
      steps.push(`Wrap ${first ?? 'the pre-trained model'} behind your feature, log its inputs and outputs, and monitor quality on live data.`);
      break;
    case 'feature-extraction':
      steps.push(`Run your data through ${first ?? 'a frozen pre-trained model'} once, cache the outputs, and fit a small model on top.`);
      break;
    case 'fine-tune':
      steps.push(`Fine-tune ${first ?? 'the closest pre-trained model'} on your labelled data, with a validation split and early stopping.`);
      break;
    case 'heavy-fine-tune':
      steps.push(`Continue training ${first ?? 'a pre-trained base'} on your domain data, then fine-tune on labels; track the test score at every stage.`);
      break;
    case 'train-from-scratch':
      steps.push(familyFor(rs.catalog, answers.task, answers.modality) === 'classical'
        ? `Train ${first ?? 'gradient-boosted trees'} on your own rows with a time-aware validation split, and compare against the baseline.`
        : 'Start with a small model trained on a slice of the data to validate the pipeline before scaling up.');
      break;
  }
  if (has('insufficient-data')) steps.push(`Plan labelling: ${answers.labelSource} labellers, a written guideline, and a sample double-labelled to measure agreement.`);
  if (has('bias-audit')) steps.push(`Define the groups and fairness metrics for ${answers.sensitiveDomain} and audit before launch.`);
  return steps;
}

export interface DecideOptions {
  /** The answer fields the user actually gave (the rest are defaults). */
  given?: ReadonlySet<string>;
  /** Include the full rule trace. */
  explain?: boolean;
  /** The date prices are judged against (YYYY-MM); defaults to the rule set's evaluatedOn. */
  evaluatedOn?: string;
}

/** Why the rules rule a spot out for this problem, or undefined when they allow it. */
function ruledOut(a: Approach, position: number, choice: Choice, answers: Answers): string | undefined {
  if (position > choice.cap) return `Ruled out by ${choice.capRule!.id}: ${choice.capRule!.because}`;
  if (position < choice.floor) return `Ruled out by ${choice.floorRule!.id}: ${choice.floorRule!.because}`;
  if (a === 'use-as-is' && answers.existingModel === 'none') return 'There is no public model to use: nothing close to this task exists.';
  if (a === 'use-as-is' && answers.offTheShelfResult === 'below-target') return 'The best off-the-shelf model was measured on your data and fell short of the target.';
  return undefined;
}

const usd = (n: number) => `${formatValue(Math.round(n))} USD`;
const weeks = (n: number) => `${formatValue(n)} weeks`;

/** What keeps a spot's likely cost and time outside the budget and timeline, if anything. */
function overLimits(detail: SpotDetail | undefined, answers: Answers): string[] {
  if (!detail) return [];
  const out: string[] = [];
  const { cost, time } = detail.estimate;
  if (answers.budgetUsd !== undefined && cost.likely > answers.budgetUsd) out.push(`likely cost ${usd(cost.likely)} is over the budget of ${usd(answers.budgetUsd)} by ${usd(cost.likely - answers.budgetUsd)}`);
  if (answers.timelineWeeks !== undefined && time.likely > answers.timelineWeeks) out.push(`likely ${weeks(time.likely)} is over the timeline of ${weeks(answers.timelineWeeks)} by ${weeks(Math.round((time.likely - answers.timelineWeeks) * 10) / 10)}`);
  return out;
}

/**
 * The spot to recommend once cost and time are known: the rules' choice when it fits the budget and
 * timeline, else the nearest spot the rules allow that fits (the cheaper side first).
 */
function fitChoice(chosen: Approach, allowed: (a: Approach) => boolean, fits: (a: Approach) => boolean): Approach | undefined {
  if (fits(chosen)) return chosen;
  const p = positionOf(chosen);
  for (let d = 1; d < APPROACHES.length; d++) {
    for (const q of [p - d, p + d]) {
      const a = APPROACHES[q];
      if (a && allowed(a) && fits(a)) return a;
    }
  }
  return undefined;
}

export function decide(answers: Answers, rs: RuleSet, opts: DecideOptions = {}): Result {
  const given = opts.given ?? new Set(Object.keys(answers));
  const choice = choose(answers, rs);
  const family = familyFor(rs.catalog, answers.task, answers.modality);
  const classical = family === 'classical';
  const est = estimateSpectrum(answers, rs.catalog.estimates, family, { evaluatedOn: opts.evaluatedOn });
  const detailOf = (a: Approach) => est.spots.find((s) => s.approach === a);
  const allowed = (a: Approach) => !ruledOut(a, positionOf(a), choice, answers);
  const fits = (a: Approach) => overLimits(detailOf(a), answers).length === 0;
  const fitted = fitChoice(choice.approach, allowed, fits);
  const approach = fitted ?? choice.approach;
  const facts: Facts = { ...answers, approach };

  // Rationale: the rule that decided, then every limit that moved or bound the answer.
  const rationale: Rationale[] = [];
  const moved: string[] = [];
  if (choice.decidedBy) rationale.push({ rule: choice.decidedBy.id, because: choice.decidedBy.because, facts: factsOf(choice.decidedBy, answers, rs) });
  else rationale.push({ rule: 'default', because: rs.default.because, facts: [] });
  for (const l of choice.limits) {
    const movedIt = (l === choice.capRule && positionOf(choice.decidedApproach) > choice.cap) || (l === choice.floorRule && positionOf(choice.decidedApproach) < choice.floor);
    if (movedIt) moved.push(l.id);
    rationale.push({ rule: l.id, because: movedIt ? `${l.because} (moved the answer from ${choice.decidedApproach} to ${choice.approach})` : l.because, facts: factsOf(l, answers, rs) });
  }
  if (approach !== choice.approach) {
    rationale.push({ rule: 'fit-budget-and-timeline', because: `${choice.approach} would not fit: ${overLimits(detailOf(choice.approach), answers).join('; ')}. ${approach} is the nearest spot that serves the problem and fits.`, facts: [answers.budgetUsd !== undefined ? `budgetUsd = ${formatValue(answers.budgetUsd)}` : '', answers.timelineWeeks !== undefined ? `timelineWeeks = ${formatValue(answers.timelineWeeks)}` : ''].filter(Boolean) });
  }

  const warnings: Warning[] = [];
  for (const rule of rs.rules) {
    if (!rule.enabled || rule.kind !== 'warn') continue;
    if (warnings.some((w) => w.id === rule.then.warning)) continue;
    if (evaluate(rule.when, facts, rs.defines)) warnings.push({ id: rule.then.warning!, message: rule.then.message!, rule: rule.id });
  }
  for (const w of estimateWarnings(answers, choice.approach, approach, est, allowed)) {
    // A rule may already have raised the same warning: add the priced detail to its message.
    const same = warnings.find((x) => x.id === w.id);
    if (same) same.message = `${same.message} ${w.message}`;
    else warnings.push(w);
  }

  const probed = whatWouldChange(answers, rs, choice.approach);
  // Probes re-run the rules alone; a change that lands where the budget already moved us is none.
  const changes = probed.changes.filter((c) => c.approach !== approach);
  const nearTie = probed.nearTie;
  const confidence = confidenceOf(choice, answers, given, rs, nearTie);
  const methods = rs.catalog.families[family] ?? {};

  const spectrum: Spot[] = APPROACHES.map((a, position) => {
    const method = methods[a] ?? APPROACH_LABEL[a];
    const out = ruledOut(a, position, choice, answers);
    const over = overLimits(detailOf(a), answers);
    let feasible = !out && over.length === 0;
    let why: string;
    if (a === approach) {
      why = approach === choice.approach ? `Recommended: ${rationale[0]!.because}` : `Recommended: the nearest spot that fits your budget and timeline, since ${choice.approach} would not.`;
      // Kept with a warning when nothing that serves the problem fits.
      if (over.length) why += ` It does not fit either: ${over.join('; ')}.`;
      feasible = over.length === 0;
    } else if (out) {
      why = out;
    } else if (over.length) {
      why = `Does not fit: ${over.join('; ')}.`;
    } else {
      why = whyNot(a, approach, answers, rs);
    }
    const cheaper = cheaperThanLeft(a, est);
    if (cheaper) why += ` ${cheaper}`;
    const d = detailOf(a);
    return { approach: a, position, feasible, method, ...(d ? d.estimate : {}), why };
  });

  const suggestedModels = suggestModels(answers, rs, approach);
  const label = APPROACH_LABEL[approach];
  const rec = detailOf(approach)?.estimate;
  const costText = rec ? ` About ${usd(rec.cost.likely)} and ${weeks(rec.time.likely)} (likely).` : '';
  const summary = `${label}: ${methods[approach] ?? label.toLowerCase()}${confidence === 'low' ? ' (low confidence: answer the open questions to firm this up)' : ''}.${costText}`;

  const result: Result = {
    schemaVersion: SCHEMA_VERSION,
    recommendation: { approach, position: positionOf(approach), confidence, summary },
    spectrum,
    framework: frameworkVerdicts(answers, classical),
    rationale,
    warnings,
    suggestedModels,
    nextSteps: nextSteps(answers, approach, warnings, rs, suggestedModels),
    whatWouldChange: changes,
    assumptions: est.assumptions,
    answers,
  };
  if (opts.explain) result.trace = traceRules(facts, rs, rationale[0]!.rule, moved);
  return result;
}

/** Says so when a spot costs less than one to its left, and why. */
function cheaperThanLeft(a: Approach, est: SpectrumEstimate): string | undefined {
  const i = est.spots.findIndex((s) => s.approach === a);
  const me = est.spots[i];
  if (!me || i <= 0) return undefined;
  const dearer = est.spots.slice(0, i).filter((s) => s.estimate.cost.likely > me.estimate.cost.likely);
  if (!dearer.length) return undefined;
  const names = dearer.map((s) => s.approach).join(', ');
  if (me.cpuOnly) return `Cheaper than ${names} to its left: a classical model trains on a CPU in minutes, with no GPU-hours and less engineering.`;
  return `Cheaper than ${names} to its left for this problem (fewer labels to buy, or a run large enough to reach the utilisation of pre-training).`;
}

function estimateWarnings(answers: Answers, chosen: Approach, approach: Approach, est: SpectrumEstimate, allowed: (a: Approach) => boolean): Warning[] {
  const out: Warning[] = [];
  const detail = (a: Approach) => est.spots.find((s) => s.approach === a);
  const fitting = (check: (d: SpotDetail) => boolean) => est.spots.filter((s) => check(s)).map((s) => s.approach);
  const alternative = (fit: Approach[]) => {
    const served = fit.filter(allowed);
    if (approach !== chosen) return `Recommending ${approach} instead, which fits.`;
    if (served.length) return `${served.join(', ')} would fit.`;
    if (fit.length) return `Only ${fit.join(', ')} would fit, and the rules rule ${fit.length > 1 ? 'them' : 'it'} out for this problem.`;
    return 'No spot on the spectrum fits; raise the limit or narrow the problem.';
  };
  const c = detail(chosen);
  if (c && answers.budgetUsd !== undefined && c.estimate.cost.likely > answers.budgetUsd) {
    out.push({ id: 'over-budget', message: `${chosen} would likely cost ${usd(c.estimate.cost.likely)}, ${usd(c.estimate.cost.likely - answers.budgetUsd)} over the budget of ${usd(answers.budgetUsd)}. ${alternative(fitting((d) => d.estimate.cost.likely <= answers.budgetUsd!))}` });
  }
  if (c && answers.timelineWeeks !== undefined && c.estimate.time.likely > answers.timelineWeeks) {
    out.push({ id: 'over-timeline', message: `${chosen} would likely take ${weeks(c.estimate.time.likely)}, ${weeks(Math.round((c.estimate.time.likely - answers.timelineWeeks) * 10) / 10)} over the timeline of ${weeks(answers.timelineWeeks)}. ${alternative(fitting((d) => d.estimate.time.likely <= answers.timelineWeeks!))}` });
  }
  const r = detail(approach);
  if (r && r.labelGap > 0) {
    const tooDear = answers.budgetUsd !== undefined && r.labelCost.likely > answers.budgetUsd;
    const tooSlow = answers.timelineWeeks !== undefined && r.labelWeeks.likely > answers.timelineWeeks;
    if (tooDear || tooSlow) {
      const parts = [tooDear ? `would cost about ${usd(r.labelCost.likely)} against a budget of ${usd(answers.budgetUsd!)}` : '', tooSlow ? `would take about ${weeks(Math.round(r.labelWeeks.likely * 10) / 10)} against ${weeks(answers.timelineWeeks!)}` : ''].filter(Boolean);
      out.push({ id: 'insufficient-data', message: `${approach} needs about ${formatValue(r.labelsNeeded)} labelled examples and you have ${formatValue(answers.labeledExamples)}; labelling the other ${formatValue(r.labelGap)} ${parts.join(' and ')}.` });
    }
  }
  if (r?.memoryGb && r.memoryGb.needed > r.memoryGb.available) {
    const m = r.memoryGb;
    out.push({ id: 'gpu-memory', message: `${approach} on ${r.estimate.compute.gpu} needs about ${formatValue(m.needed)} GB of GPU memory (${formatValue(m.bytesPerParam)} bytes per parameter) and the GPUs have ${formatValue(m.available)} GB together; use more GPUs (gpuCount), a bigger card, or LoRA/QLoRA.` });
  }
  if (est.stale.length) {
    const list = est.stale.map((s) => `${s.what} (${s.asOf}, ${s.months} months old)`).join('; ');
    out.push({ id: 'stale-price', message: `Some prices behind these estimates are more than ${est.staleAfterMonths} months older than ${est.evaluatedOn}: ${list}. Pass your own (gpuHourlyUsd, engineerWeeklyUsd) or update them in a rules layer.` });
  }
  return out;
}

/** Why a spot that was allowed lost: the best rule that would have chosen it, and what failed. */
function whyNot(a: Approach, chosen: Approach, answers: Answers, rs: RuleSet): string {
  // Already in priority order.
  const candidates = rulesByKind(rs).decide.filter((x) => x.rule.then.approach === a).map((x) => x.rule);
  // The rule closest to holding (fewest failed conditions) explains the loss best.
  const scored = candidates.map((r) => ({ r, failed: failedConditions(r, answers, rs) })).sort((x, y) => x.failed.length - y.failed.length);
  const best = scored[0];
  if (best) {
    if (best.failed.length === 0) return `Rule ${best.r.id} also points here, but a rule of higher priority chose ${chosen}.`;
    const shown = best.failed.slice(0, 2).map((l) => `${describeLeaf(l)} (you: ${formatValue(l.actual)})`);
    return `Would fit if ${shown.join(' and ')} — rule ${best.r.id}.`;
  }
  return positionOf(a) < positionOf(chosen)
    ? 'Less adaptation than this problem needs, given your answers.'
    : 'More cost and risk than your answers justify.';
}

/** Every rule, whether it matched, and each condition with the actual and the expected value. */
export function traceRules(facts: Facts, rs: RuleSet, decidedBy?: string, movedBy: readonly string[] = []): RuleTrace[] {
  return rs.rules.map((rule) => {
    const leaves: LeafTrace[] = [];
    const matched = traceCondition(rule.when, facts, rs.defines, leaves);
    const t: RuleTrace = { rule: rule.id, kind: rule.kind, matched: rule.enabled && matched, enabled: rule.enabled, origin: rule.origin, conditions: leaves };
    if (rule.kind === 'decide') {
      t.priority = rule.priority;
      t.decided = rule.id === decidedBy;
    }
    if (rule.kind === 'limit') t.moved = movedBy.includes(rule.id);
    t.then = rule.then;
    return t;
  });
}

export { APPROACHES };
