// The bounds on what ml-advisor reads (README, "Limits"). Answers and rules are small by nature;
// anything far larger is the wrong file, a device, or an attack, and is refused before it can
// use up memory or time.

/** An answers file, a rules layer or a rule-case file, and answers on standard input. */
export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

/** One row of a batch: a JSON Lines line or a JSON array element (in characters). */
export const MAX_ROW_CHARS = 1024 * 1024;

/** A YAML-list batch, which is read as one document (JSON Lines, CSV and JSON arrays stream). */
export const MAX_YAML_BATCH_BYTES = 64 * 1024 * 1024;

export const mb = (bytes: number): string => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
