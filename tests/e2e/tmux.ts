// The built binary in a real terminal of a given size, run by tmux: keys are typed with
// send-keys and what a person would see is read with capture-pane. tmux keeps a real screen
// (wrapping, scrolling, cursor moves), so a test can assert on what is left on it at the end, not
// only on the bytes written. Each run has a server of its own (-L), removed afterwards.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const hasTmux = (): boolean => spawnSync('tmux', ['-V']).status === 0;

export interface Screen {
  /** The visible screen, one string per row (trailing spaces trimmed). */
  rows: string[];
  /** The same, with lines the terminal wrapped joined back (capture-pane -J). */
  joined: string[];
}

export class Terminal {
  private constructor(private readonly socket: string, private readonly dir: string) {}

  /**
   * Starts `argv` in a terminal of `cols` × `rows`. When it exits, one line "[exit N]" stands
   * where a shell's prompt would, and the pane stays, so its last screen can be read as a person
   * would see it.
   */
  static async start(argv: string[], opts: { cols: number; rows: number; cwd: string; env?: Record<string, string> }): Promise<Terminal> {
    const dir = mkdtempSync(join(tmpdir(), 'ml-advisor-tmux-'));
    const conf = join(dir, 'tmux.conf');
    writeFileSync(conf, 'set -g status off\nset -g history-limit 5000\n');
    const socket = `mla-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const env = { TERM: 'xterm-256color', ...opts.env };
    const command = [...Object.entries(env).map(([k, v]) => `${k}=${shellQuote(v)}`), ...argv.map(shellQuote)].join(' ');
    const script = `env -i PATH=${shellQuote(process.env.PATH ?? '')} HOME=${shellQuote(process.env.HOME ?? opts.cwd)} ${command}; printf '[exit %d]' $?; sleep 600`;
    await run('tmux', ['-L', socket, '-f', conf, 'new-session', '-d', '-s', 't', '-x', String(opts.cols), '-y', String(opts.rows), '-c', opts.cwd, script]);
    return new Terminal(socket, dir);
  }

  private tmux(...args: string[]) {
    return run('tmux', ['-L', this.socket, ...args]);
  }

  /** Types text as it is (no key names). */
  async type(text: string): Promise<void> {
    await this.tmux('send-keys', '-t', 't', '-l', text);
  }

  /** Presses keys by tmux name: Enter, Down, Up, C-c. */
  async press(...keys: string[]): Promise<void> {
    for (const k of keys) await this.tmux('send-keys', '-t', 't', k);
  }

  async screen(): Promise<Screen> {
    const plain = (await this.tmux('capture-pane', '-p', '-t', 't')).stdout;
    const joined = (await this.tmux('capture-pane', '-p', '-J', '-t', 't')).stdout;
    const lines = (s: string) => s.replace(/\n+$/, '').split('\n').map((l) => l.trimEnd());
    return { rows: lines(plain), joined: lines(joined) };
  }

  /** Waits until the visible screen matches `pattern`; throws with the screen when it does not in time. */
  async waitFor(pattern: RegExp, timeoutMs = 15000): Promise<Screen> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const s = await this.screen();
      if (pattern.test(s.rows.join('\n'))) return s;
      if (Date.now() > end) throw new Error(`timed out waiting for ${pattern}; the screen:\n${s.rows.join('\n')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Waits for the program to exit; returns its exit status. */
  async exited(timeoutMs = 15000): Promise<number> {
    const s = await this.waitFor(/\[exit (\d+)\]$/, timeoutMs);
    return Number(/\[exit (\d+)\]$/.exec(s.rows.join('\n').trimEnd())![1]);
  }

  async close(): Promise<void> {
    await this.tmux('kill-server').catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
    // kill-server leaves the socket file behind.
    rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, this.socket), { force: true });
  }
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}
