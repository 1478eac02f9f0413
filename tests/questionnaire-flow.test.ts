// The questionnaire through real Inquirer prompts, driven with @inquirer/testing's screen.
// `@inquirer/testing/vitest` must be imported before the code that prompts: it mocks the prompts.
import { screen } from '@inquirer/testing/vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FIELDS } from '../src/core/answers/fields.js';
import { editableFields } from '../src/core/answers/question-plan.js';
import { runDecide, type DecideOptions } from '../src/commands/decide.js';
import type { IO } from '../src/io/io.js';
import { ROOT, tempDirs } from './helpers.js';

interface Captured {
  io: IO;
  stdout: () => string;
  stderr: () => string;
}

function terminalIO(cwd = ROOT): Captured {
  let out = '';
  let err = '';
  const io: IO = {
    stdout: { write: (s: string) => (out += s), isTTY: false },
    stderr: { write: (s: string) => (err += s), isTTY: true },
    stdin: Readable.from([]),
    stdinIsTTY: true,
    env: { NO_COLOR: '1' },
    cwd,
    readStdin: () => Promise.reject(new Error('stdin must not be read')),
  };
  return { io, stdout: () => out, stderr: () => err };
}

const SUMMARY = 'Decide with these answers, or change one?';
const REFINE = 'Sharpen the estimates';
const SAVE = 'Save these answers to a file';

/** What to do at each prompt. Field names answer field questions; anything else is keyed by the prompt. */
interface Script {
  answers?: Record<string, string | boolean>;
  refine?: boolean;
  /** At the summary, add the refinements (after declining them). */
  refineLater?: boolean;
  /** Fields to change from the summary, one visit each, with the new value. */
  edits?: [string, string | boolean][];
  save?: boolean;
  fileName?: string;
  overwrite?: boolean;
  /** Typed (each followed by Enter) before the real answer, to see the validation messages. */
  invalid?: Record<string, string[]>;
}

interface Walk {
  code: number;
  asked: string[];
  /** Validation messages seen, per field. */
  messages: Record<string, string[]>;
  screens: string[];
}

function highlighted(): string {
  const line = screen.getScreen().split('\n').find((l) => l.startsWith('❯'));
  return line ? line.slice(1).trim().replace(/^\d+\. /, '') : '';
}

/** Moves the select cursor to the choice whose text starts with `label`. */
function pick(label: string): void {
  for (let i = 0; i < 40; i++) {
    const h = highlighted();
    if (h === label || h.startsWith(`${label} `)) {
      screen.keypress('enter');
      return;
    }
    screen.keypress('down');
  }
  throw new Error(`no choice "${label}" in:\n${screen.getScreen()}`);
}

function answerText(text: string | boolean): void {
  if (typeof text === 'boolean') screen.type(text ? 'y' : 'n');
  else screen.type(text);
  screen.keypress('enter');
}

async function walk(opts: DecideOptions, script: Script, cap = terminalIO()): Promise<Walk> {
  let code: number | undefined;
  let failure: unknown;
  const run = runDecide(opts, cap.io).then(
    (c) => (code = c),
    (e) => (failure = e),
  );
  const finished = run.then(() => 'done' as const);
  const asked: string[] = [];
  const messages: Record<string, string[]> = {};
  const screens: string[] = [];
  const edits = [...(script.edits ?? [])];
  let pendingEdit: [string, string | boolean] | undefined;
  if ((await Promise.race([screen.next().then(() => 'render' as const), finished])) === 'done') {
    if (failure) throw failure;
    return { code: code!, asked, messages, screens };
  }
  for (let guard = 0; guard < 200; guard++) {
    const s = screen.getScreen();
    screens.push(s);
    const field = FIELDS.find((f) => s.startsWith(`? ${f.question}`));
    if (field) {
      const name = field.name;
      let value: string | boolean | undefined;
      if (pendingEdit && pendingEdit[0] === name) {
        value = pendingEdit[1];
        pendingEdit = undefined;
      } else {
        asked.push(name);
        value = script.answers?.[name];
        for (const bad of script.invalid?.[name] ?? []) {
          answerText(bad);
          await screen.next();
          const msg = screen.getScreen().split('\n').find((l) => l.startsWith('>'));
          (messages[name] ??= []).push(msg ? msg.slice(1).trim() : '(none)');
          for (let i = 0; i < bad.length; i++) screen.keypress('backspace');
        }
      }
      // gpu is offered as a list of the catalog's GPUs.
      if (field.kind === 'enum' || field.name === 'gpu') {
        if (value === undefined) screen.keypress('enter');
        else pick(String(value));
      } else if (value === undefined) screen.keypress('enter');
      else answerText(value);
    } else if (s.startsWith(`? ${SUMMARY}`)) {
      if (script.refineLater) {
        script = { ...script, refineLater: false };
        pick('Add what you know for sharper estimates');
      } else {
        pendingEdit = edits.shift();
        if (pendingEdit) pick(`Change ${pendingEdit[0]}`);
        else pick('Decide with these answers');
      }
    } else if (s.startsWith(`? ${REFINE}`)) answerText(script.refine ?? false);
    else if (s.startsWith(`? ${SAVE}`)) answerText(script.save ?? false);
    else if (s.startsWith('? File name')) answerText(script.fileName ?? 'answers.yaml');
    else if (/^\? .* already exists\. Replace it\?/.test(s)) answerText(script.overwrite ?? false);
    else throw new Error(`unexpected prompt:\n${s}`);
    if ((await Promise.race([screen.next().then(() => 'render' as const), finished])) === 'done') break;
  }
  await run;
  if (failure) throw failure;
  return { code: code!, asked, messages, screens };
}

async function decideNonInteractive(answersFile: string, cwd = ROOT): Promise<string> {
  const cap = terminalIO(cwd);
  cap.io.stdinIsTTY = false;
  cap.io.stderr.isTTY = false;
  expect(await runDecide({ answers: answersFile }, cap.io)).toBe(0);
  return cap.stdout();
}

const tmp = tempDirs('ml-advisor-q-');

describe('the questionnaire on a terminal', () => {
  it('walks the framework in order, prints the text result on stdout only, and the saved answers decide the same', async () => {
    const dir = tmp();
    const cap = terminalIO(dir);
    const w = await walk({}, {
      answers: { task: 'text-classification', existingModel: 'close', domainShift: 'small', labeledExamples: '2,500', budgetUsd: '40k', timelineWeeks: '8', baselineTried: true, dataQuality: 'clean' },
      save: true,
      fileName: 'answers.yaml',
    }, cap);
    expect(w.code).toBe(0);
    expect(w.asked).toEqual([
      'task', 'existingModel', 'offTheShelfResult',
      'domainShift', 'labeledExamples', 'unlabeledExamples', 'labelSource',
      'proprietaryData', 'budgetUsd', 'timelineWeeks', 'mlExpertise',
      'sensitiveDomain', 'privacy', 'deployment', 'latencyMs', 'accuracyTarget', 'baselineTried', 'dataQuality',
    ]);
    // Each section is introduced by its question, and each field by its help line, on stderr.
    const err = cap.stderr();
    expect(err).toContain('Question 1: Has someone already solved this?');
    expect(err).toContain('Question 2: Is my problem close to something that has been solved?');
    expect(err).toContain('Question 3: Is my problem truly unique?');
    expect(err).toContain('Constraints and risks: What limits the choice?');
    expect(err).toContain('Domain shift: general English reviews → small');
    expect(err).toMatch(/labeledExamples\s+2,500/);
    expect(err).toMatch(/budgetUsd\s+40,000/);
    // stdout is the result alone, exactly what decide --answers prints for the saved file.
    const saved = readFileSync(join(dir, 'answers.yaml'), 'utf8');
    expect(saved).toContain('labeledExamples: 2500');
    expect(saved).toContain('budgetUsd: 40000');
    expect(saved).not.toContain('latencyMs');
    expect(cap.stdout()).toMatch(/^Recommendation: Fine-tune/);
    for (const leak of ['What should the model do', 'Your answers', 'Question 2:', 'Saved to']) expect(cap.stdout()).not.toContain(leak);
    expect(await decideNonInteractive(join(dir, 'answers.yaml'), dir)).toBe(cap.stdout());
  });

  it.each([
    // [what, answers, asked, not asked]
    ['modality only for task other', { task: 'other', modality: 'graph', existingModel: 'none' }, ['modality'], ['offTheShelfResult']],
    ['modality for mixed tasks', { task: 'anomaly-detection', modality: 'image', existingModel: 'close' }, ['modality', 'domainShift', 'unlabeledExamples'], []],
    ['no modality when the task fixes it', { task: 'object-detection', existingModel: 'unknown' }, [], ['modality', 'offTheShelfResult']],
    ['solved on own data', { task: 'sentiment-analysis', existingModel: 'exact', offTheShelfResult: 'meets-target' }, ['budgetUsd', 'privacy'], ['domainShift', 'labeledExamples', 'unlabeledExamples', 'labelSource', 'proprietaryData', 'mlExpertise', 'accuracyTarget']],
    ['classical problem', { task: 'tabular-regression', existingModel: 'none', labeledExamples: '5k' }, ['labeledExamples'], ['domainShift', 'unlabeledExamples', 'labelSource']],
    ['plenty of labels: nobody needs to label more', { task: 'text-classification', existingModel: 'close', labeledExamples: '50k' }, [], ['labelSource']],
    ['nothing close: labels may still be needed', { task: 'translation', existingModel: 'none', labeledExamples: '50k' }, ['labelSource'], []],
  ] as const)('skips what cannot matter: %s', async (_what, answers, asked, notAsked) => {
    const w = await walk({}, { answers: answers as Record<string, string> });
    expect(w.code).toBe(0);
    for (const f of asked) expect(w.asked).toContain(f);
    for (const f of notAsked) expect(w.asked).not.toContain(f);
    expect(w.asked.some((f) => editableFields({ refine: true }).find((e) => e.name === f)?.section === 'refine')).toBe(false);
  });

  it('with the team\'s own rules (project file), skips only what earlier answers make meaningless', async () => {
    const dir = tmp();
    writeFileSync(join(dir, '.ml-advisor.yaml'), 'version: 1\nrules: []\n');
    const w = await walk({}, { answers: { task: 'sentiment-analysis', existingModel: 'exact', offTheShelfResult: 'meets-target' } }, terminalIO(dir));
    expect(w.code).toBe(0);
    expect(w.asked).toEqual(expect.arrayContaining(['domainShift', 'labeledExamples', 'labelSource', 'mlExpertise', 'accuracyTarget']));
    const none = await walk({}, { answers: { task: 'translation', existingModel: 'none' } }, terminalIO(dir));
    expect(none.asked).not.toContain('offTheShelfResult');
  });

  it('a broken rules file fails before the first question', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bad.yaml'), 'version: 1\nrules: [{id: x}]\n');
    const cap = terminalIO(dir);
    await expect(runDecide({ rules: ['bad.yaml'] }, cap.io)).rejects.toMatchObject({ exitCode: 3 });
    expect(cap.stderr()).toBe('');
  });

  it('asks the refinements only when the person opts in', async () => {
    const cap = terminalIO();
    const w = await walk({ json: true }, { answers: { task: 'text-generation', existingModel: 'close', modelParams: '8B', gpu: 'h100-sxm', gpuCount: '8' }, refine: true }, cap);
    expect(w.code).toBe(0);
    expect(JSON.parse(cap.stdout()).answers).toMatchObject({ modelParams: 8e9, gpu: 'h100-sxm', gpuCount: 8 });
    expect(w.screens.find((x) => x.startsWith('? Which GPU will you use?'))).toContain('h100-sxm — NVIDIA H100 SXM');
    expect(w.asked).toEqual(expect.arrayContaining(['modelParams', 'trainingTokens', 'gpu', 'gpuCount', 'gpuHourlyUsd', 'mfu', 'engineerWeeklyUsd', 'teamSize']));
    expect(w.asked).not.toContain('trainingSamples');
    const image = await walk({}, { answers: { task: 'object-detection', existingModel: 'close', trainingSamples: '50k' }, refine: true });
    expect(image.asked).toContain('trainingSamples');
    expect(image.asked).not.toContain('trainingTokens');
    // Nothing will be trained when a model already meets the target: no training size, MFU or GPU count.
    const solved = await walk({}, { answers: { task: 'object-detection', existingModel: 'exact', offTheShelfResult: 'meets-target' }, refine: true });
    expect(solved.asked).toEqual(expect.arrayContaining(['modelParams', 'gpu', 'gpuHourlyUsd', 'engineerWeeklyUsd', 'teamSize']));
    for (const f of ['trainingTokens', 'trainingSamples', 'mfu', 'gpuCount']) expect(solved.asked).not.toContain(f);
  });

  it('lets the person add the refinements from the summary after declining them', async () => {
    const cap = terminalIO();
    const w = await walk({ format: 'json' }, { answers: { task: 'text-generation', existingModel: 'close', modelParams: '8B' }, refine: false, refineLater: true }, cap);
    expect(w.code).toBe(0);
    // The refinements end the questionnaire: the last field of the table is asked last.
    expect(w.asked.slice(-1)).toEqual(['horizonMonths']);
    expect(w.asked).toContain('modelParams');
    expect(JSON.parse(cap.stdout())).toMatchObject({ answers: { modelParams: 8e9 } });
  });

  it('lets the person change an answer from the summary, and asks what the change makes relevant', async () => {
    const cap = terminalIO();
    const w = await walk({ format: 'json' }, {
      answers: { task: 'translation', existingModel: 'none', labeledExamples: '200' },
      edits: [['existingModel', 'exact'], ['labeledExamples', '20k']],
    }, cap);
    expect(w.code).toBe(0);
    // offTheShelfResult was implied (not-evaluated) while no model existed; after the change it is asked.
    expect(w.asked.filter((f) => f === 'offTheShelfResult')).toHaveLength(1);
    expect(w.asked.indexOf('offTheShelfResult')).toBeGreaterThan(w.asked.indexOf('dataQuality'));
    const result = JSON.parse(cap.stdout()) as { answers: Record<string, unknown> };
    expect(result.answers.existingModel).toBe('exact');
    expect(result.answers.labeledExamples).toBe(20000);
  });

  it('explains what a number prompt expects, from the field bounds', async () => {
    const w = await walk({}, {
      answers: { task: 'text-classification', existingModel: 'close', labeledExamples: '10k' },
      invalid: { labeledExamples: ['abc', '-3', '2.5'], timelineWeeks: ['0'] },
    });
    expect(w.code).toBe(0);
    expect(w.messages.labeledExamples).toEqual([
      '"abc" is not a number: enter a whole number ≥ 0 and ≤ 1,000,000,000,000, e.g. 2,500.',
      '-3 is out of range: enter a whole number ≥ 0 and ≤ 1,000,000,000,000.',
      '2.5 is not a whole number: enter a whole number ≥ 0 and ≤ 1,000,000,000,000.',
    ]);
    expect(w.messages.timelineWeeks).toEqual(['0 is out of range: enter a number > 0 and ≤ 520.']);
  });

  it('with answers that lack required fields, asks only for those', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'partial.yaml'), 'task: sentiment-analysis\nlabeledExamples: 300\n');
    const cap = terminalIO(dir);
    const w = await walk({ answers: join(dir, 'partial.yaml') }, { answers: { existingModel: 'close' } }, cap);
    expect(w.code).toBe(0);
    expect(w.asked).toEqual(['existingModel']);
    expect(cap.stderr()).toContain('lacks existingModel');
    expect(cap.stdout()).toMatch(/^Recommendation:/);
  });

  it('reports a bad value in the answers file before asking for the missing ones', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'partial.yaml'), 'task: sentiment-analysis\nlabeledExamples: lots\n');
    const cap = terminalIO(dir);
    await expect(runDecide({ answers: join(dir, 'partial.yaml') }, cap.io)).rejects.toMatchObject({
      exitCode: 3,
      problems: [expect.objectContaining({ line: 2, message: expect.stringContaining('expected a whole number ≥ 0 and ≤ 1,000,000,000,000, found "lots" (words)') })],
    });
    expect(cap.stderr()).toBe('');
  });

  it('asks what --set leaves out, in questionnaire order', async () => {
    const cap = terminalIO();
    const w = await walk({ set: ['task=other'], format: 'json' }, { answers: { modality: 'graph', existingModel: 'none' } }, cap);
    expect(w.code).toBe(0);
    expect(w.asked).toEqual(['modality', 'existingModel']);
    expect(JSON.parse(cap.stdout())).toMatchObject({ answers: { task: 'other', modality: 'graph', existingModel: 'none' } });
  });

  it('--save saves without asking, and asks before replacing an existing file', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'taken.yaml'), 'keep me\n');
    const w = await walk({ save: 'taken.yaml' }, {
      answers: { task: 'summarization', existingModel: 'exact', offTheShelfResult: 'meets-target' },
      overwrite: false,
      fileName: join(dir, 'fresh.yaml'),
    }, terminalIO(dir));
    expect(w.code).toBe(0);
    expect(w.screens.some((s) => s.startsWith(`? ${SAVE}`))).toBe(false);
    expect(readFileSync(join(dir, 'taken.yaml'), 'utf8')).toBe('keep me\n');
    expect(readFileSync(join(dir, 'fresh.yaml'), 'utf8')).toContain('offTheShelfResult: meets-target');
  });

  it('Ctrl-C rejects with ExitPromptError (the CLI maps it to "Cancelled." and 130)', async () => {
    const cap = terminalIO();
    const run = runDecide({}, cap.io);
    await screen.next();
    screen.keypress({ name: 'c', ctrl: true });
    await expect(run).rejects.toMatchObject({ name: 'ExitPromptError' });
    expect(cap.stdout()).toBe('');
  });
});
