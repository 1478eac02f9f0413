// From answers and a rule set to a result: the planner. Pure and deterministic. It assembles; each
// part of the decision lives in its own file (choosing, fitting the limits, what would change,
// confidence, explanations, warnings, starting models, next steps).
import { APPROACHES, type Answers } from '../answers/fields.js';
import { familyFor } from '../rules/classes.js';
import { estimateSpectrum, type SpectrumEstimate } from '../estimate/spectrum.js';
import { SCHEMA_VERSION, type Result, type Spot } from '../result/result.js';
import type { RuleSet } from '../rules/rule-set.js';
import { choiceOf, hitsOf, rulesByKind } from './choose.js';
import { confidenceOf } from './confidence.js';
import { RuleEvaluation } from './evaluation.js';
import { cheaperThanLeft, rationaleOf, traceRules, whyNot } from './explain.js';
import { detailOf, fitSpot, overLimits, ruledOut, usd, weeks } from './fit.js';
import { crossover } from './crossover.js';
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

/** The estimates, and which answer fields they read (so that probes of any other field can reuse them). */
function estimateReading(answers: Answers, estimate: (a: Answers) => SpectrumEstimate): { est: SpectrumEstimate; reads: Set<string> } {
  const reads = new Set<string>();
  const watched = new Proxy(answers, {
    get(target, key, receiver) {
      if (typeof key === 'string') reads.add(key);
      return Reflect.get(target, key, receiver);
    },
  });
  return { est: estimate(watched), reads };
}

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
  // Probes compare spots: their estimates skip the assumptions and the staleness check.
  const probeEstimate = (a: Answers) => estimateSpectrum(a, rs.catalog.estimates, family, { evaluatedOn: opts.evaluatedOn, quiet: true });
  const { est, reads } = estimateReading(answers, estimate);
  const fit = fitSpot(choice, answers, est, rs);
  const approach = fit.approach;
  ev.settle(approach);

  const { rationale, moved } = rationaleOf(choice, fit, answers, est, ev);
  const reestimate = (a: typeof approach) => (changed: Partial<Answers>) => detailOf(probeEstimate({ ...answers, ...changed }), a);
  const warnings = warningsOf(choice, fit, answers, est, ev, reestimate);
  const prober = new Prober({ answers, rs, hits, approach, est, estimateFor: probeEstimate, estimateReads: reads });
  const { changes, nearTie } = prober.changes();
  // The volume at which running costs move the answer, found on the same whole decision.
  const cross = crossover(answers, approach, (changed) => prober.landsOn('requestsPerMonth', changed.requestsPerMonth));
  if (cross && !changes.some((c) => c.field === 'requestsPerMonth' && c.approach === cross.approach)) changes.unshift({ ...cross, when: cross.text });
  const confidence = confidenceOf(choice, answers, given, ev, nearTie, fit.movedBy);
  const methods = rs.catalog.families[family] ?? {};

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
  };
  if (opts.explain) result.trace = traceRules(ev, rationale[0]!.rule, moved);
  return result;
}
