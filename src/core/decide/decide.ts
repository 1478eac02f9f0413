// From answers and a rule set to a result: the planner. Pure and deterministic. It assembles; each
// part of the decision lives in its own file (choosing, fitting the limits, what would change,
// confidence, explanations, warnings, starting models, next steps).
import { APPROACHES, type Answers, type Approach } from '../answers/fields.js';
import { familyFor } from '../rules/classes.js';
import { ESTIMATE_INPUTS } from '../estimate/inputs.js';
import { estimateSpectrum, type SpotDetail } from '../estimate/spectrum.js';
import { SCHEMA_VERSION, type Result, type Spot } from '../result/result.js';
import type { RuleSet, RulesLayer } from '../rules/rule-set.js';
import { choiceOf, hitsOf, rulesByKind } from './choose.js';
import { confidenceOf } from './confidence.js';
import { RuleEvaluation } from './evaluation.js';
import { cheaperThanLeft, rationaleOf, traceRules, whyNot } from './explain.js';
import { detailOf, fitToLimits, overLimits, ruledOut, usd, weeks } from './fit.js';
import { suggestModels } from './models.js';
import { nextSteps } from './next-steps.js';
import { APPROACH_LABEL, positionOf } from './spots.js';
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
const BUILT_IN_ONLY: RulesLayer[] = [{ from: 'built-in' }];

export function decide(answers: Answers, rs: RuleSet, opts: DecideOptions = {}): Result {
  const given = opts.given ?? new Set(Object.keys(answers));
  const k = rulesByKind(rs);
  const hits = hitsOf(answers, k);
  const choice = choiceOf(hits, k, rs);
  const ev = new RuleEvaluation(answers, rs);
  // What choosing found out stands in the record: rules before the deciding one failed, it held, and every limit was tried.
  k.decide.forEach((x, i) => (hits.best < 0 || i <= hits.best) && ev.record(x.rule, i === hits.best));
  k.limit.forEach((x, i) => ev.record(x.rule, hits.limits[i]!));

  const family = familyFor(rs, answers);
  const estimate = (a: Answers) => estimateSpectrum(a, rs.catalog.estimates, family, { evaluatedOn: opts.evaluatedOn });
  // A probe fits the limits spot by spot, usually stopping at the first: each spot is estimated when asked for.
  const spotEstimates = (a: Answers) => {
    const memo = new Map<Approach, SpotDetail | undefined>();
    return (spot: Approach) => {
      if (!memo.has(spot)) memo.set(spot, estimateSpectrum(a, rs.catalog.estimates, family, { evaluatedOn: opts.evaluatedOn, figuresOnly: true, spots: [spot] }).spots[0]);
      return memo.get(spot);
    };
  };
  const est = estimate(answers);
  const approach = fitToLimits(choice, answers, (a) => detailOf(est, a));
  ev.settle(approach);

  const { rationale, moved } = rationaleOf(choice, approach, answers, est, ev);
  const warnings = warningsOf(choice, approach, answers, est, ev);
  const prober = new Prober({ answers, rs, hits, approach, est, spotsFor: spotEstimates, estimateReads: ESTIMATE_INPUTS });
  const { changes, nearTie } = prober.changes();
  const confidence = confidenceOf(choice, answers, given, ev, nearTie);
  const methods = rs.catalog.families[family] ?? {};

  const spectrum: Spot[] = APPROACHES.map((a, position) => {
    const method = methods[a] ?? APPROACH_LABEL[a];
    const out = ruledOut(a, choice, answers);
    const over = overLimits(detailOf(est, a), answers);
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
      why = whyNot(a, approach, changes, ev, prober);
    }
    const cheaper = cheaperThanLeft(a, est);
    if (cheaper) why += ` ${cheaper}`;
    const d = detailOf(est, a);
    return { approach: a, position, feasible, method, ...(d ? d.estimate : {}), why };
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
    framework: frameworkVerdicts(answers, family === 'classical'),
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
