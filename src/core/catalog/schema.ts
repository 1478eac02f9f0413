// The catalog sections of a rule file as zod schemas: starting models, hubs, methods per family
// and the figures behind the estimates. Read when a rule file is loaded and by `schema rules`.
import * as z from 'zod';
import { APPROACHES, MODALITIES, TASKS, type Approach } from '../answers/fields.js';
import { isCalendarDate } from '../text/date.js';
import { formatNumber } from '../text/format.js';

export const FAMILIES = ['text-encoder', 'llm', 'vision', 'image-generation', 'speech', 'music', 'classical', 'science', 'other'] as const;
export type Family = (typeof FAMILIES)[number];

const yearMonth = z
  .union([z.string(), z.date()])
  .transform((v) => (typeof v === 'string' ? v : v.toISOString().slice(0, 7)))
  .pipe(z.string().refine((v) => isCalendarDate(v), 'expected a real date as YYYY-MM or YYYY-MM-DD (month 01–12)'));

/**
 * A figure of a catalog entry, bounded to physical sense (README, "Limits"): a price of 1e308 or a
 * team of 1e300 would overflow the estimates to Infinity. `what` names it in the message.
 */
export function figure(what: string, max: number, opts: { min?: number; positive?: boolean; int?: boolean } = {}) {
  let n = opts.int ? z.number().int() : z.number();
  const range = `${opts.positive ? `> ${formatNumber(opts.min ?? 0, 3)}` : `≥ ${formatNumber(opts.min ?? 0, 3)}`} and ≤ ${formatNumber(max, 3)}`;
  const msg = `expected ${what} ${range}`;
  n = opts.positive ? n.gt(opts.min ?? 0, msg) : n.gte(opts.min ?? 0, msg);
  return n.lte(max, msg);
}

export const modelSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  name: z.string().min(1),
  source: z.string().min(1),
  tasks: z.array(z.enum(TASKS)).min(1),
  modality: z.enum(MODALITIES),
  /** Every modality the model serves, when more than `modality`. */
  modalities: z.array(z.enum(MODALITIES)).min(1).optional(),
  /** The spots it is a good start for (use-as-is: it does the task out of the box); default every spot but train-from-scratch. */
  spots: z.array(z.enum(APPROACHES)).min(1).optional(),
  domain: z.string().optional(),
  selfHostable: z.boolean(),
  licence: z.string().min(1),
  params: figure('a parameter count', 1e14, { positive: true }).optional(),
  /** Fit for edge, mobile and browser deployment. */
  small: z.boolean().optional(),
  checked: yearMonth,
  why: z.string().min(1),
  enabled: z.boolean().optional(),
});
export type ModelEntry = z.infer<typeof modelSchema>;

export const hubSchema = z.strictObject({ name: z.string().min(1), what: z.string().min(1) });
export type Hub = z.infer<typeof hubSchema>;


const methodsSchema = z.strictObject(
  Object.fromEntries(APPROACHES.map((a) => [a, z.string().min(1)])) as Record<Approach, z.ZodString>,
);

// ---- Estimates: the figures behind cost and time. Every figure says where it comes from.
const sourced = { source: z.string().min(1), asOf: yearMonth };
const spreadOf = (f: () => z.ZodNumber) => ({ low: f().optional(), likely: f(), high: f().optional(), ...sourced });
const refineSpread = <T extends { low?: number; likely: number; high?: number }>(s: z.ZodType<T>) =>
  s.refine((v) => (v.low ?? v.likely) <= v.likely && v.likely <= (v.high ?? v.likely), { message: 'low ≤ likely ≤ high' });
/** A low / likely / high figure of `what`, each end within [0, max]. */
export const spreadSchema = (what: string, max: number) => refineSpread(z.strictObject(spreadOf(() => figure(what, max))));
const settingSchema = (what: string, max: number, int = false) => z.strictObject({ value: figure(what, max, { positive: true, int }), ...sourced });
const gpuId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/);

export const hardwareSchema = z.strictObject({
  name: z.string().min(1),
  /** Dense BF16/FP16 tensor peak, TFLOP/s. */
  tflops: figure('a peak in TFLOP/s', 100_000, { positive: true }),
  memoryGb: figure('a memory size in GB', 10_000, { positive: true }),
  generation: z.string().min(1),
  /** The peak is not published by the vendor. */
  estimate: z.boolean().optional(),
  ...sourced,
});
/**
 * MFU of one class of model (transformer, cnn, yolo, …) on some generations of hardware; for
 * transformers also by job (a large pre-training-sized run or a small fine-tune-sized one).
 */
export const mfuSchema = refineSpread(z.strictObject({ class: z.string().min(1).optional(), generations: z.array(z.string().min(1)).min(1), job: z.enum(['large', 'small']).optional(), ...spreadOf(() => figure('an MFU', 1, { min: 0.001 })) }));
/** A published effect that lowers a class's MFU below a reference size: × (x / reference)^exponent. */
export const mfuScaleSchema = z.strictObject({
  class: z.string().min(1),
  by: z.enum(['params', 'paramsPerGpu', 'forwardGflops']),
  reference: figure('a reference size', 1e16, { positive: true }),
  exponent: figure('an exponent', 2, { positive: true }),
  ...sourced,
});
/** A model whose size and cost per sample are published: named by the `architecture` answer. */
export const architectureSchema = z.strictObject({
  name: z.string().min(1),
  /** The MFU class its runs are measured under. */
  class: z.string().min(1),
  params: figure('a parameter count', 1e14, { positive: true }),
  /** Forward FLOPs (not MACs) of one sample, in GFLOPs; absent for token models. */
  forwardGflops: figure('GFLOP per sample', 1e9, { positive: true }).optional(),
  tokensPerSample: figure('tokens per sample', 1e8, { positive: true }).optional(),
  /** Pixels per side the forward FLOPs stand for; inputResolution scales them by the pixel count. */
  resolution: figure('a resolution in pixels', 1e6, { positive: true }).optional(),
  /** What one sample is when it is not an image or an example (e.g. one second of audio). */
  sampleUnit: z.string().min(1).optional(),
  ...sourced,
}).refine((v) => (v.forwardGflops === undefined) !== (v.tokensPerSample === undefined), { message: 'an architecture has forwardGflops (per-sample models) or tokensPerSample (token models), one of them' });
export const hardwarePlanSchema = z.strictObject({
  nodeSize: figure('GPUs per node', 1024, { positive: true, int: true }),
  /** Wall-clock hours one node may run before the job gets more GPUs. */
  nodeHours: figure('a number of hours', 1e6, { positive: true }),
  /** Wall-clock hours a multi-node run is planned to fit. */
  runHours: figure('a number of hours', 1e6, { positive: true }),
  maxGpus: figure('a GPU count', 1_000_000, { positive: true, int: true }),
  ...sourced,
});
/** What one label is: a class, a box, a mask, a transcript, a written demonstration, a caption, a recording, a preference pair. */
export const LABEL_KINDS = ['classification', 'box', 'segmentation', 'transcript', 'demonstration', 'caption', 'recording', 'preference'] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];
/** Expert labels with a published time per item: which expert, which task (answers.expertLabel). */
export const EXPERT_LABELS = ['chest-xray-read', 'ct-read', 'ct-organ-segmentation', 'contract-clause-review', 'essay-grade'] as const;
const minutes = () => figure('minutes per item', 10_080, { positive: true });
const minutesSchema = z.union([minutes(), refineSpread(z.strictObject({ low: minutes().optional(), likely: minutes(), high: minutes().optional() }) as z.ZodType<{ low?: number; likely: number; high?: number }>)]);

export const labelPriceSchema = z
  .strictObject({
    labelSource: z.enum(['crowd', 'in-house', 'expert']),
    /** `any`: every kind of item label (not audio hours, demonstrations or preference pairs), priced by the labeller's time. */
    kind: z.enum([...LABEL_KINDS, 'any']),
    modalities: z.array(z.enum(MODALITIES)).min(1).optional(),
    /** Expert labels: the expert task this entry prices (answers.expertLabel). */
    expertLabel: z.enum(EXPERT_LABELS).optional(),
    /** What one priced unit is: an item (default) or an hour of audio. */
    per: z.enum(['item', 'audio-hour']).optional(),
    low: figure('a label price in USD', 10_000).optional(),
    likely: figure('a label price in USD', 10_000).optional(),
    high: figure('a label price in USD', 10_000).optional(),
    /** Working minutes per unit: what paces the labelling, and with a rate what prices it. */
    minutesPerItem: minutesSchema.optional(),
    hourlyUsd: figure('an hourly rate in USD', 10_000, { positive: true }).optional(),
    /** The labeller's hourly rate from `professions`, instead of hourlyUsd. */
    profession: z.string().min(1).optional(),
    /** People who label each item (e.g. two readers per test image). */
    readers: figure('a number of readers', 1000, { positive: true }).optional(),
    ...sourced,
  })
  .refine((v) => v.likely !== undefined || (v.minutesPerItem !== undefined && (v.hourlyUsd !== undefined || v.profession !== undefined)), { message: 'a label price needs likely (USD per unit) or minutesPerItem with hourlyUsd or a profession' });
export const professionSchema = refineSpread(z.strictObject({ name: z.string().min(1), ...spreadOf(() => figure('an hourly rate in USD', 10_000)) }));
export const apiPriceSchema = z.strictObject({ name: z.string().min(1), inputPerMTokens: figure('a price in USD per million tokens', 10_000), outputPerMTokens: figure('a price in USD per million tokens', 10_000), ...sourced });
export const effortFactorSchema = refineSpread(z.strictObject({
  /** The answer field (or `family`, `hosted`, `multiNode`: facts of the spot) and the values it applies to. */
  field: z.string().min(1),
  in: z.array(z.union([z.string(), z.number().gte(-1e15).lte(1e15), z.boolean()])).min(1),
  /** Multiplies the spot's person-weeks, or adds person-weeks of its own work. */
  effect: z.enum(['multiply', 'add']),
  /** The spots it applies to (all when absent). */
  spots: z.array(z.enum(APPROACHES)).min(1).optional(),
  /** No published figure: the assumptions say so. */
  judgement: z.boolean().optional(),
  ...spreadOf(() => figure('an effort factor or person-weeks', 1000)),
}));
const teamSchema = z.strictObject({ team: figure('a team size', 10_000, { positive: true, int: true }), useful: figure('a team size', 10_000, { positive: true, int: true }), ...sourced });
export const scaleSchema = z.strictObject({ value: figure('a scale', 1000, { positive: true }), projects: figure('a number of projects', 1e6, { int: true }), ...sourced });
export const labelsNeededSchema = z.strictObject({
  ...(Object.fromEntries(APPROACHES.map((a) => [a, figure('a count of labelled examples', 1e12, { int: true })])) as Record<Approach, z.ZodNumber>),
  ...sourced,
});
export const familyDefaultsSchema = z.strictObject({
  model: z.string().min(1),
  params: figure('a parameter count', 1e14, { positive: true }),
  /** Token models: tokens per example; absent with forwardGflopPerSample for non-token models. */
  tokensPerSample: figure('tokens per sample', 1e8, { positive: true }).optional(),
  forwardGflopPerSample: figure('GFLOP per sample', 1e9, { positive: true }).optional(),
  epochs: figure('a number of epochs', 10_000, { positive: true }),
  /** From scratch with a corpus of your own: at least this many tokens per parameter. */
  scratchTokensPerParam: figure('tokens per parameter', 1e6, { positive: true }).optional(),
  /** From scratch with no corpus in the answers: a production model's token budget. */
  scratchTokens: figure('a number of tokens', 1e15, { positive: true }).optional(),
  scratchSamples: figure('a number of samples', 1e13, { positive: true }).optional(),
  scratchEpochs: figure('a number of epochs', 10_000, { positive: true }).optional(),
  /** The MFU class the family's model is measured under (default transformer). */
  mfuClass: z.string().min(1).optional(),
  /** Pixels per side forwardGflopPerSample stands for. */
  resolution: figure('a resolution in pixels', 1e6, { positive: true }).optional(),
  /** From scratch this family trains a classical model on a CPU: no GPU-hours. */
  classicalScratch: z.boolean().optional(),
  gpu: gpuId,
  /** A fixed GPU count for small jobs; absent: chosen for the job (estimates.hardwarePlan). */
  gpuCount: figure('a GPU count', 1_000_000, { positive: true, int: true }).optional(),
  scratchGpu: gpuId,
  /** A fixed GPU count for large runs; absent: chosen for the job. */
  scratchGpuCount: figure('a GPU count', 1_000_000, { positive: true, int: true }).optional(),
  ...sourced,
});

export const estimatesSchema = z.strictObject({
  evaluatedOn: yearMonth.optional(),
  staleAfterMonths: figure('a number of months', 1200, { positive: true, int: true }).optional(),
  hardware: z.record(gpuId, hardwareSchema).optional(),
  prices: z.record(gpuId, spreadSchema('a price in USD per GPU-hour', 1000)).optional(),
  mfu: z.record(gpuId, mfuSchema).optional(),
  mfuScale: z.record(gpuId, mfuScaleSchema).optional(),
  architectures: z.record(gpuId, architectureSchema).optional(),
  /** A run of at least this many FLOPs is a large job (pre-training-sized MFU, no fixed overhead). */
  largeJobFlops: settingSchema('a number of FLOPs', 1e30).optional(),
  /** Pre-training (from scratch, or continued on a corpus) of at least this many FLOPs is a large job. */
  largePretrainingFlops: settingSchema('a number of FLOPs', 1e30).optional(),
  /** Continued pre-training reads at most this many tokens of your corpus per parameter. */
  continuedPretraining: settingSchema('tokens per parameter', 1e6).optional(),
  hardwarePlan: hardwarePlanSchema.optional(),
  /** Per GPU, small jobs only: setup, evaluation and checkpoints, added to the compute. */
  overheadGpuHours: spreadSchema('an overhead in GPU-hours', 1_000_000).optional(),
  memoryRule: z.strictObject({ trainBytesPerParam: figure('bytes per parameter', 1000, { positive: true }), inferenceBytesPerParam: figure('bytes per parameter', 1000, { positive: true }), ...sourced }).optional(),
  labeling: z.record(gpuId, labelPriceSchema).optional(),
  expertLabelers: settingSchema('a number of labellers', 1_000_000).optional(),
  expertHoursPerWeek: settingSchema('hours a week', 168).optional(),
  labelsNeeded: z.record(z.string().min(1), labelsNeededSchema).optional(),
  /** What a label is for each task; `default` for the tasks not listed. */
  labelKinds: z.partialRecord(z.enum([...TASKS, 'default']), z.enum(LABEL_KINDS)).optional(),
  families: z.record(z.string().min(1), familyDefaultsSchema).optional(),
  /** Base person-weeks per spot (the effort model's starting point). */
  engineeringWeeks: z.partialRecord(z.enum([...APPROACHES, 'classical-scratch', 'use-as-is-hosted']), spreadSchema('engineering weeks', 520)).optional(),
  teamSize: settingSchema('a team size', 10_000, true).optional(),
  engineerWeeklyUsd: spreadSchema('a loaded engineer-week in USD', 100_000).optional(),
  // ---- People: the effort model (estimate/effort.ts) ----
  /** Factors on the base person-weeks, by id. */
  effortFactors: z.record(gpuId, effortFactorSchema).optional(),
  /** Work grows with the data a spot trains on: × (examples / reference)^exponent, within min–max. */
  effortDataVolume: z.strictObject({ reference: figure('a number of examples', 1e13, { positive: true }), exponent: figure('an exponent', 1), min: figure('a factor', 1000, { positive: true }), max: figure('a factor', 1000, { positive: true }), ...sourced }).optional(),
  /** The team each spot takes, and how many people can usefully work on it at once. */
  teams: z.partialRecord(z.enum([...APPROACHES, 'classical-scratch', 'use-as-is-hosted']), teamSchema).optional(),
  /** Scales a team's own history puts on the effort (written by `ml-advisor calibrate`). */
  effortScale: z.partialRecord(z.enum([...APPROACHES, 'all']), scaleSchema).optional(),
  /** Scale on the MFU ranges (after the keyed mfuScale size effects) from a team's own GPU-hours (written by `ml-advisor calibrate`). */
  mfuCalibration: scaleSchema.optional(),
  // ---- Labels ----
  professions: z.record(gpuId, professionSchema).optional(),
  /** What the heavy spot buys instead, where it differs (preference pairs on top of demonstrations). */
  heavyLabelKinds: z.partialRecord(z.enum([...TASKS, 'default']), z.enum(LABEL_KINDS)).optional(),
  /** People labelling at once, by who labels (answers.labelers overrides). */
  labelers: z.partialRecord(z.enum(['crowd', 'in-house', 'expert']), settingSchema('a number of labellers', 1_000_000)).optional(),
  labelerHoursPerWeek: settingSchema('hours a week', 168).optional(),
  /** Labelled examples it takes to measure a model on your own data. */
  testSetExamples: spreadSchema('a number of test examples', 1e9).optional(),
  /** Length of one audio example, for labels priced by the audio hour. */
  audioSecondsPerExample: settingSchema('seconds of audio', 1e6).optional(),
  // ---- Running it (estimate/running.ts) ----
  apiPrices: z.record(gpuId, apiPriceSchema).optional(),
  /** Which API prices stand for the low, likely and high cost of a hosted model. */
  apiChoice: z.strictObject({ low: gpuId, likely: gpuId, high: gpuId, ...sourced }).optional(),
  /** Tokens per request and the output share, by task (`default` for the rest). */
  requestTokens: z.partialRecord(z.enum([...TASKS, 'default']), z.strictObject({ tokens: figure('tokens per request', 1e8, { positive: true }), outputShare: figure('an output share', 1), ...sourced })).optional(),
  /** Share of dense peak a saturated inference server reaches, from published throughput. */
  servingUtilisation: spreadSchema('a share of peak', 1).optional(),
  /** Average load of a serving fleet, as a share of its capacity. */
  servingLoad: spreadSchema('a share of capacity', 1).optional(),
  /** Cost of an input (prefill) token relative to an output token on your own GPUs. */
  prefillCostShare: settingSchema('a cost share', 1).optional(),
  cpuInstance: z.strictObject({ name: z.string().min(1), hourlyUsd: spreadSchema('an hourly rate in USD', 10_000), requestsPerSecond: spreadSchema('requests per second', 1e9), ...sourced }).optional(),
  /** Engineer-weeks a month of monitoring, retraining and on-call, by how it is served. */
  upkeep: z.partialRecord(z.enum(['api', 'self-hosted', 'on-device']), spreadSchema('engineer-weeks a month', 1000)).optional(),
  /** Months between retraining runs of a model you trained. */
  retrainEveryMonths: spreadSchema('a number of months', 1200).optional(),
});
export type Spread = z.infer<ReturnType<typeof spreadSchema>>;
export type Setting = z.infer<ReturnType<typeof settingSchema>>;
export type HardwareEntry = z.infer<typeof hardwareSchema>;
export type MfuEntry = z.infer<typeof mfuSchema>;
export type MfuScale = z.infer<typeof mfuScaleSchema>;
export type ArchitectureEntry = z.infer<typeof architectureSchema>;
export type HardwarePlanEntry = z.infer<typeof hardwarePlanSchema>;
export type LabelPrice = z.infer<typeof labelPriceSchema>;
export type LabelsNeeded = z.infer<typeof labelsNeededSchema>;
export type FamilyDefaults = z.infer<typeof familyDefaultsSchema>;
export type EstimatesLayer = z.infer<typeof estimatesSchema>;
export type MemoryRule = NonNullable<EstimatesLayer['memoryRule']>;
export type Profession = z.infer<typeof professionSchema>;
export type ApiPrice = z.infer<typeof apiPriceSchema>;
export type EffortFactor = z.infer<typeof effortFactorSchema>;
export type TeamEntry = z.infer<typeof teamSchema>;
export type ScaleEntry = z.infer<typeof scaleSchema>;

export const catalogSections = {
  estimates: estimatesSchema.optional(),
  hubs: z.array(hubSchema).optional(),
  models: z.array(modelSchema).optional(),
  families: z.record(z.enum(FAMILIES), methodsSchema.partial()).optional(),
  // Classical is not a task's family here: the rules' `classical-problem` define decides it.
  tasks: z.partialRecord(z.enum(TASKS), z.enum(FAMILIES).exclude(['classical'], { message: 'classical is not a task family: the classical-problem define decides it' })).optional(),
  /** A task's spots in its own terms, merged over its family's. */
  taskMethods: z.partialRecord(z.enum(TASKS), methodsSchema.partial()).optional(),
};
