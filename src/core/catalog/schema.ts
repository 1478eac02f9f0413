// The catalog sections of a rule file as zod schemas: starting models, hubs, methods per family
// and the figures behind the estimates. Read when a rule file is loaded and by `schema rules`.
import * as z from 'zod';
import { APPROACHES, MODALITIES, TASKS, type Approach } from '../answers/fields.js';

export const FAMILIES = ['text-encoder', 'llm', 'vision', 'image-generation', 'speech', 'music', 'classical', 'science', 'other'] as const;
export type Family = (typeof FAMILIES)[number];

const yearMonth = z
  .union([z.string(), z.date()])
  .transform((v) => (typeof v === 'string' ? v : v.toISOString().slice(0, 7)))
  .pipe(z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'a date as YYYY-MM or YYYY-MM-DD'));

export const modelSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  name: z.string().min(1),
  source: z.string().min(1),
  tasks: z.array(z.enum(TASKS)).min(1),
  modality: z.enum(MODALITIES),
  domain: z.string().optional(),
  selfHostable: z.boolean(),
  licence: z.string().min(1),
  params: z.number().positive().optional(),
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
const spreadShape = { low: z.number().nonnegative().optional(), likely: z.number().nonnegative(), high: z.number().nonnegative().optional(), ...sourced };
const refineSpread = <T extends { low?: number; likely: number; high?: number }>(s: z.ZodType<T>) =>
  s.refine((v) => (v.low ?? v.likely) <= v.likely && v.likely <= (v.high ?? v.likely), { message: 'low ≤ likely ≤ high' });
export const spreadSchema = refineSpread(z.strictObject(spreadShape));
const settingSchema = z.strictObject({ value: z.number().positive(), ...sourced });
const gpuId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/);

export const hardwareSchema = z.strictObject({
  name: z.string().min(1),
  /** Dense BF16/FP16 tensor peak, TFLOP/s. */
  tflops: z.number().positive(),
  memoryGb: z.number().positive(),
  generation: z.string().min(1),
  /** The peak is not published by the vendor. */
  estimate: z.boolean().optional(),
  ...sourced,
});
export const mfuSchema = refineSpread(z.strictObject({ generations: z.array(z.string().min(1)).min(1), job: z.enum(['large', 'small']), ...spreadShape, likely: z.number().positive().max(1), low: z.number().positive().max(1).optional(), high: z.number().positive().max(1).optional() }));
/** What one label is: a class, a box, a mask, a transcript, a written demonstration, a caption, a recording, a preference pair. */
export const LABEL_KINDS = ['classification', 'box', 'segmentation', 'transcript', 'demonstration', 'caption', 'recording', 'preference'] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];
/** Expert labels with a published time per item: which expert, which task (answers.expertLabel). */
export const EXPERT_LABELS = ['chest-xray-read', 'ct-read', 'ct-organ-segmentation', 'contract-clause-review', 'essay-grade'] as const;
const minutesSchema = z.union([z.number().positive(), refineSpread(z.strictObject({ low: z.number().positive().optional(), likely: z.number().positive(), high: z.number().positive().optional() }) as z.ZodType<{ low?: number; likely: number; high?: number }>)]);

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
    low: z.number().nonnegative().optional(),
    likely: z.number().nonnegative().optional(),
    high: z.number().nonnegative().optional(),
    /** Working minutes per unit: what paces the labelling, and with a rate what prices it. */
    minutesPerItem: minutesSchema.optional(),
    hourlyUsd: z.number().positive().optional(),
    /** The labeller's hourly rate from `professions`, instead of hourlyUsd. */
    profession: z.string().min(1).optional(),
    /** People who label each item (e.g. two readers per test image). */
    readers: z.number().positive().optional(),
    ...sourced,
  })
  .refine((v) => v.likely !== undefined || (v.minutesPerItem !== undefined && (v.hourlyUsd !== undefined || v.profession !== undefined)), { message: 'a label price needs likely (USD per unit) or minutesPerItem with hourlyUsd or a profession' });
export const professionSchema = refineSpread(z.strictObject({ name: z.string().min(1), ...spreadShape }));
export const apiPriceSchema = z.strictObject({ name: z.string().min(1), inputPerMTokens: z.number().nonnegative(), outputPerMTokens: z.number().nonnegative(), ...sourced });
export const effortFactorSchema = refineSpread(z.strictObject({
  /** The answer field (or `family`, `hosted`, `multiNode`: facts of the spot) and the values it applies to. */
  field: z.string().min(1),
  in: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
  /** Multiplies the spot's person-weeks, or adds person-weeks of its own work. */
  effect: z.enum(['multiply', 'add']),
  /** The spots it applies to (all when absent). */
  spots: z.array(z.enum(APPROACHES)).min(1).optional(),
  /** No published figure: the assumptions say so. */
  judgement: z.boolean().optional(),
  ...spreadShape,
}));
const teamSchema = z.strictObject({ team: z.number().int().positive(), useful: z.number().int().positive(), ...sourced });
export const scaleSchema = z.strictObject({ value: z.number().positive(), projects: z.number().int().nonnegative(), ...sourced });
export const labelsNeededSchema = z.strictObject({
  ...(Object.fromEntries(APPROACHES.map((a) => [a, z.number().int().nonnegative()])) as Record<Approach, z.ZodNumber>),
  ...sourced,
});
export const familyDefaultsSchema = z.strictObject({
  model: z.string().min(1),
  params: z.number().positive(),
  /** Token models: tokens per example; absent with forwardGflopPerSample for non-token models. */
  tokensPerSample: z.number().positive().optional(),
  forwardGflopPerSample: z.number().positive().optional(),
  epochs: z.number().positive(),
  scratchTokensPerParam: z.number().positive().optional(),
  scratchSamples: z.number().positive().optional(),
  scratchEpochs: z.number().positive().optional(),
  /** From scratch this family trains a classical model on a CPU: no GPU-hours. */
  classicalScratch: z.boolean().optional(),
  gpu: gpuId,
  gpuCount: z.number().int().positive(),
  scratchGpu: gpuId,
  scratchGpuCount: z.number().int().positive(),
  ...sourced,
});

export const estimatesSchema = z.strictObject({
  evaluatedOn: yearMonth.optional(),
  staleAfterMonths: z.number().int().positive().optional(),
  hardware: z.record(gpuId, hardwareSchema).optional(),
  prices: z.record(gpuId, spreadSchema).optional(),
  mfu: z.record(gpuId, mfuSchema).optional(),
  overheadGpuHours: spreadSchema.optional(),
  memoryRule: z.strictObject({ trainBytesPerParam: z.number().positive(), inferenceBytesPerParam: z.number().positive(), ...sourced }).optional(),
  labeling: z.record(gpuId, labelPriceSchema).optional(),
  expertLabelers: settingSchema.optional(),
  expertHoursPerWeek: settingSchema.optional(),
  labelsNeeded: z.record(z.string().min(1), labelsNeededSchema).optional(),
  /** What a label is for each task; `default` for the tasks not listed. */
  labelKinds: z.partialRecord(z.enum([...TASKS, 'default']), z.enum(LABEL_KINDS)).optional(),
  families: z.record(z.string().min(1), familyDefaultsSchema).optional(),
  /** Base person-weeks per spot (the effort model's starting point). */
  engineeringWeeks: z.partialRecord(z.enum([...APPROACHES, 'classical-scratch', 'use-as-is-hosted']), spreadSchema).optional(),
  teamSize: settingSchema.optional(),
  engineerWeeklyUsd: spreadSchema.optional(),
  // ---- People: the effort model (estimate/effort.ts) ----
  /** Factors on the base person-weeks, by id. */
  effortFactors: z.record(gpuId, effortFactorSchema).optional(),
  /** Work grows with the data a spot trains on: × (examples / reference)^exponent, within min–max. */
  effortDataVolume: z.strictObject({ reference: z.number().positive(), exponent: z.number().min(0).max(1), min: z.number().positive(), max: z.number().positive(), ...sourced }).optional(),
  /** The team each spot takes, and how many people can usefully work on it at once. */
  teams: z.partialRecord(z.enum([...APPROACHES, 'classical-scratch', 'use-as-is-hosted']), teamSchema).optional(),
  /** Scales a team's own history puts on the effort (written by `ml-advisor calibrate`). */
  effortScale: z.partialRecord(z.enum([...APPROACHES, 'all']), scaleSchema).optional(),
  /** Scale on the MFU ranges from a team's own GPU-hours (written by `ml-advisor calibrate`). */
  mfuScale: scaleSchema.optional(),
  // ---- Labels ----
  professions: z.record(gpuId, professionSchema).optional(),
  /** What the heavy spot buys instead, where it differs (preference pairs on top of demonstrations). */
  heavyLabelKinds: z.partialRecord(z.enum([...TASKS, 'default']), z.enum(LABEL_KINDS)).optional(),
  /** People labelling at once, by who labels (answers.labelers overrides). */
  labelers: z.partialRecord(z.enum(['crowd', 'in-house', 'expert']), settingSchema).optional(),
  labelerHoursPerWeek: settingSchema.optional(),
  /** Labelled examples it takes to measure a model on your own data. */
  testSetExamples: spreadSchema.optional(),
  /** Length of one audio example, for labels priced by the audio hour. */
  audioSecondsPerExample: settingSchema.optional(),
  // ---- Running it (estimate/running.ts) ----
  apiPrices: z.record(gpuId, apiPriceSchema).optional(),
  /** Which API prices stand for the low, likely and high cost of a hosted model. */
  apiChoice: z.strictObject({ low: gpuId, likely: gpuId, high: gpuId, ...sourced }).optional(),
  /** Tokens per request and the output share, by task (`default` for the rest). */
  requestTokens: z.partialRecord(z.enum([...TASKS, 'default']), z.strictObject({ tokens: z.number().positive(), outputShare: z.number().min(0).max(1), ...sourced })).optional(),
  /** Share of dense peak a saturated inference server reaches, from published throughput. */
  servingUtilisation: spreadSchema.optional(),
  /** Average load of a serving fleet, as a share of its capacity. */
  servingLoad: spreadSchema.optional(),
  /** Cost of an input (prefill) token relative to an output token on your own GPUs. */
  prefillCostShare: settingSchema.optional(),
  cpuInstance: z.strictObject({ name: z.string().min(1), hourlyUsd: spreadSchema, requestsPerSecond: spreadSchema, ...sourced }).optional(),
  /** Engineer-weeks a month of monitoring, retraining and on-call, by how it is served. */
  upkeep: z.partialRecord(z.enum(['api', 'self-hosted', 'on-device']), spreadSchema).optional(),
  /** Months between retraining runs of a model you trained. */
  retrainEveryMonths: spreadSchema.optional(),
});
export type Spread = z.infer<typeof spreadSchema>;
export type Setting = z.infer<typeof settingSchema>;
export type HardwareEntry = z.infer<typeof hardwareSchema>;
export type MfuEntry = z.infer<typeof mfuSchema>;
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
};
