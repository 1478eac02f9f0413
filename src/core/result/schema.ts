// The result object (contract §5) as a zod schema, for `ml-advisor schema result` and for tests
// that validate real outputs. The TypeScript interfaces in result.ts stay the source the code is
// written against; the type checks at the bottom fail the build when the two drift apart.
// Kept apart from result.ts so that a plain decision never loads zod.
import * as z from 'zod';
import { fieldSchema, publishedSchema } from '../answers/schema.js';
import { APPROACHES, FIELDS } from '../answers/fields.js';
import type { Result } from './result.js';
import { OPERATORS } from '../rules/conditions.js';

const figure = z.number().min(0).describe('a finite number ≥ 0');
const range = { low: figure, likely: figure, high: figure };
const scalar = z.union([z.string(), z.number(), z.boolean()]);
const approach = z.enum(APPROACHES);
const gateFailure = z.strictObject({ gate: z.enum(['max-cost', 'max-weeks', 'fail-on']), message: z.string(), cannotJudge: z.literal(true).optional().describe('the gate could not judge the row (a figure is missing or not estimated), so it failed closed') });

const spot = z.strictObject({
  approach,
  position: z.number().int().min(0).max(APPROACHES.length - 1),
  feasible: z.boolean(),
  method: z.string().describe('what exactly would be done at this spot'),
  classical: z.literal(true).optional().describe('a classical model (gradient-boosted trees, a linear model) trained on your own rows: at train-from-scratch by the tabular convention, gated by --fail-on as feature-extraction'),
  why: z.string().describe('why this spot is or is not the recommendation'),
  cost: z.strictObject({
    currency: z.literal('USD'),
    ...range,
    breakdown: z.strictObject({ compute: figure, labeling: figure, engineering: figure, evaluation: figure.optional().describe('the labelled test set that measures the spot on your own data') }),
    notEstimated: z.array(z.enum(['compute', 'labeling'])).optional().describe('parts that could not be priced: counted as 0 in the figures, so the cost is at least this much'),
  }).optional(),
  time: z.strictObject({ unit: z.literal('weeks'), ...range, notEstimated: z.array(z.enum(['training'])).optional().describe('parts that could not be estimated: the time is at least this long') }).optional(),
  compute: z.strictObject({ gpu: z.string(), gpuCount: z.number().int().min(1).describe('GPUs used together'), gpuHours: z.strictObject(range), flops: figure }).optional(),
  running: z.strictObject({ currency: z.literal('USD'), per: z.literal('month'), ...range, how: z.string().describe("e.g. 'API, 3.2M tokens a month' or '1 L4 always on'") }).optional().describe('serving a month; present when requestsPerMonth is given'),
  total: z.strictObject({ currency: z.literal('USD'), months: z.number().positive(), ...range }).optional().describe('cost plus running over horizonMonths'),
});

/** The answers after normalization: defaults filled in, modality derived from the task. */
function normalizedAnswers() {
  const shape: Record<string, z.ZodType> = {};
  for (const f of FIELDS) {
    const present = f.required || f.default !== undefined || f.name === 'modality';
    shape[f.name] = present ? fieldSchema(f) : fieldSchema(f).optional();
  }
  return z.strictObject(shape).describe('the normalized answers, defaults filled in');
}

const leafTrace = z.strictObject({
  field: z.string(),
  op: z.enum(OPERATORS),
  expected: z.union([scalar, z.array(scalar)]),
  actual: scalar.nullable(),
  holds: z.boolean(),
  negated: z.boolean().optional().describe('the test sits under a `not`: the rule needs it NOT to hold'),
  ref: z.string().optional().describe('the named condition (define:) the test comes from'),
});

const resultShape = {
  schemaVersion: z.number().int().describe('1 for this shape; raised on incompatible changes'),
  recommendation: z.strictObject({
    approach,
    position: z.number().int().min(0).max(APPROACHES.length - 1),
    confidence: z.enum(['high', 'medium', 'low']),
    summary: z.string().describe('one sentence a person can act on'),
  }),
  spectrum: z.array(spot).length(APPROACHES.length).describe('the five spots, in position order'),
  framework: z.array(z.strictObject({ question: z.string(), verdict: z.string() })),
  rationale: z.array(z.strictObject({ rule: z.string(), because: z.string(), facts: z.array(z.string()) })),
  warnings: z.array(z.strictObject({ id: z.string(), message: z.string(), rule: z.string().optional() })),
  suggestedModels: z.array(z.strictObject({
    name: z.string(),
    source: z.string(),
    why: z.string(),
    licence: z.string(),
    selfHostable: z.boolean(),
    params: z.number().positive().optional(),
    checked: z.string().optional(),
  })),
  nextSteps: z.array(z.string()),
  whatWouldChange: z.array(z.strictObject({ field: z.string(), value: scalar, approach, text: z.string() })),
  assumptions: z.array(z.strictObject({ what: z.string(), value: z.string(), source: z.string(), asOf: z.string() })),
  rulesLayers: z.array(z.strictObject({
    from: z.enum(['built-in', '.ml-advisor.yaml', 'ML_ADVISOR_RULES', '--rules']).describe('what brought the layer in'),
    path: z.string().optional().describe('the file, relative to the working directory; absent for the built-in set'),
  })).describe('the rule layers the result was decided with, lowest first (a later layer overrides an earlier one)'),
  failedGates: z.array(gateFailure)
    .optional().describe('present when gates were given (--max-cost, --max-weeks, --fail-on): the gates this result failed, [] when it passed them all'),
  trace: z.array(z.strictObject({
    rule: z.string(),
    kind: z.string(),
    matched: z.boolean(),
    enabled: z.boolean(),
    origin: z.string().optional(),
    priority: z.number().optional().describe('decide rules: the higher wins'),
    decided: z.boolean().optional().describe('decide rules: this rule chose the spot'),
    moved: z.boolean().optional().describe('limit rules: this rule moved the spot the decide rules chose'),
    then: z.strictObject({
      approach: approach.optional(),
      confidence: z.enum(['medium', 'low']).optional(),
      atMost: approach.optional(),
      atLeast: approach.optional(),
      warning: z.string().optional(),
      message: z.string().optional(),
    }).optional().describe('what the rule does when it holds'),
    conditions: z.array(leafTrace),
  })).optional().describe('present only with --explain'),
};

export const resultSchema = z.strictObject({ ...resultShape, answers: normalizedAnswers() });

/** The JSON Schema of the result, from the zod schema above. */
export function resultJsonSchema(): unknown {
  return publishedSchema(resultSchema, {
    io: 'output',
    name: 'result',
    description: 'What `ml-advisor decide --format json` prints (contract §5). `batch --format jsonl` prints one per line with "row" added, or {"row", "error"} for an invalid row; with `--fields`, each row is a projection of this object.',
  });
}

// Drift checks: the schema (answers aside, which are typed from the field table at run time)
// and the Result interface must describe the same object, in both directions.
type Schema = Omit<z.infer<typeof resultSchema>, 'answers'>;
type Code = Omit<Result, 'answers'>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const RESULT_SCHEMA_MATCHES_RESULT: Same<Schema, Code> = true;

const rowProblem = { message: z.string(), path: z.string().optional(), line: z.number().int().optional(), column: z.number().int().optional(), hint: z.string().optional() };

/** One line of `batch --format compact`: a decided row, or an invalid one. */
export const compactRowSchema = z.union([
  z.strictObject({
    row: z.number().int().min(1),
    approach,
    position: z.number().int().min(0).max(APPROACHES.length - 1),
    confidence: z.enum(['high', 'medium', 'low']),
    cost: z.strictObject({ likely: figure, high: figure }).optional().describe("the recommended spot's likely and high cost, USD"),
    weeks: z.strictObject({ likely: figure, high: figure }).optional().describe("the recommended spot's likely and high calendar weeks"),
    warnings: z.array(z.string()).describe('warning ids'),
    failedGates: z.array(gateFailure).optional().describe('present when gates were given'),
  }),
  z.strictObject({ row: z.number().int().min(1), error: z.strictObject({ ...rowProblem, internal: z.boolean().optional(), problems: z.array(z.strictObject(rowProblem)).optional() }) }),
]);

export function compactJsonSchema(): unknown {
  return publishedSchema(compactRowSchema, {
    io: 'output',
    name: 'compact',
    description: 'One line of `ml-advisor batch --format compact`: the spot, its confidence, the recommended spot\'s likely and high cost and weeks, warning ids and failed gates; or {"row", "error"} for an invalid row.',
  });
}
