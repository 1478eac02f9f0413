// `ml-advisor decide`: one decision, from a file, stdin, `--set`, or (on a terminal) questions.
import { decide } from '../core/decide.js';
import { missingRequired, expectedText } from '../core/answers.js';
import { EXIT, InputError, UsageError } from '../errors.js';
import { applySets, parseAnswersText, readAnswersFile, validateAnswers, type RawAnswers } from '../io/answers-file.js';
import { loadRuleSet } from '../io/rules-files.js';
import { renderJson, renderYaml } from '../io/render.js';
import { renderText } from '../io/render-text.js';
import { makeChalk, useColor } from '../io/color.js';
import type { IO } from '../io/io.js';

export const DECIDE_FORMATS = ['text', 'json', 'yaml', 'markdown'] as const;
export type DecideFormat = (typeof DECIDE_FORMATS)[number];

export interface DecideOptions {
  answers?: string;
  format?: string;
  json?: boolean;
  set?: string[];
  input?: boolean; // commander's --no-input
  color?: boolean; // commander's --no-color
  rules?: string[];
  explain?: boolean;
}

export function resolveFormat(opts: { format?: string; json?: boolean }, allowed: readonly string[]): string {
  if (opts.json) {
    if (opts.format && opts.format !== 'json') throw new UsageError(`--json and --format ${opts.format} disagree`, 'use one of them');
    return 'json';
  }
  const f = opts.format ?? allowed[0]!;
  if (!allowed.includes(f)) throw new UsageError(`--format must be one of ${allowed.join(', ')}, not "${f}"`);
  return f;
}

export async function runDecide(opts: DecideOptions, io: IO): Promise<number> {
  const format = resolveFormat(opts, DECIDE_FORMATS) as DecideFormat;
  const sets = opts.set ?? [];
  const noInput = opts.input === false;
  const interactive = !noInput && io.stdinIsTTY && io.stderr.isTTY === true;

  let raw: RawAnswers | undefined;
  if (opts.answers === '-') {
    if (io.stdinIsTTY) throw new UsageError('--answers - reads answers from standard input, but standard input is a terminal', 'pipe the answers in (cat answers.json | ml-advisor decide --answers -) or name a file');
    raw = await parseAnswersText(await io.readStdin(), '<stdin>');
  } else if (opts.answers !== undefined) {
    raw = await readAnswersFile(opts.answers);
  }

  if (!raw && sets.length === 0) {
    if (!interactive) {
      throw new UsageError(
        noInput ? 'no answers given and --no-input forbids asking' : 'no answers given, and there is no terminal to ask on',
        'pass --answers FILE (or --answers - to read standard input), or --set FIELD=VALUE for each answer',
      );
    }
    throw new UsageError('the interactive questionnaire is not available in this build', 'pass --answers FILE');
  }

  const merged = applySets(raw?.value ?? {}, sets);
  const missing = missingRequired(merged);
  if (missing.length && (noInput || !interactive)) {
    throw new InputError(
      missing.map((f) => ({ file: raw?.origin, path: f.name, message: `missing required answer "${f.name}" (${expectedText(f)})`, hint: `add it to the answers or pass --set ${f.name}=VALUE` })),
    );
  }

  const { answers, given } = validateAnswers(raw, merged, sets);
  const ruleSet = await loadRuleSet({ layers: opts.rules, cwd: io.cwd, env: io.env });
  const result = decide(answers, ruleSet, { given, explain: opts.explain });

  switch (format) {
    case 'json':
      io.stdout.write(renderJson(result));
      break;
    case 'yaml':
      io.stdout.write(await renderYaml(result));
      break;
    case 'markdown': {
      const { renderMarkdown } = await import('../io/render-markdown.js');
      io.stdout.write(renderMarkdown(result));
      break;
    }
    default: {
      const color = useColor({ isTTY: io.stdout.isTTY === true, env: io.env, noColorFlag: opts.color === false });
      io.stdout.write(renderText(result, makeChalk(color)));
    }
  }
  return EXIT.ok;
}
