// The rule file format as zod schemas: the shape of rules and catalog sections. Used when a rule
// file is read and by `schema rules`; a decision from the pre-compiled built-in set never loads it.
import * as z from 'zod';
import { APPROACHES } from '../answers/fields.js';
import { catalogSections } from '../catalog/schema.js';

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


export const ruleLayerSchema = ruleFileSchema.extend(catalogSections);
export type RuleLayer = z.infer<typeof ruleLayerSchema>;
export type RuleFile = RuleLayer;
