// Where to start: the starting models of the catalog that serve this task on this kind of data,
// ranked for the spot and the constraints (self-hosting, small devices, the domain); the model each
// spot's estimate sizes; and the methods worded with the model they name.
import { APPROACHES, type Answers, type Approach } from '../answers/fields.js';
import { ValuesCache } from '../catalog/values-cache.js';
import type { Family } from '../catalog/catalog.js';
import { serves, spotsOf } from '../catalog/models.js';
import type { ModelEntry } from '../catalog/schema.js';
import type { StartingModel } from '../estimate/spectrum.js';
import type { SuggestedModel } from '../result/result.js';
import { holdsDefine } from '../rules/classes.js';
import type { RuleSet } from '../rules/rule-set.js';

/** A specialised model is relevant when the answers point at its domain. */
function domainFits(domain: string, a: Answers): boolean {
  if (domain === 'biomedical') return a.sensitiveDomain === 'healthcare';
  if (domain === 'geospatial') return a.modality === 'scientific';
  return false;
}

/**
 * The models to start `approach` from, best first: those that serve the task and the modality, that
 * can be self-hosted when data must stay in-house, small ones on small devices (smallest first on
 * the edge), those made for this spot first (the others that serve the problem behind them when
 * fewer than two are), and specialised ones after general ones unless the answers point at their
 * domain. Otherwise the catalog's order.
 */
export function rankModels(models: readonly ModelEntry[], a: Answers, approach: Approach, onDevice: boolean): readonly ModelEntry[] {
  // The ranking reads only these answers: made once per catalog and combination, since a batch
  // ranks for every row (the suggestions) and every probe of an answer that sizes the models.
  let cache = rankingCache.get(models);
  if (!cache) rankingCache.set(models, (cache = new ValuesCache()));
  return cache.get([a.task, a.modality, a.privacy, onDevice, approach, a.sensitiveDomain, a.deployment], () => Object.freeze(ranked(models, a, approach, onDevice)));
}
const rankingCache = new WeakMap<readonly ModelEntry[], ValuesCache<readonly ModelEntry[]>>();

function ranked(models: readonly ModelEntry[], a: Answers, approach: Approach, onDevice: boolean): ModelEntry[] {
  let pool = servingModels(models, a);
  if (a.privacy === 'self-hosted-only') pool = pool.filter((m) => m.selfHostable);
  if (onDevice) {
    const small = pool.filter((m) => m.small);
    if (small.length) pool = small;
  }
  const forSpot = pool.filter((m) => spotsOf(m).includes(approach));
  if (forSpot.length >= 2) pool = forSpot;
  else if (forSpot.length) pool = [...forSpot, ...pool.filter((m) => !forSpot.includes(m))];
  const score = (m: ModelEntry, i: number) => {
    let s = -i * 0.001;
    if (m.domain) s += domainFits(m.domain, a) ? 0.5 : -0.5;
    // On the edge (microcontrollers, gateways) every kilobyte counts.
    if (a.deployment === 'edge' && m.params) s -= Math.log10(m.params) * 0.01;
    return s;
  };
  return pool.map((m, i) => ({ m, s: score(m, i) })).sort((x, y) => y.s - x.s).map((x) => x.m);
}

// The models that serve a task and modality, once per catalog and pair (a batch asks on every row).
const servingCache = new WeakMap<readonly ModelEntry[], ValuesCache<readonly ModelEntry[]>>();
function servingModels(models: readonly ModelEntry[], a: Answers): readonly ModelEntry[] {
  let cache = servingCache.get(models);
  if (!cache) servingCache.set(models, (cache = new ValuesCache()));
  return cache.get([a.task, a.modality], () => models.filter((m) => serves(m, a.task, a.modality)));
}

/**
 * The first `n` of a ranked list, keeping an open-weight and a hosted model among them when the list
 * has both (the last places give way), so the choice between them is always on the table.
 */
export function pickSuggestions(ranked: readonly ModelEntry[], n: number): ModelEntry[] {
  const top = ranked.slice(0, n);
  for (const hosted of [false, true]) {
    if (top.some((m) => m.selfHostable !== hosted)) continue;
    const other = ranked.find((m) => m.selfHostable !== hosted);
    if (!other) continue;
    if (top.length < n) top.push(other);
    else top[top.length - 1] = other;
  }
  return top;
}

export function suggestModels(answers: Answers, rs: RuleSet, approach: Approach): SuggestedModel[] {
  return pickSuggestions(rankModels(rs.catalog.models, answers, approach, holdsDefine(rs, 'on-device', answers)), 4).map(suggestionOf);
}

// A suggestion depends only on its catalog entry: made once per entry and frozen, the same object
// goes into every result that suggests it (and a batch writes its bytes once, io/json-bytes.ts).
const suggestions = new WeakMap<ModelEntry, SuggestedModel>();
function suggestionOf(m: ModelEntry): SuggestedModel {
  let s = suggestions.get(m);
  if (!s) {
    const made: SuggestedModel = { name: m.name, source: m.source, why: m.why, licence: m.licence, selfHostable: m.selfHostable };
    if (m.params) made.params = m.params;
    made.checked = m.checked;
    suggestions.set(m, (s = Object.freeze(made)));
  }
  return s;
}

/**
 * The model each adapted spot starts from: its first suggestion with a known size. Training from
 * random weights starts from none, and using a model as is trains nothing.
 */
export function startingModels(answers: Answers, rs: RuleSet): Partial<Record<Approach, StartingModel>> {
  const models = rs.catalog.models;
  const onDevice = holdsDefine(rs, 'on-device', answers);
  // Ranking reads only these answers (all in ESTIMATE_INPUTS, since the estimates size these models).
  let cache = startsCache.get(models);
  if (!cache) startsCache.set(models, (cache = new ValuesCache()));
  return cache.get([answers.task, answers.modality, answers.privacy, onDevice, answers.deployment, answers.sensitiveDomain], () => computeStartingModels(answers, models, onDevice));
}

const startsCache = new WeakMap<readonly ModelEntry[], ValuesCache<Partial<Record<Approach, StartingModel>>>>();

function computeStartingModels(answers: Answers, models: readonly ModelEntry[], onDevice: boolean): Partial<Record<Approach, StartingModel>> {
  const out: Partial<Record<Approach, StartingModel>> = {};
  for (const a of ['feature-extraction', 'fine-tune', 'heavy-fine-tune'] as const) {
    const m = rankModels(models, answers, a, onDevice).find((x) => x.params !== undefined);
    if (m) out[a] = { name: m.name, params: m.params!, checked: m.checked };
  }
  return out;
}

/**
 * What each spot means for this problem: the task's own wording where it has one, else its family's,
 * with `{model}` naming the model the spot starts from (the one its estimate sizes).
 */
export function methodsFor(answers: Answers, rs: RuleSet, family: Family, starts: Partial<Record<Approach, StartingModel>>): Partial<Record<Approach, string>> {
  const merged = { ...rs.catalog.families[family], ...rs.catalog.taskMethods[answers.task] };
  const fallback = rs.catalog.estimates.families[family]?.model ?? 'the closest pre-trained model';
  const out: Partial<Record<Approach, string>> = {};
  // The model the estimate sizes: your own, a published architecture you named, or the spot's first suggestion.
  const arch = answers.architecture !== undefined ? rs.catalog.estimates.architectures[answers.architecture]?.name : undefined;
  for (const a of APPROACHES) {
    const named = answers.modelParams !== undefined ? 'your model' : arch ?? starts[a]?.name ?? fallback;
    const m = merged[a];
    if (m !== undefined) out[a] = m.replaceAll('{model}', named);
  }
  return out;
}
