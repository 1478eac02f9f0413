// Ctrl-C in the middle of a batch: every row already written is a complete line, the rows are
// 1..N in order, documents are closed, and the exit code is 130.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../helpers.js';

const TASKS = ['text-classification', 'sentiment-analysis', 'image-classification', 'tabular-classification', 'speech-recognition'];
const MODELS = ['exact', 'close', 'none', 'unknown'];

/** Enough rows that the batch is still running when the signal arrives (it stops long before the end). */
function rows(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += JSON.stringify({ task: TASKS[i % 5], existingModel: MODELS[(i >> 2) % 4], labeledExamples: (i * 7919) % 100000 }) + '\n';
  return s;
}

interface Interrupted {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts a batch, waits until `ready(stdout, stderr)`, sends SIGINT, and collects the rest. */
function interrupt(args: string[], ready: (stdout: string, stderr: string) => boolean, signals: NodeJS.Signals[] = ['SIGINT']): Promise<Interrupted> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const check = () => {
      if (!sent && ready(stdout, stderr)) {
        sent = true;
        // Several signals back to back: the later ones arrive while the first is being handled.
        for (const sig of signals) child.kill(sig);
      }
    };
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      check();
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      check();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30000);
    // --output: nothing shows on stdout, so look at the file system now and then.
    const poll = setInterval(check, 50);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      clearInterval(poll);
      resolve({ code, stdout, stderr });
    });
  });
}

let dir: string;
let input: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ml-advisor-sigint-'));
  input = join(dir, 'many.jsonl');
  writeFileSync(input, rows(50000));
});

function expectWholeRows(lines: string[]): void {
  lines.forEach((l, i) => {
    const row = JSON.parse(l) as { row: number; recommendation?: unknown };
    expect(row.row).toBe(i + 1);
    expect(row.recommendation).toBeDefined();
  });
}

describe('batch: Ctrl-C', () => {
  it('stdout: the rows so far are complete lines 1..N, exit 130', async () => {
    const r = await interrupt(['batch', input, '--format', 'jsonl'], (out) => out.split('\n').length > 50);
    expect(r.code).toBe(130);
    expect(r.stdout.endsWith('\n')).toBe(true);
    const lines = r.stdout.slice(0, -1).split('\n');
    expect(lines.length).toBeGreaterThan(50);
    expect(lines.length).toBeLessThan(50000);
    expectWholeRows(lines);
    expect(r.stderr).toMatch(/Interrupted after [\d,]+ rows/);
    // Hundreds of rows went by, but standard error is not a terminal: no progress line.
    expect(r.stderr).not.toContain('\x1b[K');
  });

  it('stops at once while waiting on a slow producer (stdin open, no more rows coming)', async () => {
    const child = spawn(process.execPath, [CLI, 'batch', '-', '--format', 'jsonl'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdin.write(JSON.stringify({ task: 'translation', existingModel: 'exact' }) + '\n');
    // The row comes out as soon as it is decided; the batch then waits for more input.
    await new Promise<void>((resolve) => child.stdout.on('data', (d: string) => {
      stdout += d;
      if (stdout.includes('\n')) resolve();
    }));
    const sent = Date.now();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(Date.now() - sent).toBeLessThan(5000);
    expect(JSON.parse(stdout.trim())).toMatchObject({ row: 1 });
    expect(stderr).toContain('Interrupted after 1 row');
    child.stdin.destroy();
  });

  it('a JSON array is closed, so what was written still parses', async () => {
    const r = await interrupt(['batch', input, '--format', 'json'], (out) => out.length > 100000);
    expect(r.code).toBe(130);
    const parsed = JSON.parse(r.stdout) as { row: number }[];
    expect(parsed.length).toBeGreaterThan(0);
    expect(parsed.map((x) => x.row)).toEqual(parsed.map((_, i) => i + 1));
  });

  it('--output: FILE keeps its old content, the rows so far are in FILE.partial', async () => {
    const out = join(dir, 'decisions.jsonl');
    writeFileSync(out, 'old\n');
    // Rows reach the temporary file beside FILE in 64 kB chunks: wait for the first one.
    const written = () => readdirSync(dir).some((n) => n.startsWith('.decisions.jsonl.') && statSync(join(dir, n)).size > 0);
    const r = await interrupt(['batch', input, '--output', out], written);
    expect(r.code).toBe(130);
    expect(readFileSync(out, 'utf8')).toBe('old\n');
    const partial = readFileSync(`${out}.partial`, 'utf8');
    expect(partial.endsWith('\n')).toBe(true);
    expectWholeRows(partial.slice(0, -1).split('\n'));
    expect(r.stderr).toContain(`${out}.partial`);
    expect(existsSync(out)).toBe(true);
  });
});

describe('batch --output: every way of stopping keeps the rows and leaves no debris', () => {
  it.each([
    ['SIGTERM', ['SIGTERM'], 143],
    ['SIGHUP', ['SIGHUP'], 129],
    ['Ctrl-C twice', ['SIGINT', 'SIGINT'], 130],
    ['SIGTERM twice', ['SIGTERM', 'SIGTERM'], 143],
  ] as [string, NodeJS.Signals[], number][])('%s: FILE untouched, rows so far in FILE.partial, no temporary file, the exit code says which', async (name, signals, code) => {
    const sub = mkdtempSync(join(dir, 'stop-'));
    const out = join(sub, 'decisions.jsonl');
    writeFileSync(out, 'old\n');
    const written = () => readdirSync(sub).some((n) => n.startsWith('.decisions.jsonl.') && statSync(join(sub, n)).size > 0);
    const r = await interrupt(['batch', input, '--output', out], written, signals);
    expect(r.code).toBe(code);
    expect(readFileSync(out, 'utf8')).toBe('old\n');
    const partial = readFileSync(`${out}.partial`, 'utf8');
    expect(partial.endsWith('\n')).toBe(true);
    expectWholeRows(partial.slice(0, -1).split('\n'));
    expect(readdirSync(sub).sort()).toEqual(['decisions.jsonl', 'decisions.jsonl.partial']);
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  });
});
