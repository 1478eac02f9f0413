// `ml-advisor rules …`, `schema rules`, layering and `decide --explain`, through the built binary.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers.js';

let dir: string;
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const lastLine = (s: string) => s.trimEnd().split('\n').pop();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ml-advisor-rules-'));
});

const EXAMPLE_LAYER = join(ROOT, 'examples', 'company-rules.yaml');
const EXAMPLE_CASES = join(ROOT, 'examples', 'company-tests.yaml');
const CHAT = 'task: chat-assistant\nexistingModel: close\ndomainShift: moderate\nlabeledExamples: 2000\n';

describe('rules validate', () => {
  it('passes the built-in set', async () => {
    const r = await runCli(['rules', 'validate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^rules\/decision\.yaml, rules\/estimates\.yaml, rules\/methods\.yaml, rules\/models\.yaml: valid/);
  });

  it('passes the shipped company example', async () => {
    const r = await runCli(['rules', 'validate', 'examples/company-rules.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('examples/company-rules.yaml: valid (layered on the built-in set)');
  });

  it('lists every problem of a broken file at its line and column, with what was expected and how to fix it', async () => {
    file(
      'broken.yaml',
      [
        'version: 1',
        'rules:',
        '  - id: my-rule',
        '    kind: decide',
        '    priorty: 50',
        '    when:',
        '      - { field: task, equals: other }',
        '      - { field: labeledExamples, gte: "ten" }',
        '    then: { approach: fine-tune }',
        '    because: test',
        '  - id: second',
        '    kind: decide',
        '    priority: 10',
        '    when:',
        '      - { field: labeledExample, gte: 10 }',
        '      - { field: existingModel, is: exakt }',
        '    then: { approach: fine-tune }',
        '    because: test',
        '',
      ].join('\n'),
    );
    const r = await runCli(['rules', 'validate', 'broken.yaml'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('5 problems');
    // unknown key, with the closest allowed key
    expect(r.stderr).toContain('broken.yaml:5:5 (rules[0].priorty): unknown key "priorty"\n    → did you mean "priority"?');
    // unknown operator
    expect(r.stderr).toContain('broken.yaml:7:24 (rules[0].when[0].equals): unknown operator "equals"\n    → operators: is, isNot, in, notIn, lt, lte, gt, gte, given');
    // wrong value type
    expect(r.stderr).toContain('broken.yaml:8:40 (rules[0].when[1].gte): expected a number, found "ten"\n    → write the number without quotes');
    // unknown field, with "did you mean"
    expect(r.stderr).toContain('broken.yaml:15:18 (rules[1].when[0].field): unknown answer field "labeledExample"\n    → did you mean `labeledExamples`?');
    // unknown enum value
    expect(r.stderr).toContain('broken.yaml:16:37 (rules[1].when[1].is): existingModel has no value "exakt"\n    → did you mean "exact"?');
  });

  it('pins bad YAML to its position', async () => {
    file('bad.yaml', 'version: 1\nrules:\n  - id: x\n    when: [ { field: task, is: other }\n    then: { approach: fine-tune }\n');
    const r = await runCli(['rules', 'validate', 'bad.yaml'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^ {2}bad\.yaml:5:5: not valid YAML: /m);
    expect(r.stderr).toContain('→ fix the YAML at that position');
  });

  it('pins problems that need the lower layers: switching off an unknown rule, unknown refs, unknown top-level keys', async () => {
    file('layer.yaml', 'version: 1\nrulez: []\nrules:\n  - { id: warn-self-hostd, enabled: false }\n  - id: mine\n    kind: warn\n    when: { ref: generativ }\n    then: { warning: w, message: m }\n    because: b\n');
    const r = await runCli(['rules', 'validate', 'layer.yaml'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('layer.yaml:2:1 (rulez): unknown key "rulez"\n    → did you mean "rules"?');
    expect(r.stderr).toContain('layer.yaml:4:11 (rules[0].id): there is no rule "warn-self-hostd" to switch off\n    → did you mean "warn-self-hosted"?');
    expect(r.stderr).toContain('layer.yaml:7:18 (rules[1].when.ref): no condition named "generativ" under define:\n    → did you mean "generative"?');
  });

  it('rejects named conditions that refer to themselves, also across layers (they used to crash decide)', async () => {
    file('cycle.yaml', 'version: 1\ndefine:\n  generative: [{ ref: mine }]\n  mine: { any: [{ ref: generative }, { field: task, is: other }] }\n');
    const r = await runCli(['rules', 'validate', 'cycle.yaml'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('cycle.yaml:3:15 (define.generative): named condition "generative" refers to itself: generative → mine → generative');
    file('chat.yaml', CHAT);
    const d = await runCli(['decide', '--answers', 'chat.yaml', '--rules', 'cycle.yaml'], { cwd: dir });
    expect(d.code).toBe(3);
  });

  it('reports a JSON layer with positions too', async () => {
    file('layer.json', '{\n  "version": 1,\n  "rules": [\n    { "id": "x", "kind": "decide", "priority": "high" }\n  ]\n}\n');
    const r = await runCli(['rules', 'validate', 'layer.json'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('layer.json:4:36 (rules[0].priority): expected a number, found "high"');
  });
});

describe('rules test', () => {
  it('runs the built-in cases and ends with the count', async () => {
    const r = await runCli(['rules', 'test']);
    expect(r.code).toBe(0);
    expect(lastLine(r.stdout)).toMatch(/^(\d+) passed, 0 failed$/);
    expect(Number(/^(\d+) passed/m.exec(lastLine(r.stdout)!)![1])).toBeGreaterThanOrEqual(30);
  });

  it('lists a failing case with expected and actual and exits 1', async () => {
    file('fail.yaml', 'cases:\n  - name: wrong on purpose\n    answers: { task: sentiment-analysis, existingModel: exact, domainShift: small }\n    expect: { approach: train-from-scratch, confidence: low }\n  - name: right\n    answers: { task: sentiment-analysis, existingModel: exact, domainShift: small }\n    expect: { approach: use-as-is }\n');
    const r = await runCli(['rules', 'test', 'fail.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ wrong on purpose  fail.yaml:2:5\n    approach: expected train-from-scratch, got use-as-is (by exact-model-small-shift');
    expect(r.stdout).toMatch(/confidence: expected low, got (high|medium)/);
    expect(lastLine(r.stdout)).toBe('1 passed, 1 failed');
  });

  it('searches folders recursively for YAML and JSON case files', async () => {
    const cases = mkdtempSync(join(tmpdir(), 'ml-advisor-cases-'));
    mkdirSync(join(cases, 'nested'));
    writeFileSync(join(cases, 'a.yaml'), 'cases:\n  - name: yaml case\n    answers: { task: sentiment-analysis, existingModel: exact, domainShift: small }\n    expect: { approach: use-as-is }\n');
    writeFileSync(join(cases, 'nested', 'b.json'), JSON.stringify({ cases: [{ name: 'json case', answers: { task: 'tabular-regression', existingModel: 'none', labeledExamples: 5000 }, expect: { approach: 'train-from-scratch' } }] }));
    writeFileSync(join(cases, 'notes.txt'), 'not a case file');
    const r = await runCli(['rules', 'test', cases, '--verbose', '--no-color']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('✓ yaml case\n✓ json case\n\n2 passed, 0 failed\n');
  });

  it('exits 1 when no case ran', async () => {
    file('none.yaml', 'cases: []\n');
    const r = await runCli(['rules', 'test', 'none.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(lastLine(r.stdout)).toBe('0 passed, 0 failed');
  });

  it('exits 3 on an invalid case file, located', async () => {
    file('invalid-case.yaml', 'cases:\n  - name: typo\n    answers: { task: sentiment-analysis, existingModle: exact }\n    expect: { approach: use-as-is }\n');
    const r = await runCli(['rules', 'test', 'invalid-case.yaml'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/invalid-case\.yaml:3:\d+ \(cases\[0\]\.answers\.existingModle\): .*/);
    expect(r.stderr).toContain('existingModel');
  });

  it('takes folders, and --rules layers: the company cases pass with the layer and fail without it', async () => {
    const withLayer = await runCli(['rules', 'test', 'examples/company-tests.yaml', '--rules', 'examples/company-rules.yaml']);
    expect(withLayer.code).toBe(0);
    expect(lastLine(withLayer.stdout)).toBe('4 passed, 0 failed');
    const without = await runCli(['rules', 'test', EXAMPLE_CASES]);
    expect(without.code).toBe(1);
    expect(without.stdout).toContain('✗ a chat assistant goes through the LLM gateway first');
    expect(lastLine(without.stdout)).toBe('1 passed, 3 failed');
    const folder = await runCli(['rules', 'test', 'rules/tests']);
    expect(folder.code).toBe(0);
  });

  it('--coverage: every built-in rule is exercised by the built-in cases', async () => {
    const r = await runCli(['rules', 'test', '--coverage', '--no-color']);
    expect(r.code).toBe(0);
    const never = r.stdout.split('\n').filter((l) => /^\s+✗ /.test(l)).map((l) => l.trim().split(/\s+/)[1]);
    expect(never).toEqual([]);
    expect(r.stdout).toMatch(/Coverage: (\d+) of \1 rules exercised/);
    expect(lastLine(r.stdout)).toMatch(/^\d+ passed, 0 failed$/);
  });

  it('--json gives counts, cases and coverage', async () => {
    const r = await runCli(['rules', 'test', '--coverage', '--json']);
    const out = JSON.parse(r.stdout) as { passed: number; failed: number; cases: unknown[]; coverage: { rule: string; cases: number }[] };
    expect(out.failed).toBe(0);
    expect(out.cases.length).toBe(out.passed);
    expect(out.coverage.find((c) => c.rule === 'fine-tune-with-labels')!.cases).toBeGreaterThan(0);
  });
});

describe('rules lint', () => {
  it('finds no errors in the built-in set', async () => {
    const r = await runCli(['rules', 'lint', '--no-color']);
    expect(r.code).toBe(0);
    // Issue 12: every region that used to fall through to the default is decided by a rule on
    // purpose, and some-expertise-no-scratch binds (unique-and-resourced no longer needs strong expertise).
    expect(lastLine(r.stdout)).toMatch(/^0 errors, 0 warnings, 0 notes$/);
    expect(r.stdout).not.toContain('fall through to the default');
  });

  it('reports shadowed, duplicate, contradicting and tied rules as errors and warnings, exits 1', async () => {
    file(
      'smelly.yaml',
      [
        'version: 1',
        'rules:',
        '  - id: impossible',
        '    kind: decide',
        '    priority: 200',
        '    when:',
        '      - { field: existingModel, is: exact }',
        '      - { field: existingModel, is: none }',
        '    then: { approach: use-as-is }',
        '    because: never',
        '  - id: shadowed-by-measured',
        '    kind: decide',
        '    priority: 20',
        '    when:',
        '      - { field: existingModel, is: exact }',
        '      - { field: offTheShelfResult, is: meets-target }',
        '    then: { approach: fine-tune }',
        '    because: shadowed',
        '  - id: copy-of-bias',
        '    kind: warn',
        '    when: [{ field: sensitiveDomain, isNot: none }]',
        '    then: { warning: bias-audit, message: again }',
        '    because: copy',
        '  - id: tie-a',
        '    kind: decide',
        '    priority: 99',
        '    when: [{ field: labeledExamples, gte: 5000000 }]',
        '    then: { approach: heavy-fine-tune }',
        '    because: tie',
        '  - id: tie-b',
        '    kind: decide',
        '    priority: 99',
        '    when: [{ field: unlabeledExamples, gte: 5000000 }]',
        '    then: { approach: train-from-scratch }',
        '    because: tie',
        '',
      ].join('\n'),
    );
    const r = await runCli(['rules', 'lint', '--rules', 'smelly.yaml', '--no-color'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('smelly.yaml:3:5: error: rule "impossible" can never fire: its conditions contradict each other ("existingModel is exact" and "existingModel is none" cannot both hold) [contradiction]');
    expect(r.stdout).toContain('smelly.yaml:11:5: error: decide rule "shadowed-by-measured" (priority 20) can never decide: "meets-target-on-own-data" (priority 100) holds whenever it does [shadowed]');
    expect(r.stdout).toContain('smelly.yaml:19:5: error: warn rule "copy-of-bias" never adds its message: whenever it holds, "warn-bias-audit" has already added warning "bias-audit" [warning-never-added]');
    expect(r.stdout).toMatch(/smelly\.yaml:30:5: warning: decide rules "tie-a" and "tie-b" share priority 99 and can both hold \(e\.g\. .*labeledExamples.*\); then "tie-a", declared first, decides \[equal-priority\]/);
    // (No note: with the built-in rules under them, no answer falls through to the default.)
    expect(lastLine(r.stdout)).toMatch(/^3 errors, 1 warning, 0 notes$/);
  });

  it('reports duplicates', async () => {
    file('dup.yaml', 'version: 1\nrules:\n  - id: again\n    kind: warn\n    when: [{ field: dataQuality, is: noisy }]\n    then:\n      warning: data-quality\n      message: Your data has known problems. Clean and relabel a sample first; no amount of compute makes up for wrong labels.\n    because: Label noise caps what any model can learn.\n');
    const r = await runCli(['rules', 'lint', 'dup.yaml', '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { findings: { code: string; rule: string; file: string; line: number }[] };
    expect(out.findings.filter((f) => f.code === 'duplicate')).toEqual([expect.objectContaining({ rule: 'again', file: 'dup.yaml', line: 3 })]);
  });

  it('--strict fails on warnings; --layers-only keeps to the findings about your own layers', async () => {
    const r = await runCli(['rules', 'lint', '--strict']);
    expect(r.code).toBe(0);
    const tied = await runCli(['rules', 'lint', '--strict', '--rules', 'smelly.yaml'], { cwd: dir });
    expect(tied.code).toBe(1);
    const company = await runCli(['rules', 'lint', '--strict', '--layers-only', '--no-color', '--rules', 'examples/company-rules.yaml']);
    expect(company.code).toBe(0);
    expect(lastLine(company.stdout)).toBe('0 errors, 0 warnings, 0 notes');
    const smelly = await runCli(['rules', 'lint', '--layers-only', '--no-color', 'smelly.yaml'], { cwd: dir });
    expect(smelly.code).toBe(1);
    expect(smelly.stdout).not.toContain('rules/decision.yaml');
    expect(lastLine(smelly.stdout)).toBe('3 errors, 1 warning, 0 notes');
  });
});

describe('rules show', () => {
  it('prints the effective set with where each rule and catalog entry came from', async () => {
    const r = await runCli(['rules', 'show', '--rules', 'examples/company-rules.yaml', '--no-color']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  5. examples/company-rules.yaml');
    expect(r.stdout).toContain('acme-llm-gateway [65] → use-as-is (confidence at most medium)  from examples/company-rules.yaml');
    expect(r.stdout).toContain('fine-tune-with-labels [40] → fine-tune  from examples/company-rules.yaml');
    expect(r.stdout).toContain('meets-target-on-own-data [100] → use-as-is  from rules/decision.yaml');
    expect(r.stdout).toMatch(/\(off\) warn-self-hosted warning self-hosted-only {2}from examples\/company-rules\.yaml/);
    expect(r.stdout).toContain('bert-base — BERT-base (Acme mirror)  from examples/company-rules.yaml');
    expect(r.stdout).toContain('distilbert-base — DistilBERT  from rules/models.yaml');
  });

  it('--json has origins for rules and catalog entries', async () => {
    const r = await runCli(['rules', 'show', '--json', '--rules', EXAMPLE_LAYER], { cwd: dir });
    const out = JSON.parse(r.stdout) as { rules: { id: string; origin: string; enabled: boolean }[]; catalog: { section: string; key: string; origin: string }[] };
    const origin = (id: string) => out.rules.find((x) => x.id === id)!.origin;
    expect(origin('acme-llm-gateway')).toMatch(/company-rules\.yaml$/);
    expect(origin('warn-bias-audit')).toBe('rules/decision.yaml');
    expect(out.rules.find((x) => x.id === 'warn-self-hosted')!.enabled).toBe(false);
    expect(out.catalog.find((c) => c.section === 'models' && c.key === 'acme-ticket-encoder')!.origin).toMatch(/company-rules\.yaml$/);
    expect(out.catalog.find((c) => c.section === 'families' && c.key === 'llm')!.origin).toBe('rules/methods.yaml');
  });
});

describe('layering on decide', () => {
  it('--rules replaces, adds and switches off rules, and overrides catalog figures', async () => {
    file('chat.yaml', CHAT);
    const before = JSON.parse((await runCli(['decide', '--answers', 'chat.yaml', '--json'], { cwd: dir })).stdout);
    expect(before.recommendation.approach).toBe('fine-tune');
    const after = JSON.parse((await runCli(['decide', '--answers', 'chat.yaml', '--json', '--rules', EXAMPLE_LAYER], { cwd: dir })).stdout);
    expect(after.recommendation.approach).toBe('use-as-is');
    expect(after.rationale[0].rule).toBe('acme-llm-gateway');

    file('tickets.yaml', 'task: text-classification\nexistingModel: close\ndomainShift: small\nlabeledExamples: 2500\nprivacy: self-hosted-only\nsensitiveDomain: lending\n');
    const t = JSON.parse((await runCli(['decide', '--answers', 'tickets.yaml', '--json', '--rules', EXAMPLE_LAYER], { cwd: dir })).stdout);
    const ids = t.warnings.map((w: { id: string }) => w.id);
    expect(ids).toContain('legal-review');
    expect(ids).not.toContain('self-hosted-only');
    expect(t.suggestedModels.map((m: { name: string }) => m.name)).toContain('BERT-base (Acme mirror)');
  });

  it('layers apply in order: a later --rules file wins', async () => {
    file('chat.yaml', CHAT);
    file('off.yaml', 'version: 1\nrules:\n  - { id: acme-llm-gateway, enabled: false }\n');
    const r = JSON.parse((await runCli(['decide', '--answers', 'chat.yaml', '--json', '--rules', EXAMPLE_LAYER, '--rules', 'off.yaml'], { cwd: dir })).stdout);
    expect(r.recommendation.approach).toBe('fine-tune');
  });

  it('reads the project file .ml-advisor.yaml, and ML_ADVISOR_RULES', async () => {
    const project = mkdtempSync(join(tmpdir(), 'ml-advisor-project-'));
    writeFileSync(join(project, 'chat.yaml'), CHAT);
    writeFileSync(join(project, '.ml-advisor.yaml'), 'version: 1\nrules:\n  - id: chat-from-scratch\n    kind: decide\n    priority: 500\n    when: [{ field: task, is: chat-assistant }]\n    then: { approach: train-from-scratch }\n    because: a test of the project file\n');
    const r = JSON.parse((await runCli(['decide', '--answers', 'chat.yaml', '--json'], { cwd: project })).stdout);
    expect(r.rationale[0].rule).toBe('chat-from-scratch');
    const viaEnv = JSON.parse((await runCli(['decide', '--answers', join(project, 'chat.yaml'), '--json'], { cwd: dir, env: { ML_ADVISOR_RULES: EXAMPLE_LAYER } })).stdout);
    expect(viaEnv.rationale[0].rule).toBe('acme-llm-gateway');
    const shown = await runCli(['rules', 'show', '--no-color'], { cwd: project });
    expect(shown.stdout).toContain('chat-from-scratch [500] → train-from-scratch  from .ml-advisor.yaml');
  });

  it('a broken layer stops decide with exit 3 and the position', async () => {
    file('chat.yaml', CHAT);
    file('typo.yaml', 'version: 1\nrules:\n  - { id: fine-tune-with-labels, when: [{ field: labeledExamples, gte: many }] }\n');
    const r = await runCli(['decide', '--answers', 'chat.yaml', '--rules', 'typo.yaml'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('typo.yaml:3:72 (rules[0].when[0].gte): expected a number, found "many"');
  });
});

describe('schema rules', () => {
  it('prints the JSON Schema of the rule file format', async () => {
    const r = await runCli(['schema', 'rules']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { properties: Record<string, unknown>; additionalProperties: boolean; title: string };
    expect(s.title).toBe('ml-advisor rule file');
    expect(Object.keys(s.properties)).toEqual(expect.arrayContaining(['version', 'define', 'rules', 'default', 'models', 'hubs', 'families', 'tasks']));
    expect(s.additionalProperties).toBe(false);
    expect(r.stdout).toContain('"gte"');
  });
});

describe('decide --explain', () => {
  it('text: every rule, matched or not, and each condition with the actual and expected value', async () => {
    const r = await runCli(['decide', '--answers', 'examples/support-tickets.yaml', '--explain', '--no-color']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Rule trace \(\d+ rules, \d+ matched\)/);
    expect(r.stdout).toContain('✓ fine-tune-with-labels [40] → fine-tune  DECIDED  (rules/decision.yaml)');
    expect(r.stdout).toContain('      ✓ labeledExamples ≥ 100  — you: 2,500');
    expect(r.stdout).toContain('✗ meets-target-on-own-data [100] → use-as-is  did not match');
    expect(r.stdout).toContain('      ✗ offTheShelfResult is meets-target  — you: not-evaluated');
    // conditions under `not` and named conditions are shown too
    expect(r.stdout).toContain('✓ not: task is one of tabular-classification, tabular-regression, recommendation (classical-problem)  — you: text-classification');
  });

  it('json and yaml carry the same trace', async () => {
    const j = JSON.parse((await runCli(['decide', '--answers', 'examples/support-tickets.yaml', '--explain', '--json'])).stdout);
    const decided = j.trace.find((t: { decided?: boolean }) => t.decided);
    expect(decided.rule).toBe('fine-tune-with-labels');
    expect(decided.conditions).toContainEqual({ field: 'labeledExamples', op: 'gte', expected: 100, actual: 2500, holds: true });
    expect(j.trace.length).toBeGreaterThan(30);
    const y = await runCli(['decide', '--answers', 'examples/support-tickets.yaml', '--explain', '--format', 'yaml']);
    expect(y.stdout).toContain('trace:');
    expect(y.stdout).toContain('decided: true');
  });

  it('marks a limit rule that moved the answer', async () => {
    file('moved.yaml', 'task: image-classification\nexistingModel: close\ndomainShift: large\nlabeledExamples: 40000\naccuracyTarget: prototype\n');
    const r = await runCli(['decide', '--answers', 'moved.yaml', '--explain', '--no-color'], { cwd: dir });
    expect(r.stdout).toContain('✓ large-shift-with-data [60] → heavy-fine-tune  DECIDED');
    expect(r.stdout).toContain('✓ prototype-stay-left at most fine-tune  MOVED THE ANSWER');
    expect(r.stdout).toMatch(/^Recommendation: Fine-tune/);
  });

  it('says so when no decide rule matched and the default decided', async () => {
    // No built-in answer falls through any more: switch off the two rules that decide this one.
    file('default.yaml', 'task: chat-assistant\nexistingModel: close\nlabeledExamples: 10\n');
    file('no-retrieval.yaml', 'version: 1\nrules:\n  - { id: retrieval-over-own-documents, enabled: false }\n  - { id: generative-prompt-first, enabled: false }\n');
    const r = await runCli(['decide', '--answers', 'default.yaml', '--rules', 'no-retrieval.yaml', '--explain', '--no-color'], { cwd: dir });
    expect(r.stdout).toContain('→ no decide rule matched: the default (fine-tune) DECIDED');
    expect(r.stdout).not.toMatch(/\] → .* {2}DECIDED/);
  });

  it('without --explain there is no trace', async () => {
    const j = JSON.parse((await runCli(['decide', '--answers', 'examples/support-tickets.yaml', '--json'])).stdout);
    expect(j.trace).toBeUndefined();
  });
});
