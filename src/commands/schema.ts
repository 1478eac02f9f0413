// `ml-advisor schema answers|result|rules`: JSON Schemas generated from the code's own definitions.
import { answersJsonSchema } from '../core/field-schemas.js';
import { UsageError, EXIT } from '../errors.js';
import { renderJson } from '../io/render.js';
import type { IO } from '../io/io.js';

export const SCHEMA_KINDS = ['answers', 'result'] as const;

export async function runSchema(kind: string, io: IO): Promise<number> {
  let schema: unknown;
  switch (kind) {
    case 'answers':
      schema = answersJsonSchema();
      break;
    case 'result':
      schema = (await import('../core/result-schema.js')).resultJsonSchema();
      break;
    default:
      throw new UsageError(`unknown schema "${kind}"`, `choose one of ${SCHEMA_KINDS.join(', ')}`);
  }
  io.stdout.write(renderJson(schema));
  return EXIT.ok;
}
