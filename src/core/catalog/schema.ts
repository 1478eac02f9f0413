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
export const mfuSchema = refineSpread(z.strictObject({ generations: z.array(z.string().min(1)).min(1), job: z.enum(['large', 'small']), ...spreadShape, likely: z.number().positive().max(1), low: z.number().positive().max(1).optional(), high: z.number().positive().max(1).optional() }));
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
  engineeringWeeks: z.record(z.enum([...APPROACHES, 'classical-scratch']), spreadSchema).optional(),
  teamSize: settingSchema.optional(),
  engineerWeeklyUsd: spreadSchema.optional(),
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
