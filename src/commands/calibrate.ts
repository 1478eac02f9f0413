// `ml-advisor calibrate PAST`: a team's past projects in, a rules layer out that scales the effort
// (and the MFU, where GPU-hours are given) to that record. The fitting is pure (core/estimate/
// calibrate.ts); this file reads the rows, writes the layer, and reports on standard error.
import { parseHumanNumber } from '../core/answers/check.js';
import { calibrate, pastProjectFrom, type PastProject } from '../core/estimate/calibrate.js';
import { formatNumber } from '../core/text/format.js';
import { EXIT, InputError, UsageError, pathToString, type Problem } from '../errors.js';
import { batchInputFormat, fileSource, readBatch, type InputRow } from '../io/batch-input.js';
import { loadRuleSet, readText } from '../io/rules-files.js';
import type { IO } from '../io/io.js';
import { MAX_YAML_BATCH_BYTES } from '../io/limits.js';
import { readTextStream } from '../io/read-text.js';
import { loadYaml } from '../io/yaml.js';
import { writeFileSafely } from '../io/save-answers.js';

export interface CalibrateOptions {
  inputFormat?: string;
  output?: string;
  rules?: string[];
  quiet?: boolean;
}

/** A CSV row names `actual.weeks` and friends as columns: fold them into `actual`, as numbers. */
function foldActual(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => k.startsWith('actual.'));
  if (!keys.length) return value;
  const out: Record<string, unknown> = {};
  const actual: Record<string, unknown> = typeof o.actual === 'object' && o.actual ? { ...(o.actual as object) } : {};
  for (const [k, v] of Object.entries(o)) {
    if (!k.startsWith('actual.')) out[k] = v;
    else {
      const name = k.slice('actual.'.length);
      actual[name] = name !== 'approach' && typeof v === 'string' ? (parseHumanNumber(v) ?? v) : v;
    }
  }
  out.actual = actual;
  return out;
}

export async function runCalibrate(file: string, opts: CalibrateOptions, io: IO): Promise<number> {
  if (file === '-') throw new UsageError('calibrate reads a file of past projects', 'name a .jsonl, .json, .yaml or .csv file');
  const format = batchInputFormat(file, opts.inputFormat);
  const ruleSet = await loadRuleSet({ layers: opts.rules, cwd: io.cwd, env: io.env });
  const what = 'a file of past projects';
  const source = await fileSource(file, () => readText(file, what, MAX_YAML_BATCH_BYTES), (st) => readTextStream(st, { name: file, what, limit: MAX_YAML_BATCH_BYTES }));
  const projects: PastProject[] = [];
  const problems: Problem[] = [];
  let row = 0;
  for await (const inputs of readBatch(source, format) as AsyncIterable<InputRow[]>) {
    for (const input of inputs) {
      row++;
      if (input.problems) {
        for (const p of input.problems) problems.push({ file, line: p.line ?? input.line, col: p.column, path: p.path, message: p.message, hint: p.hint });
        continue;
      }
      const { project, issues } = pastProjectFrom(foldActual(input.value), row);
      if (project) projects.push(project);
      for (const i of issues) {
        const at = input.locate?.(i.path) ?? (input.line !== undefined ? { line: input.line } : undefined);
        problems.push({ file, line: at?.line, col: at?.col, path: `row ${row}${i.path.length ? ` ${pathToString(i.path)}` : ''}`, message: i.message, hint: i.hint });
      }
    }
  }
  if (problems.length) throw new InputError(problems);
  if (!projects.length) throw new InputError([{ file, message: 'no past projects in the file', hint: 'one row per project: its answers plus actual: { approach, weeks, costUsd, gpuHours }' }]);

  const result = calibrate(projects, ruleSet, file);
  const yaml = await loadYaml();
  const report: string[] = [];
  for (const f of result.fitted) report.push(`${f.figure} = ${formatNumber(f.value, 3)} from ${f.projects} project${f.projects === 1 ? '' : 's'}: median actual/estimated ${formatNumber(f.before, 2)} before, ${formatNumber(f.after, 2)} after`);
  for (const n of result.notFitted) report.push(`${n.figure} not fitted (${n.projects} project${n.projects === 1 ? '' : 's'}): ${n.why}`);
  if (!result.fitted.length) report.push('nothing fitted: the layer changes no figure');
  const header = [`# Written by ml-advisor calibrate ${file}. Use it with --rules.`, ...report.map((l) => `# ${l}`)].join('\n');
  const text = `${header}\n${yaml.stringify(result.layer, { lineWidth: 0 })}`;
  if (opts.output) {
    // A write that fails is exit 5 with one line (io/save-answers.ts), as for every other output.
    writeFileSafely(opts.output, text, { overwrite: true });
    if (!opts.quiet) io.stderr.write(`calibrate: wrote ${opts.output}\n`);
  } else io.stdout.write(text);
  if (!opts.quiet) for (const l of report) io.stderr.write(`calibrate: ${l}\n`);
  return EXIT.ok;
}
