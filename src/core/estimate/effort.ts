// The people: person-weeks of work for a spot, from a base per spot and the factors that drive it
// (the task's family, data quality and volume, deployment target, sensitive domain, accuracy
// target, expertise, a multi-node run), then a team that follows the spot. Calendar weeks are the
// person-weeks shared by the people who can usefully work at once; cost is every person's weeks.
import type { Answers, Approach } from '../answers/fields.js';
import type { EffortFactor, EstimatesCatalog, Family, FamilyDefaults } from '../catalog/catalog.js';
import { formatNumber } from '../text/format.js';
import { fmtRange, YOURS, type Assumptions } from './assumptions.js';
import type { Work } from './compute.js';
import type { Context } from './context.js';
import { one, productOf, rangeOf, scale, sumOf, ZERO, type Range } from './range.js';

/** GPUs in one node: a run on more spans machines, and adds cluster work. */
const GPUS_PER_NODE = 8;

/** A hosted model or managed endpoint can serve it: the data may leave, and it runs in the cloud. */
export function isHosted(answers: Answers): boolean {
  return answers.privacy === 'cloud-ok' && answers.deployment === 'cloud';
}

/** The engineeringWeeks / teams key of a spot: a hosted as-is model and a classical scratch model differ. */
export function effortKey(a: Approach, answers: Answers, fam: FamilyDefaults): string {
  if (a === 'use-as-is' && isHosted(answers)) return 'use-as-is-hosted';
  if (a === 'train-from-scratch' && fam.classicalScratch) return 'classical-scratch';
  return a;
}

export interface Effort {
  personWeeks: Range;
  team: number;
  /** People who can work at once on this spot; more add cost, not speed. */
  useful: number;
  calendarWeeks: Range;
  cost: Range;
  /** The factors that applied, by id. */
  factors: string[];
}

/** The facts of a spot a factor can test besides the answers. */
interface SpotFacts {
  family: Family;
  hosted: boolean;
  multiNode: boolean;
}

/** The value a factor tests: one of the facts of the spot, or an answer field. */
function factorValue(field: string, answers: Answers, facts: SpotFacts): unknown {
  if (field === 'family' || field === 'hosted' || field === 'multiNode') return facts[field];
  return (answers as unknown as Record<string, unknown>)[field];
}

// The factors that can apply to each spot, made once per catalog: a batch prices every spot of
// every row, and most factors apply to some spots only.
interface CompiledFactor {
  id: string;
  f: EffortFactor;
  values: ReadonlySet<unknown>;
  range: Range;
}
const factorCache = new WeakMap<EstimatesCatalog, Map<Approach, CompiledFactor[]>>();
function factorsOf(est: EstimatesCatalog, a: Approach): CompiledFactor[] {
  let bySpot = factorCache.get(est);
  if (!bySpot) factorCache.set(est, (bySpot = new Map()));
  let list = bySpot.get(a);
  if (!list) {
    list = Object.entries(est.effortFactors)
      .filter(([, f]) => !f.spots || f.spots.includes(a))
      .map(([id, f]) => ({ id, f, values: new Set<unknown>(f.in), range: rangeOf(f) }));
    bySpot.set(a, list);
  }
  return list;
}

/** × (examples / reference)^exponent within [min, max]: work grows with the data, far slower than it. */
export function dataVolumeFactor(est: EstimatesCatalog, examples: number): number {
  const v = est.effortDataVolume;
  if (!v || examples <= 0) return v ? v.min : 1;
  return Math.min(v.max, Math.max(v.min, (examples / v.reference) ** v.exponent));
}

/** The effort scale a team's history puts on this spot (calibrate), or 1. */
export function effortScaleFor(est: EstimatesCatalog, a: Approach): number {
  return est.effortScale[a]?.value ?? est.effortScale.all?.value ?? 1;
}

/**
 * Person-weeks, team, calendar weeks and cost of the people for one spot. `examples` is what the
 * spot trains on (0 for use-as-is); `work` says how big its training run is.
 */
export function effortFor(ctx: Context, a: Approach, family: Family, fam: FamilyDefaults, work: Work, examples: number, weekly: Range, gpuCount: number): Effort {
  const { answers, est } = ctx;
  const key = effortKey(a, answers, fam);
  const baseSpread = est.engineeringWeeks[key] ?? est.engineeringWeeks[a];
  let pw = baseSpread ? rangeOf(baseSpread) : ZERO;
  const facts: SpotFacts = { family, hosted: key === 'use-as-is-hosted', multiNode: work.flops > 0 && gpuCount > GPUS_PER_NODE };
  const adds: Range[] = [];
  const factors: string[] = [];
  const compiled = factorsOf(est, a);
  for (let i = 0; i < compiled.length; i++) {
    const { id, f, values, range } = compiled[i]!;
    if (!values.has(factorValue(f.field, answers, facts))) continue;
    factors.push(id);
    if (f.effect === 'multiply') pw = productOf(pw, range);
    else adds.push(range);
  }
  if (a !== 'use-as-is') pw = scale(pw, dataVolumeFactor(est, examples));
  pw = scale(sumOf(pw, ...adds), effortScaleFor(est, a));
  const entry = est.teams[key] ?? est.teams[a];
  const team = answers.teamSize ?? est.teamSize?.value ?? entry?.team ?? 1;
  const useful = entry?.useful ?? team;
  const calendarWeeks = scale(pw, 1 / Math.min(team, useful));
  const cost = scale(productOf(calendarWeeks, weekly), team);
  return { personWeeks: pw, team, useful, calendarWeeks, cost, factors };
}

/** The effort model's figures in the assumptions: the base, each factor met, the team. */
export function describeEffort(ctx: Context, a: Approach, fam: FamilyDefaults, effort: Effort): void {
  const { answers, est, A } = ctx;
  const key = effortKey(a, answers, fam);
  const base = est.engineeringWeeks[key] ?? est.engineeringWeeks[a];
  if (base) A.addFromCatalog(est, ['effort-base', key], () => ({ what: `Base effort, ${key}`, value: `${fmtRange(rangeOf(base), 'person-weeks', 1)} (judgement)`, source: base.source, asOf: base.asOf }));
  for (const id of effort.factors) {
    const f = est.effortFactors[id]!;
    A.addFromCatalog(est, ['effort-factor', id], () => ({
      what: `Effort factor ${id} (${f.field} ${f.in.join('/')})`,
      value: `${f.effect === 'multiply' ? '×' : '+'} ${fmtRange(rangeOf(f), f.effect === 'multiply' ? '' : 'person-weeks', 2).trim()}${f.judgement ? ' (judgement)' : ''}`,
      source: f.source,
      asOf: f.asOf,
    }));
  }
  const vol = est.effortDataVolume;
  if (vol && a !== 'use-as-is') A.addFromCatalog(est, ['effort-volume'], () => ({ what: 'Effort and data volume', value: `× (examples / ${formatNumber(vol.reference, 0)})^${formatNumber(vol.exponent)}, within ${formatNumber(vol.min)}–${formatNumber(vol.max)} (judgement)`, source: vol.source, asOf: vol.asOf }));
  const scaleEntry = est.effortScale[a] ?? est.effortScale.all;
  if (scaleEntry) A.add(`Effort scale, ${est.effortScale[a] ? a : 'all spots'}`, `× ${formatNumber(scaleEntry.value)} from ${scaleEntry.projects} past project${scaleEntry.projects === 1 ? '' : 's'}`, scaleEntry.source, scaleEntry.asOf);
  if (answers.teamSize !== undefined) A.add('Team size', String(answers.teamSize), YOURS.source, YOURS.asOf);
  else if (est.teamSize) {
    const t = est.teamSize;
    A.addFromCatalog(est, ['team-size'], () => ({ what: 'Team size', value: String(t.value), source: t.source, asOf: t.asOf }));
  }
  else {
    const t = est.teams[key] ?? est.teams[a];
    if (t) A.addFromCatalog(est, ['team', key], () => ({ what: `Team, ${key}`, value: `${t.team} engineer${t.team === 1 ? '' : 's'}; at most ${t.useful} usefully at once (judgement)`, source: t.source, asOf: t.asOf }));
  }
}

/** What an engineer-week costs, loaded: the answers' figure, else the catalog's. */
export function weeklyRate(answers: Answers, est: EstimatesCatalog): Range {
  return answers.engineerWeeklyUsd !== undefined ? one(answers.engineerWeeklyUsd) : est.engineerWeeklyUsd ? rangeOf(est.engineerWeeklyUsd) : ZERO;
}

export function addPayAssumption(A: Assumptions, answers: Answers, est: EstimatesCatalog, weekly: Range): void {
  if (answers.engineerWeeklyUsd !== undefined) A.add('Engineer-week, loaded', `${formatNumber(answers.engineerWeeklyUsd)} USD`, YOURS.source, YOURS.asOf);
  else if (est.engineerWeeklyUsd) {
    // Pay is a yearly statistic published with a lag (BLS), not a market price that moves month to
    // month like GPU-hours: it is dated in the assumptions but does not raise stale-price, which
    // would otherwise fire on every run.
    const pay = est.engineerWeeklyUsd;
    A.addFromCatalog(est, ['weekly'], () => ({ what: 'Engineer-week, loaded', value: fmtRange(weekly, 'USD', 0), source: pay.source, asOf: pay.asOf }));
  }
}
