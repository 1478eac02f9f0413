// From answers and a rule set to a result. Pure and deterministic.
import { APPROACHES, FIELD_BY_NAME, type Answers, type Approach } from './fields.js';
import { familyFor } from './catalog.js';
import { describeLeaf, evaluate, formatValue, leavesOf, traceCondition, type Facts, type LeafTrace, type Rule } from './rules.js';
import type { RuleSet } from './ruleset-data.js';
import type { Confidence, Rationale, Result, RuleTrace, Spot, SuggestedModel, Warning, WhatWouldChange } from './result.js';
import { SCHEMA_VERSION } from './result.js';

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
export function choose(answers: Answers, rs: RuleSet): Choice {
  let best: Rule | undefined;
  const limits: Rule[] = [];
  for (const rule of rs.rules) {
    if (!rule.enabled || rule.kind === 'warn') continue;
    if (rule.kind === 'decide') {
      if (best && rule.priority <= best.priority) continue;
      if (evaluate(rule.when, answers, rs.defines)) best = rule;
    } else if (evaluate(rule.when, answers, rs.defines)) {
      limits.push(rule);
    }
  }
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

function failedConditions(rule: Rule, answers: Facts, rs: RuleSet): LeafTrace[] {
  const leaves: LeafTrace[] = [];
  evaluate(rule.when, answers, rs.defines, leaves);
  return leaves.filter((l) => !l.holds);
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

function thresholdsFor(field: string, rs: RuleSet): number[] {
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
  const probe = (field: string, value: string | number | boolean, text: string) => {
    const alt = { ...answers, [field]: value } as Answers;
    const a = choose(alt, rs).approach;
    if (a !== current) changes.push({ field, value, approach: a, text: `${text} this becomes ${a}` });
    return a !== current;
  };
  for (const field of NUMERIC_PROBES) {
    const cur = (answers as unknown as Record<string, number | undefined>)[field];
    const ts = thresholdsFor(field, rs);
    // The nearest threshold above and below the current value, each tried once.
    const up = ts.find((t) => cur === undefined || t > cur);
    const down = cur === undefined ? undefined : [...ts].reverse().find((t) => t <= cur);
    const words = FIELD_WORDS[field]!;
    if (up !== undefined && probe(field, up, `with ${words(up)} or more`) && cur !== undefined && cur > 0 && up / cur <= 2) nearTie = true;
    if (down !== undefined && down > 0) {
      const below = FIELD_BY_NAME.get(field)?.kind === 'integer' ? down - 1 : down * 0.999;
      if (probe(field, below, `with fewer than ${words(down)}`) && cur !== undefined && cur / down <= 1.5) nearTie = true;
    }
  }
  for (const field of ENUM_PROBES) {
    const cur = (answers as unknown as Record<string, string>)[field];
    for (const c of FIELD_BY_NAME.get(field)!.choices!) {
      if (c.value === cur || c.value === 'unknown' || c.value === 'not-evaluated') continue;
      probe(field, c.value, `with ${FIELD_WORDS[field]!(c.value)}`);
    }
  }
  probe('proprietaryData', !answers.proprietaryData, `with ${FIELD_WORDS.proprietaryData!(!answers.proprietaryData)}`);
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
    const leaned = leaves.filter((l) => l.holds && FIELD_BY_NAME.get(l.field)?.default !== undefined && !given.has(l.field));
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
    if (unique) return resources.length ? `In part: the data is proprietary and nothing comes close, but ${resources.join(' and ')} argue against training from random weights.` : 'Yes: the data is proprietary, nothing public comes close, and the team has the expertise to train.';
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
}

export function decide(answers: Answers, rs: RuleSet, opts: DecideOptions = {}): Result {
  const given = opts.given ?? new Set(Object.keys(answers));
  const choice = choose(answers, rs);
  const approach = choice.approach;
  const facts: Facts = { ...answers, approach };
  const family = familyFor(rs.catalog, answers.task, answers.modality);
  const classical = family === 'classical';

  // Rationale: the rule that decided, then every limit that moved or bound the answer.
  const rationale: Rationale[] = [];
  const moved: string[] = [];
  if (choice.decidedBy) rationale.push({ rule: choice.decidedBy.id, because: choice.decidedBy.because, facts: factsOf(choice.decidedBy, answers, rs) });
  else rationale.push({ rule: 'default', because: rs.default.because, facts: [] });
  for (const l of choice.limits) {
    const movedIt = (l === choice.capRule && positionOf(choice.decidedApproach) > choice.cap) || (l === choice.floorRule && positionOf(choice.decidedApproach) < choice.floor);
    if (movedIt) moved.push(l.id);
    rationale.push({ rule: l.id, because: movedIt ? `${l.because} (moved the answer from ${choice.decidedApproach} to ${approach})` : l.because, facts: factsOf(l, answers, rs) });
  }

  const warnings: Warning[] = [];
  for (const rule of rs.rules) {
    if (!rule.enabled || rule.kind !== 'warn') continue;
    if (warnings.some((w) => w.id === rule.then.warning)) continue;
    if (evaluate(rule.when, facts, rs.defines)) warnings.push({ id: rule.then.warning!, message: rule.then.message!, rule: rule.id });
  }

  const { changes, nearTie } = whatWouldChange(answers, rs, approach);
  const confidence = confidenceOf(choice, answers, given, rs, nearTie);
  const methods = rs.catalog.families[family] ?? {};

  const spectrum: Spot[] = APPROACHES.map((a, position) => {
    const method = methods[a] ?? APPROACH_LABEL[a];
    let feasible = true;
    let why: string;
    if (a === approach) {
      why = `Recommended: ${rationale[0]!.because}`;
    } else if (position > choice.cap) {
      feasible = false;
      why = `Ruled out by ${choice.capRule!.id}: ${choice.capRule!.because}`;
    } else if (position < choice.floor) {
      feasible = false;
      why = `Ruled out by ${choice.floorRule!.id}: ${choice.floorRule!.because}`;
    } else if (a === 'use-as-is' && answers.existingModel === 'none') {
      feasible = false;
      why = 'There is no public model to use: nothing close to this task exists.';
    } else if (a === 'use-as-is' && answers.offTheShelfResult === 'below-target') {
      feasible = false;
      why = 'The best off-the-shelf model was measured on your data and fell short of the target.';
    } else {
      why = whyNot(a, approach, answers, rs);
    }
    return { approach: a, position, feasible, method, why };
  });

  const suggestedModels = suggestModels(answers, rs, approach);
  const label = APPROACH_LABEL[approach];
  const summary = `${label}: ${methods[approach] ?? label.toLowerCase()}${confidence === 'low' ? ' (low confidence: answer the open questions to firm this up)' : ''}.`;

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
    assumptions: [],
    answers,
  };
  if (opts.explain) result.trace = traceRules(facts, rs, rationale[0]!.rule, moved);
  return result;
}

/** Why a spot that was allowed lost: the best rule that would have chosen it, and what failed. */
function whyNot(a: Approach, chosen: Approach, answers: Answers, rs: RuleSet): string {
  const candidates = rs.rules
    .filter((r) => r.enabled && r.kind === 'decide' && r.then.approach === a)
    .sort((x, y) => y.priority - x.priority);
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
