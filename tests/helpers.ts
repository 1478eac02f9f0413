import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRuleSet } from '../src/core/rules/layering.js';
import type { RuleSet } from '../src/core/rules/rule-set.js';
import { builtInRuleFiles } from '../src/io/rules-files.js';
import { parse } from 'yaml';
import { afterAll } from 'vitest';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = join(ROOT, 'dist', 'cli.cjs');

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI with no terminal; `input` is piped to stdin (stdin is closed otherwise). */
export function runCli(args: string[], opts: { input?: string | Buffer; env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 15000);
    child.on('error', reject);
    // A run that stops reading its input early (a size limit, an error) closes the pipe: what was
    // left unwritten does not matter, and must not surface as an unhandled EPIPE in the test run.
    child.stdin.on('error', () => undefined);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}

/** The rows of JSON Lines output (batch), each parsed. */
export const jsonLines = <T = Record<string, unknown>>(text: string): T[] => text.trim().split('\n').map((l) => JSON.parse(l) as T);

let cached: RuleSet | undefined;
/** The built-in rule set, read from the YAML sources (not the build output). */
export function builtInRuleSet(): RuleSet {
  if (cached) return cached;
  const inputs = builtInRuleFiles().map((f) => ({ origin: `rules/${f.split('/').pop()}`, data: parse(readFileSync(f, 'utf8')) as unknown }));
  const { ruleSet, issues } = buildRuleSet(inputs);
  if (!ruleSet) throw new Error(`built-in rules invalid: ${JSON.stringify(issues)}`);
  cached = ruleSet;
  return ruleSet;
}

/** Makes temporary folders (named with `prefix`) that are removed when the test file is done. */
export function tempDirs(prefix: string): () => string {
  const made: string[] = [];
  afterAll(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
