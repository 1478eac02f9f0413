// Running it: what serving a spot costs a month once it is live. A hosted model through an API is
// priced per token at dated prices; your own model on GPUs sized from published serving
// throughput, with at least one instance always on; a classical model on a small CPU instance;
// a model on your users' devices costs you no serving. Upkeep (monitoring, retraining, on-call)
// comes on top, and a model you trained is retrained now and then.
import type { Answers, Approach } from '../answers/fields.js';
import type { EstimatesCatalog, Family, FamilyDefaults } from '../catalog/catalog.js';
import { formatNumber } from '../text/format.js';
import { fmtRange, YOURS } from './assumptions.js';
import type { Work } from './compute.js';
import type { Context } from './context.js';
import { one, productOf, rangeOf, scale, sumOf, ZERO, type Range } from './range.js';

export const HOURS_PER_MONTH = 730;
const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

export type ServingMode = 'api' | 'gpu' | 'cpu' | 'device';

export interface Running {
  monthly: Range;
  how: string;
  mode: ServingMode;
  /** Parts of the monthly figure: serving, upkeep, retraining. */
  serving: Range;
  upkeep: Range;
  retraining: Range;
}

/** How a spot is served: an API only for a hosted model used without training, on LLM tasks. */
export function servingMode(a: Approach, answers: Answers, family: Family, work: Work): ServingMode {
  if (answers.deployment === 'edge' || answers.deployment === 'mobile' || answers.deployment === 'browser') return 'device';
  if (work.cpuOnly) return 'cpu';
  if (family === 'llm' && (a === 'use-as-is' || a === 'feature-extraction') && answers.privacy === 'cloud-ok' && answers.deployment === 'cloud') return 'api';
  return 'gpu';
}

/** Tokens of one request and the share of them that is output. */
export function requestTokens(est: EstimatesCatalog, answers: Answers): { tokens: number; outputShare: number } {
  const t = est.requestTokens[answers.task] ?? est.requestTokens.default;
  return { tokens: answers.tokensPerRequest ?? t?.tokens ?? 500, outputShare: t?.outputShare ?? 0.2 };
}

const sorted = (xs: number[]): Range => {
  const s = [...xs].sort((x, y) => x - y);
  return { low: s[0]!, likely: s[1]!, high: s[2]! };
};

/** Replicas needed to serve `rps` on average at `capacity` requests/s each, at least one always on. */
export function replicasFor(rps: number, capacity: number, load: number): number {
  if (!(capacity > 0)) return 1;
  return Math.max(1, Math.ceil(rps / (capacity * load)));
}

/** USD a month of the API at the low, likely and high choices of model. */
function apiMonthly(est: EstimatesCatalog, answers: Answers): { serving: Range; how: string; used: string[] } | undefined {
  const choice = est.apiChoice;
  if (!choice) return undefined;
  const ids = [choice.low, choice.likely, choice.high];
  const prices = ids.map((id) => est.apiPrices[id]);
  if (prices.some((p) => !p)) return undefined;
  const { tokens, outputShare } = requestTokens(est, answers);
  const perM = prices.map((p) => (1 - outputShare) * p!.inputPerMTokens + outputShare * p!.outputPerMTokens);
  const monthTokens = (answers.requestsPerMonth ?? 0) * tokens;
  const serving = sorted(perM.map((x) => (x * monthTokens) / 1e6));
  return { serving, how: `API (${prices[1]!.name}; ${prices[0]!.name} to ${prices[2]!.name}), ${formatNumber(monthTokens, 0)} tokens a month`, used: ids };
}

/** FLOPs of serving one request with this family's model. */
function flopsPerRequest(est: EstimatesCatalog, answers: Answers, family: Family, fam: FamilyDefaults, params: number): number | undefined {
  const prefill = est.prefillCostShare?.value ?? 0.2;
  if (family === 'llm') {
    const { tokens, outputShare } = requestTokens(est, answers);
    return 2 * params * tokens * (outputShare + prefill * (1 - outputShare));
  }
  // Encoders and other token models read the whole input at once, like a prefill.
  if (fam.tokensPerSample !== undefined) return 2 * params * fam.tokensPerSample * prefill;
  if (fam.forwardGflopPerSample !== undefined) return fam.forwardGflopPerSample * 1e9 * (params / fam.params);
  return undefined;
}

/** The running cost of one spot a month; undefined when the answers give no requestsPerMonth. */
export function runningFor(ctx: Context, a: Approach, family: Family, fam: FamilyDefaults, work: Work, computeCost: Range, weekly: Range): Running | undefined {
  const { answers, est, A, price } = ctx;
  if (answers.requestsPerMonth === undefined) return undefined;
  const mode = servingMode(a, answers, family, work);
  const rps = answers.requestsPerMonth / SECONDS_PER_MONTH;
  const load = est.servingLoad ? rangeOf(est.servingLoad) : one(1);
  let serving = ZERO;
  let how = '';
  if (mode === 'api') {
    const api = apiMonthly(est, answers);
    if (api) {
      serving = api.serving;
      how = api.how;
      for (const id of api.used) {
        const p = est.apiPrices[id]!;
        if (A.recording) A.addFromCatalog(est, ['api', id], () => ({ what: `${p.name} API price`, value: `${formatNumber(p.inputPerMTokens)} / ${formatNumber(p.outputPerMTokens)} USD per 1M input / output tokens`, source: p.source, asOf: p.asOf }));
        if (ctx.tracksPrices) price(`${p.name} API price`, p.asOf);
      }
      const choice = est.apiChoice!;
      if (A.recording) A.addFromCatalog(est, ['api-choice'], () => ({ what: 'Hosted model assumed', value: `${est.apiPrices[choice.likely]!.name} (likely), ${est.apiPrices[choice.low]!.name} (low), ${est.apiPrices[choice.high]!.name} (high)`, source: choice.source, asOf: choice.asOf }));
      const t = requestTokens(est, answers);
      if (A.recording) A.add('Tokens per request', `${formatNumber(t.tokens, 0)}, ${formatNumber(t.outputShare * 100, 0)}% of them output`, answers.tokensPerRequest !== undefined ? YOURS.source : (est.requestTokens[answers.task] ?? est.requestTokens.default)?.source ?? 'default', answers.tokensPerRequest !== undefined ? YOURS.asOf : (est.requestTokens[answers.task] ?? est.requestTokens.default)?.asOf ?? 'n/a');
    } else {
      how = 'API: no prices in the catalog';
    }
  } else if (mode === 'cpu') {
    const cpu = est.cpuInstance;
    if (cpu) {
      const cap = rangeOf(cpu.requestsPerSecond);
      const hourly = rangeOf(cpu.hourlyUsd);
      const n = { low: replicasFor(rps, cap.high, load.high), likely: replicasFor(rps, cap.likely, load.likely), high: replicasFor(rps, cap.low, load.low) };
      serving = scale(productOf(n, hourly), HOURS_PER_MONTH);
      how = `${formatNumber(n.likely, 0)} × ${cpu.name} always on`;
      if (A.recording) A.addFromCatalog(est, ['cpu-instance'], () => ({ what: `${cpu.name} price`, value: fmtRange(hourly, 'USD/hour', 4), source: cpu.hourlyUsd.source, asOf: cpu.hourlyUsd.asOf }));
      if (A.recording) A.addFromCatalog(est, ['cpu-throughput'], () => ({ what: 'Classical model throughput per instance', value: `${fmtRange(cap, 'requests/s', 0)} (judgement)`, source: cpu.requestsPerSecond.source, asOf: cpu.requestsPerSecond.asOf }));
      if (ctx.tracksPrices) price(`${cpu.name} price`, cpu.hourlyUsd.asOf);
    }
  } else if (mode === 'gpu') {
    const gpu = answers.gpu ?? fam.gpu;
    const hw = est.hardware[gpu];
    const hourly = answers.gpuHourlyUsd !== undefined ? one(answers.gpuHourlyUsd) : est.prices[gpu] ? rangeOf(est.prices[gpu]!) : undefined;
    if (hw && hourly) {
      const params = answers.modelParams ?? fam.params;
      const bytes = est.memoryRule?.inferenceBytesPerParam ?? 2.4;
      const perReplica = Math.max(1, Math.ceil((params * bytes) / 1e9 / hw.memoryGb));
      const util = est.servingUtilisation ? rangeOf(est.servingUtilisation) : one(0.2);
      const flops = flopsPerRequest(est, answers, family, fam, params);
      const capOf = (u: number) => (flops ? (hw.tflops * 1e12 * perReplica * u) / flops : 0);
      const n = { low: replicasFor(rps, capOf(util.high), load.high), likely: replicasFor(rps, capOf(util.likely), load.likely), high: replicasFor(rps, capOf(util.low), load.low) };
      serving = scale(productOf(n, hourly), HOURS_PER_MONTH * perReplica);
      how = `${formatNumber(n.likely, 0)} × ${perReplica > 1 ? `${perReplica} ` : ''}${hw.name} always on${flops ? '' : ' (throughput not estimated: at least one)'}`;
      if (A.recording && est.servingUtilisation) A.addFromCatalog(est, ['serving-util'], () => ({ what: 'Serving throughput, share of dense peak at full load', value: fmtRange(util, ''), source: est.servingUtilisation!.source, asOf: est.servingUtilisation!.asOf }));
      if (est.prices[gpu] && answers.gpuHourlyUsd === undefined) {
        if (A.recording) A.addFromCatalog(est, ['price', gpu], () => ({ what: `${hw.name} on-demand price`, value: fmtRange(hourly, 'USD/GPU-hour'), source: est.prices[gpu]!.source, asOf: est.prices[gpu]!.asOf }));
        if (ctx.tracksPrices) price(`${hw.name} on-demand price`, est.prices[gpu]!.asOf);
      }
    } else {
      how = `${gpu}: no price or hardware entry, serving not estimated`;
    }
    if (A.recording && est.servingLoad) A.addFromCatalog(est, ['serving-load'], () => ({ what: 'Average load of a serving fleet', value: `${fmtRange(load, 'of capacity')} (judgement)`, source: est.servingLoad!.source, asOf: est.servingLoad!.asOf }));
  } else {
    how = "on your users' devices: no serving cost to you";
  }
  const upkeepKey = mode === 'api' ? 'api' : mode === 'device' ? 'on-device' : 'self-hosted';
  const upkeepSpread = est.upkeep[upkeepKey];
  const upkeep = upkeepSpread ? productOf(rangeOf(upkeepSpread), weekly) : ZERO;
  if (A.recording && upkeepSpread) A.addFromCatalog(est, ['upkeep', upkeepKey], () => ({ what: `Upkeep, ${upkeepKey}`, value: `${fmtRange(rangeOf(upkeepSpread), 'engineer-weeks a month', 2)} (judgement)`, source: upkeepSpread.source, asOf: upkeepSpread.asOf }));
  const every = est.retrainEveryMonths ? rangeOf(est.retrainEveryMonths) : undefined;
  // A cheap retrain every 3 months and a dear one every 12 bound the monthly figure.
  const retraining = a !== 'use-as-is' && every ? { low: computeCost.low / every.high, likely: computeCost.likely / every.likely, high: computeCost.high / every.low } : ZERO;
  if (A.recording && retraining.likely > 0 && est.retrainEveryMonths) A.addFromCatalog(est, ['retrain'], () => ({ what: 'Retraining', value: `the training run again every ${fmtRange(every!, 'months', 0)} (judgement)`, source: est.retrainEveryMonths!.source, asOf: est.retrainEveryMonths!.asOf }));
  const monthly = sumOf(serving, upkeep, retraining);
  return { monthly, how: how || mode, mode, serving, upkeep, retraining };
}
