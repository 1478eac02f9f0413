// Rule layers are found as eslint and prettier find their configs, layered in a documented order,
// and named in every result.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDirs } from '../helpers.js';

const tmp = tempDirs('ml-advisor-layers-');
const ANSWERS = 'task: text-classification\nexistingModel: close\nlabeledExamples: 600\n';
// A layer that switches off the rule that warns to evaluate on your own data: visible in the result.
const OFF = 'version: 1\nrules:\n  - { id: warn-evaluate-own-data, enabled: false }\n';

function repo(): { root: string; sub: string } {
  const root = tmp();
  mkdirSync(join(root, '.git'));
  const sub = join(root, 'services', 'router');
  mkdirSync(sub, { recursive: true });
  writeFileSync(join(sub, 'a.yaml'), ANSWERS);
  return { root, sub };
}

describe('rule layers', () => {
  it('finds .ml-advisor.yaml in a parent folder, up to the repository root, and names it in the result', async () => {
    const { root, sub } = repo();
    copyFileSync(join(ROOT, 'examples', 'company-rules.yaml'), join(root, '.ml-advisor.yaml'));
    const r = await runCli(['decide', '--answers', 'a.yaml', '--json'], { cwd: sub });
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.rulesLayers).toEqual([{ from: 'built-in' }, { from: '.ml-advisor.yaml', path: '../../.ml-advisor.yaml' }]);
    // Acme's layer makes 600 labels enough to fine-tune: the decision changed, and says why.
    expect(result.recommendation.approach).toBe('fine-tune');
    const text = await runCli(['decide', '--answers', 'a.yaml'], { cwd: sub });
    expect(text.stdout).toContain('Rules: built-in + ../../.ml-advisor.yaml (.ml-advisor.yaml)');
    const md = await runCli(['decide', '--answers', 'a.yaml', '--format', 'markdown'], { cwd: sub });
    expect(md.stdout).toContain('Rules: built-in + `../../.ml-advisor.yaml` (.ml-advisor.yaml).');
  });

  it('never looks above the repository root', async () => {
    const outer = tmp();
    writeFileSync(join(outer, '.ml-advisor.yaml'), OFF);
    const root = join(outer, 'repo');
    mkdirSync(join(root, '.git'), { recursive: true });
    writeFileSync(join(root, 'a.yaml'), ANSWERS);
    const r = await runCli(['decide', '--answers', 'a.yaml', '--json'], { cwd: root });
    expect(JSON.parse(r.stdout).rulesLayers).toEqual([{ from: 'built-in' }]);
  });

  it('layers ML_ADVISOR_RULES over the project file and --rules over both, and rules show lists each', async () => {
    const { root, sub } = repo();
    writeFileSync(join(root, '.ml-advisor.yaml'), 'version: 1\nrules: []\n');
    writeFileSync(join(root, 'env.yaml'), OFF);
    writeFileSync(join(sub, 'flag.yaml'), 'version: 1\nrules: []\n');
    const env = { ML_ADVISOR_RULES: join(root, 'env.yaml') };
    const r = await runCli(['decide', '--answers', 'a.yaml', '--rules', 'flag.yaml', '--json'], { cwd: sub, env });
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.rulesLayers).toEqual([
      { from: 'built-in' },
      { from: '.ml-advisor.yaml', path: '../../.ml-advisor.yaml' },
      { from: 'ML_ADVISOR_RULES', path: '../../env.yaml' },
      { from: '--rules', path: 'flag.yaml' },
    ]);
    expect(result.warnings.map((w: { id: string }) => w.id)).not.toContain('evaluate-on-own-data');
    const show = await runCli(['rules', 'show', '--rules', 'flag.yaml', '--no-color'], { cwd: sub, env });
    expect(show.stdout).toMatch(/\d+\. \.\.\/\.\.\/\.ml-advisor\.yaml {2}\(the project file/);
    expect(show.stdout).toMatch(/\d+\. \.\.\/\.\.\/env\.yaml {2}\(named by ML_ADVISOR_RULES\)/);
    expect(show.stdout).toMatch(/\d+\. flag\.yaml {2}\(--rules\)/);
    expect(show.stdout).toMatch(/1\. rules\/\S+ {2}\(built-in\)/);
    const json = JSON.parse((await runCli(['rules', 'show', '--json', '--rules', 'flag.yaml'], { cwd: sub, env })).stdout);
    expect(json.rulesLayers).toEqual(result.rulesLayers);
  });

  it('a result without layers of its own says built-in, and schema result describes the field', async () => {
    const dir = tmp();
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'a.yaml'), ANSWERS);
    const r = await runCli(['decide', '--answers', 'a.yaml', '--json'], { cwd: dir });
    expect(JSON.parse(r.stdout).rulesLayers).toEqual([{ from: 'built-in' }]);
    const schema = JSON.parse((await runCli(['schema', 'result'])).stdout);
    expect(schema.properties.rulesLayers.items.properties.from.enum).toEqual(['built-in', '.ml-advisor.yaml', 'ML_ADVISOR_RULES', '--rules']);
    expect(schema.required).toContain('rulesLayers');
  });
});
