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
  /** Every modality the model serves, when more than `modality`. */
  modalities: z.array(z.enum(MODALITIES)).min(1).optional(),
  /** The spots it is a good start for (use-as-is: it does the task out of the box); default every spot but train-from-scratch. */
  spots: z.array(z.enum(APPROACHES)).min(1).optional(),
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
const fraction = z.number().positive().max(1);
/**
 * MFU of one class of model (transformer, cnn, yolo, …) on some generations of hardware; for
 * transformers also by job (a large pre-training-sized run or a small fine-tune-sized one).
 */
export const mfuSchema = refineSpread(z.strictObject({ class: z.string().min(1).optional(), generations: z.array(z.string().min(1)).min(1), job: z.enum(['large', 'small']).optional(), ...spreadShape, likely: fraction, low: fraction.optional(), high: fraction.optional() }));
/** A published effect that lowers a class's MFU below a reference size: × (x / reference)^exponent. */
export const mfuScaleSchema = z.strictObject({
  class: z.string().min(1),
  by: z.enum(['params', 'paramsPerGpu', 'forwardGflops']),
  reference: z.number().positive(),
  exponent: z.number().positive().max(2),
  ...sourced,
});
/** A model whose size and cost per sample are published: named by the `architecture` answer. */
export const architectureSchema = z.strictObject({
  name: z.string().min(1),
  /** The MFU class its runs are measured under. */
  class: z.string().min(1),
  params: z.number().positive(),
  /** Forward FLOPs (not MACs) of one sample, in GFLOPs; absent for token models. */
  forwardGflops: z.number().positive().optional(),
  tokensPerSample: z.number().positive().optional(),
  /** Pixels per side the forward FLOPs stand for; inputResolution scales them by the pixel count. */
  resolution: z.number().positive().optional(),
  /** What one sample is when it is not an image or an example (e.g. one second of audio). */
  sampleUnit: z.string().min(1).optional(),
  ...sourced,
}).refine((v) => (v.forwardGflops === undefined) !== (v.tokensPerSample === undefined), { message: 'an architecture has forwardGflops (per-sample models) or tokensPerSample (token models), one of them' });
export const hardwarePlanSchema = z.strictObject({
  nodeSize: z.number().int().positive(),
  /** Wall-clock hours one node may run before the job gets more GPUs. */
  nodeHours: z.number().positive(),
  /** Wall-clock hours a multi-node run is planned to fit. */
  runHours: z.number().positive(),
  maxGpus: z.number().int().positive(),
  ...sourced,
});
/** What one label is: a class, a box, a mask, a transcript, a written demonstration, a caption, a recording. */
export const LABEL_KINDS = ['classification', 'box', 'segmentation', 'transcript', 'demonstration', 'caption', 'recording'] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];

export const labelPriceSchema = z
  .strictObject({
    labelSource: z.enum(['crowd', 'in-house', 'expert']),
    /** `any`: every kind of label, priced by the labeller's time. */
    kind: z.enum([...LABEL_KINDS, 'any']),
    modalities: z.array(z.enum(MODALITIES)).min(1).optional(),
    low: z.number().nonnegative().optional(),
    likely: z.number().nonnegative().optional(),
    high: z.number().nonnegative().optional(),
    minutesPerItem: z.number().positive().optional(),
    hourlyUsd: z.number().positive().optional(),
    ...sourced,
  })
  .refine((v) => v.likely !== undefined || (v.minutesPerItem !== undefined && v.hourlyUsd !== undefined), { message: 'a label price needs likely (USD per item) or minutesPerItem and hourlyUsd' });
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
  /** From scratch with a corpus of your own: at least this many tokens per parameter. */
  scratchTokensPerParam: z.number().positive().optional(),
  /** From scratch with no corpus in the answers: a production model's token budget. */
  scratchTokens: z.number().positive().optional(),
  scratchSamples: z.number().positive().optional(),
  scratchEpochs: z.number().positive().optional(),
  /** The MFU class the family's model is measured under (default transformer). */
  mfuClass: z.string().min(1).optional(),
  /** Pixels per side forwardGflopPerSample stands for. */
  resolution: z.number().positive().optional(),
  /** From scratch this family trains a classical model on a CPU: no GPU-hours. */
  classicalScratch: z.boolean().optional(),
  gpu: gpuId,
  /** A fixed GPU count for small jobs; absent: chosen for the job (estimates.hardwarePlan). */
  gpuCount: z.number().int().positive().optional(),
  scratchGpu: gpuId,
  /** A fixed GPU count for large runs; absent: chosen for the job. */
  scratchGpuCount: z.number().int().positive().optional(),
  ...sourced,
});

export const estimatesSchema = z.strictObject({
  evaluatedOn: yearMonth.optional(),
  staleAfterMonths: z.number().int().positive().optional(),
  hardware: z.record(gpuId, hardwareSchema).optional(),
  prices: z.record(gpuId, spreadSchema).optional(),
  mfu: z.record(gpuId, mfuSchema).optional(),
  mfuScale: z.record(gpuId, mfuScaleSchema).optional(),
  architectures: z.record(gpuId, architectureSchema).optional(),
  /** A run of at least this many FLOPs is a large job (pre-training-sized MFU, no fixed overhead). */
  largeJobFlops: settingSchema.optional(),
  /** Pre-training (from scratch, or continued on a corpus) of at least this many FLOPs is a large job. */
  largePretrainingFlops: settingSchema.optional(),
  /** Continued pre-training reads at most this many tokens of your corpus per parameter. */
  continuedPretraining: settingSchema.optional(),
  hardwarePlan: hardwarePlanSchema.optional(),
  /** Per GPU, small jobs only: setup, evaluation and checkpoints, added to the compute. */
  overheadGpuHours: spreadSchema.optional(),
  memoryRule: z.strictObject({ trainBytesPerParam: z.number().positive(), inferenceBytesPerParam: z.number().positive(), ...sourced }).optional(),
  labeling: z.record(gpuId, labelPriceSchema).optional(),
  expertLabelers: settingSchema.optional(),
  expertHoursPerWeek: settingSchema.optional(),
  labelsNeeded: z.record(z.string().min(1), labelsNeededSchema).optional(),
  /** What a label is for each task; `default` for the tasks not listed. */
  labelKinds: z.partialRecord(z.enum([...TASKS, 'default']), z.enum(LABEL_KINDS)).optional(),
  families: z.record(z.string().min(1), familyDefaultsSchema).optional(),
  engineeringWeeks: z.record(z.enum([...APPROACHES, 'classical-scratch']), spreadSchema).optional(),
  teamSize: settingSchema.optional(),
  engineerWeeklyUsd: spreadSchema.optional(),
});
export type Spread = z.infer<typeof spreadSchema>;
export type Setting = z.infer<typeof settingSchema>;
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
