// Nothing from a file can drive the terminal or a document: a control character in a rules layer
// or in answers is refused after decoding (an escape written \e or \u001b is caught like a raw
// one), with its position; text that echoes the input is escaped on the terminal, and everything
// from a result is escaped in Markdown — no heading from a newline, no <script>, no remote image.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDirs } from '../helpers.js';

const temp = tempDirs('ml-advisor-inject-');
const ESC = '\u001b';
const DECIDE = ['decide', '--no-input', '--set', 'task=text-classification', '--set', 'existingModel=close'];

const warnRule = (message: string, because = 'a reason') =>
  `version: 1\nrules:\n  - id: team-note\n    kind: warn\n    because: ${because}\n    when: { field: task, is: text-classification }\n    then: { warning: team-note, message: ${message} }\n`;

function layer(text: string, name = 'layer.yaml'): string {
  const file = join(temp(), name);
  writeFileSync(file, text);
  return file;
}

describe('control characters in a rules layer are refused after decoding, with their position', () => {
  for (const [what, text, name] of [
    ['a YAML \\e escape', warnRule('"hi \\e]0;pwned\\a\\e[2J there"'), 'layer.yaml'],
    ['a YAML \\x9b (C1 CSI)', warnRule('"hi \\x9b2J"'), 'layer.yaml'],
    ['a JSON \\u001b escape', JSON.stringify({ version: 1, rules: [{ id: 'team-note', kind: 'warn', because: 'r', when: { field: 'task', is: 'text-classification' }, then: { warning: 'team-note', message: 'hi \u001b[2J' } }] }), 'layer.json'],
    ['a bidirectional override', warnRule('"safe \\u202e txt.exe"'), 'layer.yaml'],
  ] as const) {
    it(what, async () => {
      const file = layer(text, name);
      for (const args of [[...DECIDE, '--rules', file, '--no-color'], ['rules', 'validate', file]]) {
        const r = await runCli(args);
        expect(r.code, args.join(' ')).toBe(3);
        expect(r.stderr).toMatch(/layer\.(yaml|json)(:\d+:\d+)? \(rules\[0\]\.then\.message\): the text contains the control character U\+/);
        for (const c of [ESC, "\u0007", "\u009b", "\u202e"]) expect(r.stderr).not.toContain(c);
        expect(r.stdout).toBe('');
      }
    });
  }

  it('tabs and line breaks are text, not controls', async () => {
    const r = await runCli([...DECIDE, '--rules', layer(warnRule('"one\\ttwo\\nthree"')), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).warnings.find((w: { id: string }) => w.id === 'team-note').message).toBe('one\ttwo\nthree');
  });
});

describe('control characters in answers are refused, and never echoed raw', () => {
  it('in a key or a value of an answers file', async () => {
    const dir = temp();
    for (const answers of [{ task: 'text-classification', existingModel: 'close', [`x${ESC}[2J`]: 1 }, { task: 'text-classification', existingModel: 'close', gpu: `a100${ESC}]0;t\u0007` }]) {
      const file = join(dir, 'a.json');
      writeFileSync(file, JSON.stringify(answers));
      const r = await runCli(['decide', '--answers', file, '--json']);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('contains the control character U+001B (escape)');
      expect(r.stderr).toMatch(/a\.json:1:\d+/);
      expect(r.stderr).not.toContain(ESC);
    }
  });

  it('in a batch row: that row is invalid, the others decided; the table shows no raw control', async () => {
    const input = `{"task":"text-classification","existingModel":"close","gpu":"h1\\u001b[2J"}\n{"task":"text-classification","existingModel":"close"}\n`;
    const r = await runCli(['batch', '-', '--format', 'table'], { input });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('control character U+001B');
    expect(r.stdout).not.toContain(ESC);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(3);
  });

  it('a CSV cell echoed in an error (table and markdown) is escaped', async () => {
    const input = 'task,existingModel\n"<script>alert(1)</script>\u0007",close\n';
    const dir = temp();
    writeFileSync(join(dir, 'rows.csv'), input);
    const table = await runCli(['batch', join(dir, 'rows.csv'), '--format', 'table']);
    expect(table.code).toBe(3);
    expect(table.stdout).not.toContain('\u0007');
    const md = await runCli(['batch', join(dir, 'rows.csv'), '--format', 'markdown']);
    expect(md.stdout).not.toContain('<script>');
    expect(md.stdout).not.toContain('\u0007');
  });
});

describe('Markdown: text from a layer shows as typed', () => {
  it('a newline heading, raw HTML and a remote image in a warning and a reason', async () => {
    const file = layer(warnRule('"watch out\\n# Heading <script>alert(1)</script> ![x](http://e/x.png) **bold**"', '"because\\n## Injected | cell"'));
    const r = await runCli([...DECIDE, '--rules', file, '--format', 'markdown']);
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain('- **team-note**: watch out # Heading &lt;script&gt;alert(1)&lt;/script&gt; !\\[x\\](http://e/x.png) \\*\\*bold\\*\\*');
    expect(out).not.toMatch(/^#+ (Heading|Injected)/m);
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('![x](');
    // Only the record's own headings start lines with #.
    expect(out.split('\n').filter((l) => l.startsWith('#')).every((l) => /^# Decision: |^## (Context|Decision|Options considered|Reasons|Warnings|Consequences|What would change it|Assumptions)$/.test(l))).toBe(true);
  });
});
