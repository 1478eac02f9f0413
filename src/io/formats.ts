// The output formats each command offers: one list each, read by the flags table (cli-options.ts),
// the commands and the renderers.
export const DECIDE_FORMATS = ['text', 'json', 'yaml', 'markdown', 'github', 'html'] as const;
export type DecideFormat = (typeof DECIDE_FORMATS)[number];

export const BATCH_OUTPUT_FORMATS = ['jsonl', 'json', 'compact', 'csv', 'table', 'markdown', 'junit', 'github', 'html'] as const;
export type BatchOutputFormat = (typeof BATCH_OUTPUT_FORMATS)[number];

export const BATCH_INPUT_FORMATS = ['jsonl', 'json', 'yaml', 'csv'] as const;

export const RULES_TEST_FORMATS = ['text', 'json', 'junit'] as const;

/** What `ml-advisor schema` prints the JSON Schema of. */
export const SCHEMA_KINDS = ['answers', 'result', 'compact', 'rules'] as const;
export const COMPARE_FORMATS = ['text', 'json', 'markdown'] as const;
