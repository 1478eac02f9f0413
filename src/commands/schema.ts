// `ml-advisor schema answers|result|rules`: JSON Schemas generated from the code's own definitions.
import { answersJsonSchema } from '../core/answers/schema.js';
import { UsageError, EXIT } from '../errors.js';
import { renderJson } from '../io/render.js';
import type { IO } from '../io/io.js';
import { SCHEMA_KINDS } from '../io/formats.js';



export async function runSchema(kind: string, io: IO): Promise<number> {
  let schema: unknown;
  switch (kind) {
    case 'answers':
      schema = answersJsonSchema();
      break;
    case 'rules':
      schema = await rulesJsonSchema();
      break;
    case 'result':
      schema = (await import('../core/result/schema.js')).resultJsonSchema();
      break;
    case 'compact':
      schema = (await import('../core/result/schema.js')).compactJsonSchema();
      break;
    default:
      throw new UsageError(`unknown schema "${kind}"`, `choose one of ${SCHEMA_KINDS.join(', ')}`);
  }
  io.stdout.write(renderJson(schema));
  return EXIT.ok;
}

/** The rule file format (rules and catalog sections), from the same zod schema that checks files. */
async function rulesJsonSchema(): Promise<unknown> {
  const z = await import('zod');
  const { ruleLayerSchema } = await import('../core/rules/schema.js');
  // `io: input` describes what a file may contain (dates as written, before transforms).
  const schema = z.toJSONSchema(ruleLayerSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, title: 'ml-advisor rule file', description: 'A rule file: decision rules and catalog entries, layered on the built-in set. See docs/rules.md.' };
}
