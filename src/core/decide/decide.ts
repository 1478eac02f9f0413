// From answers and a rule set to a result: the planner. Pure and deterministic. It assembles; each
// part of the decision lives in its own file (choosing, fitting the limits, what would change,
// confidence, explanations, warnings, starting models, next steps).
import { APPROACHES, type Answers, type Approach } from '../answers/fields.js';
import { familyFor, holdsDefine } from '../rules/classes.js';
import { ESTIMATE_INPUTS } from '../estimate/inputs.js';
import { estimateSpectrum, type ComputeMemo, type SpotDetail } from '../estimate/spectrum.js';
import { SCHEMA_VERSION, type Result, type Spot } from '../result/result.js';
import { soundEstimates } from '../result/figures.js';
import type { DecisionSummary } from '../result/summary.js';
import type { RuleSet, RulesLayer } from '../rules/rule-set.js';
import { choiceOf, hitsOf, rulesByKind } from './choose.js';
import { confidenceOf } from './confidence.js';
import { RuleEvaluation } from './evaluation.js';
import { cheaperThanLeft, rationaleOf, traceRules, whyNot } from './explain.js';
import { detailOf, fitSpot, overLimits, ruledOut, usd, weeks } from './fit.js';
import { crossover } from './crossover.js';
import { methodsFor, startingModels, suggestModels } from './models.js';
import { nextSteps } from './next-steps.js';
import { APPROACH_LABEL, isClassicalSpot, positionOf } from './spots.js';
import { frameworkVerdicts } from './verdicts.js';
import { warningsOf } from './warnings.js';
import { listedChanges, Prober } from './what-would-change.js';

export interface DecideOptions {
  /** The answer fields the user actually gave (the rest are defaults). */
  given?: ReadonlySet<string>;
  /** Include the full rule trace. */
  explain?: boolean;
  /** The date prices are judged against (YYYY-MM); defaults to the rule set's evaluatedOn. */
  evaluatedOn?: string;
}

/** What a result names when the rule set was not loaded through the CLI's loader: the built-in set alone. */
const BUILT_IN_ONLY: RulesLayer[] = [Object.freeze({ from: 'built-in' as const })];

/** What every decision works out first: the rules' choice, the record of their evaluation, the estimates and the fitted spot. */
function plan(answers: Answers, rs: RuleSet, opts: DecideOptions, figuresOnly: boolean) {
  const k = rulesByKind(rs);
  const hits = hitsOf(answers, k);
  const choice = choiceOf(hits, k, rs);
  const ev = new RuleEvaluation(answers, rs);

  const family = familyFor(rs, answers);
  // Each spot is sized by the model it starts from, which depends on the answers (task, data,
  // device, privacy: all in ESTIMATE_INPUTS, so a probe of one of them prices the spots again).
  const starts = startingModels(answers, rs);
  // Every estimate, the probes' included, passes the figures check before anything reads it.
  // A probe fits the limits spot by spot, usually stopping at the first: each spot is estimated when asked for.
  // The runs this decision has priced: a probe of an answer compute does not read reuses them.
  const computeMemo: ComputeMemo = new Map();
  const spotsFor = (a: Answers, changed?: keyof Answers) => {
    const memo = new Map<Approach, SpotDetail | undefined>();
    // Another timeline prices again only the spots whose GPUs the timeline moved.
    if (changed === 'timelineWeeks') for (const s of est.spots) if (!s.readsTimeline) memo.set(s.approach, s);
    // Made on the first spot asked for: a probe often needs none.
    let theirStarts: ReturnType<typeof startingModels> | undefined;
    return (spot: Approach) => {
      if (!memo.has(spot)) {
        theirStarts ??= startingModels(a, rs);
        memo.set(spot, soundEstimates(estimateSpectrum(a, rs.catalog.estimates, family, { evaluatedOn: opts.evaluatedOn, probe: true, spots: [spot], startingModels: theirStarts, computeMemo })).spots[0]);
      }
      return memo.get(spot);
    };
  };
  const est = soundEstimates(estimateSpectrum(answers, rs.catalog.estimates, family, { evaluatedOn: opts.evaluatedOn, figuresOnly, startingModels: starts, computeMemo }));
  // The planner and the probes fit through the same rules (decide/fit.ts).
  const fit = fitSpot(choice, answers, (a) => detailOf(est, a), rs);
  const approach = fit.approach;
  ev.settle(approach);
  const prober = new Prober({ answers, rs, hits, approach, est, spotsFor, estimateReads: ESTIMATE_INPUTS });
  // One spot priced again with some answers changed: what would make an over-limit spot fit.
  const reestimate = (a: Approach) => (changed: Partial<Answers>) => spotsFor({ ...answers, ...changed })(a);
  return { choice, ev, family, est, approach, fit, prober, starts, reestimate };
}

/**
 * The same decision as decide(), computing only what a summary shows: no explanations, no list
 * of what would change (only whether an answer sits near a threshold, which confidence needs),
 * no assumptions. A property test holds it equal to the projection of decide().
 */
export function decideSummary(answers: Answers, rs: RuleSet, opts: DecideOptions = {}): DecisionSummary {
  const given = opts.given ?? new Set(Object.keys(answers));
  const { choice, ev, est, approach, fit, prober, family, reestimate } = plan(answers, rs, opts, true);
  const warnings = warningsOf(choice, fit, answers, est, ev, reestimate).map((w) => w.id);
  const confidence = confidenceOf(choice, answers, given, ev, () => prober.nearTie(), fit.movedBy);
  const spot = detailOf(est, approach)?.estimate;
  // Key by key, in the order the JSON shows them: spreading optional parts into a literal takes
  // V8's slow path, once a row in a batch.
  const summary: Omit<DecisionSummary, 'warnings'> & { warnings?: string[] } = { task: answers.task, approach, position: positionOf(approach), confidence: confidence.level };
  if (spot) {
    summary.cost = spot.cost;
    summary.time = spot.time;
  }
  if (isClassicalSpot(family, approach)) summary.classical = true;
  summary.warnings = warnings;
  return summary as DecisionSummary;
}

export function decide(answers: Answers, rs: RuleSet, opts: DecideOptions = {}): Result {
  const given = opts.given ?? new Set(Object.keys(answers));
  const { choice, ev, family, est, approach, fit, prober, starts, reestimate } = plan(answers, rs, opts, false);

  const { rationale, moved } = rationaleOf(choice, fit, answers, est, ev);
  const warnings = warningsOf(choice, fit, answers, est, ev, reestimate);
  const { changes, nearTie } = prober.changes();
  // The volume at which running costs move the answer, found on the same whole decision.
  const cross = crossover(answers, approach, (changed) => prober.landsOn('requestsPerMonth', changed.requestsPerMonth, true) ?? approach);
  if (cross && !changes.some((c) => c.field === 'requestsPerMonth' && c.approach === cross.approach)) changes.unshift({ ...cross, when: cross.text });
  const confidence = confidenceOf(choice, answers, given, ev, nearTie, fit.movedBy);
  const methods = methodsFor(answers, rs, family, starts);

  const spectrum: Spot[] = APPROACHES.map((a, position) => {
    const method = methods[a] ?? APPROACH_LABEL[a];
    const out = ruledOut(a, choice, answers);
    const over = overLimits(detailOf(est, a), answers);
    let feasible = !out && over.length === 0;
    let why: string;
    if (a === approach) {
      why = approach === choice.approach ? `Recommended: ${rationale[0]!.because}` : fit.movedBy === 'total' ? `Recommended: the lowest total cost to build and run at your volume, clearly below ${choice.approach}'s.` : `Recommended: the nearest spot that solves the problem and fits your budget and timeline, since ${choice.approach} would not.`;
      // Kept with a warning when nothing that serves the problem fits.
      if (over.length) why += ` It does not fit either: ${over.join('; ')}.`;
      feasible = over.length === 0;
    } else if (out) {
      why = out;
    } else if (over.length) {
      why = `Does not fit: ${over.join('; ')}.`;
    } else {
      why = whyNot(a, approach, changes, ev, prober);
    }
    const cheaper = cheaperThanLeft(a, est);
    if (cheaper) why += ` ${cheaper}`;
    const d = detailOf(est, a);
    if (d?.longRun) why += ` Its time runs to years: ${d.longRun}.`;
    // The classical spot: a model of your own rows (gradient-boosted trees), sitting at
    // train-from-scratch by convention but costed like a head on features, and gated as one.
    const classical = isClassicalSpot(family, a) ? { classical: true as const } : {};
    return { approach: a, position, feasible, method, ...classical, ...(d ? d.estimate : {}), why };
  });

  const suggestedModels = suggestModels(answers, rs, approach);
  const label = APPROACH_LABEL[approach];
  const rec = detailOf(est, approach)?.estimate;
  const costText = rec ? ` About ${usd(rec.cost.likely)} and ${weeks(rec.time.likely)} (likely).` : '';
  const lowBecause = confidence.level === 'low' ? ` (low confidence: ${confidence.causes.join('; ')})` : '';
  const summary = `${label}: ${methods[approach] ?? label.toLowerCase()}${lowBecause}.${costText}`;

  const result: Result = {
    schemaVersion: SCHEMA_VERSION,
    recommendation: { approach, position: positionOf(approach), confidence: confidence.level, summary },
    spectrum,
    framework: frameworkVerdicts(answers, family, holdsDefine(rs, 'resourced-at-scale', answers)),
    rationale,
    warnings,
    suggestedModels,
    nextSteps: nextSteps(answers, approach, warnings, rs, suggestedModels),
    whatWouldChange: listedChanges(changes),
    assumptions: est.assumptions,
    answers,
    rulesLayers: rs.applied ?? BUILT_IN_ONLY,
  };
  if (opts.explain) result.trace = traceRules(ev, rationale[0]!.rule, moved);
  return result;
}
