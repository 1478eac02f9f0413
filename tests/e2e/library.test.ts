// The package as a library (contract §6), tried as a user would: pack the tarball, install it into
// an empty project without the network, type-check a TypeScript file against the shipped
// declarations (skipLibCheck off, so the .d.ts themselves are checked too), run it, and compare what
// it prints with what `decide --json` prints for the same answers — byte for byte.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDirs } from '../helpers.js';

const tempDir = tempDirs('ml-advisor-library-');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** The TypeScript example of the README's "Use it from code". */
export function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Use it from code'));
  const m = /```ts\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error('README: no ```ts block under "Use it from code"');
  return m[1]!;
}

// Every export used, with the types spelled out, so that a declaration that drifts from the code fails to compile.
const CHECK = `
import { readFileSync } from 'node:fs';
import { APPROACHES, FIELDS, compare, decide, decideMany, InputError, loadRules, validateRules } from 'ml-advisor';
import type { Answers, AnswersInput, Approach, Comparison, DecidedRow, GateFailure, Gates, Problem, Result, RuleSet, Spot } from 'ml-advisor';

const [answersFile, rulesFile] = process.argv.slice(2) as [string, string];
const answers = JSON.parse(readFileSync(answersFile, 'utf8')) as AnswersInput;
const rules: RuleSet = await loadRules({ files: [rulesFile] });
const gates: Gates = { maxCost: 50000, failOn: 'heavy-fine-tune' };
const result: Result = decide(answers, { rules, gates });
const failed: GateFailure[] = result.failedGates ?? [];
const spot: Spot = result.spectrum[result.recommendation.position]!;
const normalized: Answers = result.answers;
const approach: Approach = spot.approach;
if (approach !== result.recommendation.approach || !APPROACHES.includes(approach) || FIELDS.length < 20 || normalized.task !== answers.task) throw new Error('inconsistent result');

const rows: DecidedRow[] = [...decideMany([answers, { task: 'nope' }], { rules, gates })];
const second = rows[1]!;
if (!('error' in second) || 'error' in rows[0]!) throw new Error('decideMany: the second row should be the invalid one');
const comparison: Comparison = compare([result, rows[0] as Result], ['decide', 'decideMany']);
const streamed: DecidedRow[] = [];
for await (const row of decideMany((async function* () { yield answers; yield { task: 'nope' }; })(), { rules, gates })) streamed.push(row);
if (JSON.stringify(streamed) !== JSON.stringify(rows)) throw new Error('decideMany over an async iterable gives other rows');

let problems: Problem[] = [];
try {
  decide({ ...answers, existingModel: 'clsoe' } as unknown as AnswersInput);
} catch (e) {
  if (e instanceof InputError) problems = e.problems;
}
const check = await validateRules({ files: [answersFile] });
process.stderr.write(JSON.stringify({ failed: failed.length, same: comparison.sameApproach, differences: comparison.differences.length, problem: problems[0], rulesValid: check.valid, secondRow: second.row }) + '\\n');
// The contract: the result object is what --json prints.
process.stdout.write(JSON.stringify(result, null, 2) + '\\n');
`;

let project: string;

beforeAll(() => {
  // The declarations are generated for the package only (they take a while); the bundles are built by `npm test`.
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-types.mjs')], { cwd: ROOT, stdio: 'pipe' });
  const packs = tempDir();
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packs], { cwd: ROOT, encoding: 'utf8' });
  const tarball = join(packs, (JSON.parse(out) as [{ filename: string }])[0].filename);

  project = tempDir();
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-ml-advisor', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: project, stdio: 'pipe' });
  // The compiler and Node's types come from this repository: the project itself has no network.
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false, outDir: 'out', types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')] },
    include: ['*.ts'],
  }));
  writeFileSync(join(project, 'check.ts'), CHECK);
  writeFileSync(join(project, 'readme.ts'), readmeExample());
  mkdirSync(join(project, 'examples'));
  cpSync(join(ROOT, 'examples'), join(project, 'examples'), { recursive: true });
}, 240_000);

describe('the packed library', () => {
  it('type-checks a program that uses the API against the shipped declarations', () => {
    const r = spawnSync(process.execPath, [TSC, '-p', project], { cwd: project, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);

  it('returns the bytes `decide --json` prints, failedGates included', async () => {
    const answers = join(ROOT, 'examples', 'chat-assistant.json');
    const rules = join(ROOT, 'examples', 'company-rules.yaml');
    const lib = spawnSync(process.execPath, [join(project, 'out', 'check.js'), answers, rules], { cwd: project, encoding: 'utf8' });
    expect(lib.status, lib.stderr).toBe(0);
    const cli = await runCli(['decide', '--answers', answers, '--rules', rules, '--max-cost', '50000', '--fail-on', 'heavy-fine-tune', '--json'], { cwd: project });
    expect(cli.code).toBeLessThanOrEqual(1);
    expect(lib.stdout).toBe(cli.stdout);
    expect(JSON.parse(cli.stdout).failedGates).toBeInstanceOf(Array);
    const info = JSON.parse(lib.stderr) as { failed: number; same: boolean; differences: number; problem: { path: string; hint: string }; rulesValid: boolean; secondRow: number };
    expect(info).toMatchObject({ same: true, differences: 0, rulesValid: false, secondRow: 2, problem: { path: 'existingModel', hint: 'did you mean "close"?' } });
    expect(info.failed).toBe((JSON.parse(cli.stdout) as { failedGates: unknown[] }).failedGates.length);
  }, 60_000);

  it('runs the README example as written, printing what its comments say', () => {
    const r = spawnSync(process.execPath, [join(project, 'out', 'readme.js')], { cwd: project, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // Each `console.log(…); // shown` in the example prints what the comment shows.
    const shown = [...readmeExample().matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((m) => m[1]!);
    const lines = r.stdout.split('\n');
    for (const s of shown) expect(lines).toContain(s);
  }, 60_000);

  it('has no side effects on import: reads no argv, prints nothing', () => {
    const probe = `
      Object.defineProperty(process, 'argv', { get() { throw new Error('the library read process.argv'); } });
      const write = process.stdout.write.bind(process.stdout);
      let printed = '';
      process.stdout.write = (s) => { printed += s; return true; };
      process.stderr.write = (s) => { printed += s; return true; };
      const lib = await import('ml-advisor');
      process.stdout.write = write;
      write(JSON.stringify({ printed, exports: Object.keys(lib).sort() }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe, '--', '--help'], { cwd: project, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { printed: string; exports: string[] };
    expect(out.printed).toBe('');
    expect(out.exports).toEqual(['APPROACHES', 'FIELDS', 'InputError', 'UsageError', 'compare', 'decide', 'decideMany', 'loadRules', 'validateRules']);
  });

  it('cannot reach the CLI bundle by a deep import', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', "await import('ml-advisor/dist/main.cjs')"], { cwd: project, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });
});
