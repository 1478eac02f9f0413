// An internal error (a bug) prints one line: that it is a bug, where to report it — the same
// place package.json's `bugs` names — and what to include; exit 4. Made real by a broken build
// output in a copy of the package.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BUG_REPORT_URL } from '../../src/errors.js';
import { ROOT, tempDirs } from '../helpers.js';

const tempDir = tempDirs('ml-advisor-bug-');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; bugs: { url: string } };

describe('internal errors', () => {
  it('the message and package.json agree on where bugs go', () => {
    expect(pkg.bugs.url).toBe(BUG_REPORT_URL);
  });

  it('one line with where to report and what to include; --debug adds the stack', () => {
    const copy = tempDir();
    for (const d of ['dist', 'rules', 'examples']) cpSync(join(ROOT, d), join(copy, d), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(copy, 'package.json'));
    writeFileSync(join(copy, 'dist', 'builtin-rules.json'), '{ not json');
    const run = (...extra: string[]) => spawnSync(process.execPath, [join(copy, 'dist', 'cli.cjs'), 'decide', '--answers', join(copy, 'examples', 'chat-assistant.json'), '--json', ...extra], { encoding: 'utf8' });
    const r = run();
    expect(r.status).toBe(4);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^internal error: .+ — this is a bug in ml-advisor ${pkg.version.replace(/\./g, '\\.')}; please report it at ${BUG_REPORT_URL.replace(/\./g, '\\.')} with the version \\(ml-advisor --version\\), the command you ran and what it prints with --debug$`));
    const d = run('--debug');
    expect(d.status).toBe(4);
    expect(d.stderr).toContain('the command you ran and the stack trace below');
    expect(d.stderr).toMatch(/\n\s+at /);
  });
});
