// zod schemas generated from the field table: for `schema answers` and for anything that wants
// a zod view of the answers. Kept apart from fields.ts so a plain decision never loads zod.
import * as z from 'zod';
import { FIELDS, type FieldDef } from './fields.js';

/** The zod type of one field, without its default (defaults are applied in `normalizeAnswers`). */
export function fieldSchema(f: FieldDef): z.ZodType {
  let s: z.ZodType;
  switch (f.kind) {
    case 'enum':
      s = z.enum(f.choices!.map((x) => x.value) as [string, ...string[]]);
      break;
    case 'boolean':
      s = z.boolean();
      break;
    case 'string':
      s = z.string().min(1);
      break;
    case 'integer':
    case 'number': {
      let n = f.kind === 'integer' ? z.number().int() : z.number();
      if (f.min !== undefined) n = f.exclusiveMin ? n.gt(f.min) : n.gte(f.min);
      if (f.max !== undefined) n = n.lte(f.max);
      if (f.kind === 'integer') n = n.lte(Number.MAX_SAFE_INTEGER);
      s = n;
      break;
    }
  }
  return s.describe(`${f.question} ${f.help}`);
}


/** The JSON Schema of the answers, from the same field definitions. */
export function answersJsonSchema(): unknown {
  const shape: Record<string, z.ZodType> = {};
  for (const f of FIELDS) {
    let s = fieldSchema(f);
    if (!f.required) s = f.default !== undefined ? s.default(f.default as never) : s.optional();
    shape[f.name] = s;
  }
  return publishedSchema(z.strictObject(shape), {
    io: 'input',
    name: 'answers',
    description: 'The answers to the three questions and the constraints (contract §4). Unknown fields are errors.',
  });
}

/** A zod schema as the JSON Schema `ml-advisor schema NAME` prints, with its id and title. */
export function publishedSchema(schema: z.ZodType, meta: { io: 'input' | 'output'; name: string; description: string }): unknown {
  const json = z.toJSONSchema(schema, { io: meta.io, target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://ml-advisor.dev/schema/${meta.name}.json`,
    title: `ml-advisor ${meta.name}`,
    description: meta.description,
    ...json,
  };
}
