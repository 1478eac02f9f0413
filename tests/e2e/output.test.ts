// A write that fails is a failure (exit 5, one line: which file, why, what to do); `--output`
// writes only where it was asked to, and is refused before any work when it cannot be written
// (exit 2); `| head` stays quiet and 0. Through the built binary, with real descriptors.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, linkSync, lstatSync, mkdirSync, openSync, closeSync, readFileSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, tempDirs } from '../helpers.js';

const temp = tempDirs('ml-advisor-output-');
const DECIDE = ['decide', '--no-input', '--set', 'task=text-classification', '--set', 'existingModel=close'];
const ROW = JSON.stringify({ task: 'text-classification', existingModel: 'close' });

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI with standard output on `out`: a descriptor (a file, /dev/full), a pipe whose
 * reader is gone before anything is written ('closed'), or a reader that takes the first chunk
 * and then stops reading ('head').
 */
function run(args: string[], out: number | 'closed' | 'head' | 'pipe', input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      stdio: ['pipe', typeof out === 'number' ? out : 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    if (out === 'closed') child.stdout!.destroy();
    else if (out === 'head') {
      child.stdout!.once('data', (d: Buffer) => {
        stdout += d.toString('utf8');
        child.stdout!.destroy();
      });
    } else if (out === 'pipe') child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(input ?? '');
  });
}

function onDevFull(args: string[], input?: string): Promise<Run> {
  const fd = openSync('/dev/full', 'w');
  return run(args, fd, input).finally(() => closeSync(fd));
}

const oneLine = (r: Run) => r.stderr.trimEnd().split('\n');

describe('standard output that cannot be written', () => {
  it('decide --json > /dev/full: exit 5 and one line saying why and what to do', async () => {
    const r = await onDevFull([...DECIDE, '--json']);
    expect(r.code).toBe(5);
    expect(oneLine(r)).toEqual(['error: cannot write standard output: no space left on the device (ENOSPC); free some space, or write the output somewhere else']);
  });

  it('decide (text), schema and rules show fail the same way', async () => {
    for (const args of [DECIDE, ['schema', 'answers'], ['rules', 'show', '--json']]) {
      const r = await onDevFull(args);
      expect(r.code, args.join(' ')).toBe(5);
      expect(r.stderr, args.join(' ')).toMatch(/^error: cannot write standard output: no space left on the device \(ENOSPC\)/);
      expect(r.stderr).not.toMatch(/ at |internal error/);
    }
  });

  it('batch > /dev/full: exit 5, no stack trace', async () => {
    const r = await onDevFull(['batch', '-'], `${ROW}\n${ROW}\n`);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('error: cannot write standard output: no space left on the device (ENOSPC)');
    expect(r.stderr).not.toMatch(/ at |internal error|Node\.js/);
  });

  it('a pipe closed before anything was read is a failure (exit 5), naming the pipe', async () => {
    const r = await run([...DECIDE, '--json'], 'closed');
    expect(r.code).toBe(5);
    expect(oneLine(r)).toEqual(['error: cannot write standard output: the program reading it closed the pipe before reading anything (EPIPE); check the command after the |']);
  });

  it('| head: a reader that took some output and stopped is not an error (exit 0, quiet)', async () => {
    const rows = Array.from({ length: 3000 }, () => ROW).join('\n') + '\n';
    const r = await run(['batch', '-', '--quiet'], 'head', rows);
    expect(r.stdout.startsWith('{"row":1,')).toBe(true);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('a regular file gets every byte (the stdout writer retries short writes)', async () => {
    const dir = temp();
    const fd = openSync(join(dir, 'out.json'), 'w');
    const r = await run([...DECIDE, '--json'], fd).finally(() => closeSync(fd));
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).recommendation.approach).toBeTruthy();
  });
});

describe('batch --output: only where it was asked, refused before any work', () => {
  const setup = () => {
    const dir = temp();
    const input = join(dir, 'rows.jsonl');
    writeFileSync(input, `${ROW}\n`);
    return { dir, input };
  };
  const noWork = (r: Run, dir: string) => {
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('batch: 1 row');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  };

  it('a folder', async () => {
    const { dir, input } = setup();
    mkdirSync(join(dir, 'out'));
    const r = await run(['batch', input, '--output', join(dir, 'out')], 'pipe');
    noWork(r, dir);
    expect(r.stderr).toContain('is a folder, not a file');
    expect(readdirSync(join(dir, 'out'))).toEqual([]);
  });

  it('a symbolic link: refused, the link and its target untouched', async () => {
    const { dir, input } = setup();
    writeFileSync(join(dir, 'target.jsonl'), 'keep\n');
    symlinkSync('target.jsonl', join(dir, 'link.jsonl'));
    const r = await run(['batch', input, '--output', join(dir, 'link.jsonl')], 'pipe');
    noWork(r, dir);
    expect(r.stderr).toContain('is a symbolic link (to target.jsonl)');
    expect(r.stderr).toContain(`pass the file it points to (--output ${join(dir, 'target.jsonl')})`);
    expect(lstatSync(join(dir, 'link.jsonl')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.jsonl'))).toBe('target.jsonl');
    expect(readFileSync(join(dir, 'target.jsonl'), 'utf8')).toBe('keep\n');
  });

  it('/dev/stdout (a link) and /dev/null (a device): refused, with the redirect to use instead', async () => {
    const { dir, input } = setup();
    const link = await run(['batch', input, '--output', '/dev/stdout'], 'pipe');
    noWork(link, dir);
    expect(link.stdout).toBe('');
    expect(existsSync('/dev/stdout') && lstatSync('/dev/stdout').isSymbolicLink()).toBe(true);
    const dev = await run(['batch', input, '--output', '/dev/null'], 'pipe');
    noWork(dev, dir);
    expect(dev.stderr).toContain('--output /dev/null is a device');
    expect(dev.stderr).toContain('> /dev/null');
  });

  it('a named pipe', async () => {
    const { dir, input } = setup();
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    const r = await run(['batch', input, '--output', join(dir, 'fifo')], 'pipe');
    noWork(r, dir);
    expect(r.stderr).toContain('is a named pipe');
  });

  it('the input file itself, or a hard link to it: refused, the input untouched', async () => {
    const { dir, input } = setup();
    const r = await run(['batch', input, '--output', input], 'pipe');
    noWork(r, dir);
    expect(r.stderr).toContain('is the input file');
    expect(readFileSync(input, 'utf8')).toBe(`${ROW}\n`);
    linkSync(input, join(dir, 'same.jsonl'));
    const hard = await run(['batch', input, '--output', join(dir, 'same.jsonl')], 'pipe');
    noWork(hard, dir);
    expect(hard.stderr).toContain('the same file as the input');
  });

  it('a rules layer of the run is an input too', async () => {
    const { dir, input } = setup();
    const layer = join(dir, 'company.yaml');
    writeFileSync(layer, 'version: 1\n');
    const r = await run(['batch', input, '--rules', layer, '--output', layer], 'pipe');
    noWork(r, dir);
    expect(readFileSync(layer, 'utf8')).toBe('version: 1\n');
  });

  it('a regular file that exists is replaced atomically, as before', async () => {
    const { dir, input } = setup();
    writeFileSync(join(dir, 'out.jsonl'), 'old\n');
    const r = await run(['batch', input, '--output', join(dir, 'out.jsonl')], 'pipe');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'out.jsonl'), 'utf8')).toMatch(/^\{"row":1,/);
  });
});

describe('batch: one bad row does not take the batch down', () => {
  it('the gpu: toString row gets its error line and the valid row after it is decided', async () => {
    const input = '{"task":"text-classification","existingModel":"close","gpu":"toString","mfu":0.3}\n{"task":"text-classification","existingModel":"close"}\n';
    const r = await run(['batch', '-'], 'pipe', input);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.row)).toEqual([1, 2]);
    expect(lines[0].error.message).toBeTruthy();
    expect(lines[1].recommendation.approach).toBe('feature-extraction');
    // 3 once the key is refused as an unknown GPU, 4 while it still meets a bug: never a lost row.
    expect([3, 4]).toContain(r.code);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
