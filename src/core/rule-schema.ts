// The rule file format as zod schemas: the shape of rules and catalog sections. Used when a rule
// file is read and by `schema rules`; a decision from the pre-compiled built-in set never loads it.
import * as z from 'zod';
import { APPROACHES, MODALITIES, TASKS, type Approach } from './fields.js';
import { FAMILIES } from './catalog.js';

// Field names and values are checked in compileRuleFile, which knows the answers and can name
// the closest field.

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const leafShape = {
  field: z.string().min(1),
  is: scalar.optional(),
  isNot: scalar.optional(),
  in: z.array(scalar).min(1).optional(),
  notIn: z.array(scalar).min(1).optional(),
  lt: z.number().optional(),
  lte: z.number().optional(),
  gt: z.number().optional(),
  gte: z.number().optional(),
  given: z.boolean().optional(),
};

export const conditionSchema: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.array(conditionSchema).min(1).describe('a list: every condition must hold'),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
    z.strictObject({ ref: z.string().min(1) }),
    z.strictObject(leafShape),
  ]),
);

const approach = z.enum(APPROACHES);

export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case words joined by hyphens, e.g. few-labels-near-domain'),
  kind: z.enum(['decide', 'limit', 'warn']).optional(),
  priority: z.number().int().optional(),
  when: conditionSchema.optional(),
  then: z
    .strictObject({
      approach: approach.optional(),
      confidence: z.enum(['medium', 'low']).optional(),
      atMost: approach.optional(),
      atLeast: approach.optional(),
      warning: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).optional(),
      message: z.string().min(1).optional(),
    })
    .optional(),
  because: z.string().min(1).optional(),
  enabled: z.boolean().optional(),
});

export const ruleFileSchema = z.strictObject({
  version: z.literal(1).describe('format version; always 1'),
  description: z.string().optional(),
  define: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/), conditionSchema).optional(),
  rules: z.array(ruleSchema).optional(),
  default: z.strictObject({ approach, because: z.string().min(1) }).optional(),
});

export type RawRule = z.infer<typeof ruleSchema>;


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
export const labelPriceSchema = z
  .strictObject({
    labelSource: z.enum(['crowd', 'in-house', 'expert']),
    kind: z.enum(['classification', 'box', 'segmentation', 'any']),
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
  tasks: z.record(z.enum(TASKS), z.enum(FAMILIES)).optional(),
};


export const ruleLayerSchema = ruleFileSchema.extend(catalogSections);
export type RuleLayer = z.infer<typeof ruleLayerSchema>;
export type RuleFile = RuleLayer;
