// Saving answers to a YAML file that `decide --answers FILE` reads back to the same decision.
import { constants, copyFileSync, existsSync, linkSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { FIELDS } from '../core/answers/fields.js';
import { loadYaml } from './yaml.js';
import { writeFailure } from './output.js';

/** The answers as YAML, fields in the order of the questionnaire, with a line on how to reuse them. */
export async function answersToYaml(answers: Record<string, unknown>, file = 'FILE'): Promise<string> {
  const { Document } = await loadYaml();
  const ordered: Record<string, unknown> = {};
  for (const f of FIELDS) if (answers[f.name] !== undefined) ordered[f.name] = answers[f.name];
  const doc = new Document(ordered);
  doc.commentBefore = ` Answers for ml-advisor. Decide again with: ml-advisor decide --answers ${file}`;
  return doc.toString({ lineWidth: 0 });
}

export class FileExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} already exists`);
  }
}

/**
 * Writes `text` to `file` through a temporary file in the same folder, so a reader never sees half
 * a file. Without `overwrite`, an existing file is never replaced: the final step is a hard link,
 * which fails when the name is taken even if the file appeared after any check.
 */
export function writeFileSafely(file: string, text: string, opts: { overwrite?: boolean } = {}): void {
  const target = resolve(file);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text, { mode: 0o644 });
    placeFile(tmp, target, file, opts);
  } catch (e) {
    // A full disk or a read-only folder is a failed write (exit 5, one line), not a bug.
    throw e instanceof FileExistsError || !(e as NodeJS.ErrnoException).code ? e : writeFailure(e, file);
  } finally {
    if (existsSync(tmp)) unlinkSync(tmp);
  }
}

/** The finished temporary file into place: renamed over, or (without overwrite) only onto a free name. */
function placeFile(tmp: string, target: string, file: string, opts: { overwrite?: boolean }): void {
  if (opts.overwrite) return renameSync(tmp, target);
  try {
    linkSync(tmp, target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new FileExistsError(file);
    // A filesystem without hard links: copy, still refusing to replace an existing file.
    try {
      copyFileSync(tmp, target, constants.COPYFILE_EXCL);
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') throw new FileExistsError(file);
      throw e2;
    }
  }
}
