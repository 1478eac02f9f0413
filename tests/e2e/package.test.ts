// What `npm pack` ships: the bundle, the rules and examples — no sources, tests or CI files.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

describe('npm pack', () => {
  it('ships only runtime files and has no runtime dependencies', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    const [info] = JSON.parse(out) as [{ files: { path: string }[] }];
    const paths = info.files.map((f) => f.path);
    expect(paths).toContain('dist/cli.cjs');
    expect(paths).toContain('dist/main.cjs');
    expect(paths).toContain('dist/builtin-rules.json');
    expect(paths).toContain('rules/decision.yaml');
    for (const p of paths) expect(p).toMatch(/^(dist|rules|examples|docs)\/|^(README\.md|package\.json|LICENSE)$/);
    const pkg = JSON.parse(execFileSync('node', ['-p', 'JSON.stringify(require("./package.json"))'], { cwd: ROOT, encoding: 'utf8' })) as { dependencies?: object; bin: Record<string, string>; engines: { node: string } };
    expect(Object.keys(pkg.dependencies ?? {})).toEqual([]);
    expect(pkg.bin['ml-advisor']).toBe('dist/cli.cjs');
    expect(pkg.engines.node).toMatch(/^>=20/);
  });
});
