// A page in a real headless Chromium (Debian's `chromium`), driven over the DevTools protocol on
// a pipe (--remote-debugging-pipe: commands on fd 3, replies on fd 4, each a JSON message ended
// by a NUL byte). puppeteer-core would do the same, but its current major needs Node 22 and the
// older ones expect a Chrome build of their own; the handful of commands a screenshot needs is
// not worth either.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Readable, Writable } from 'node:stream';

/** The Chromium binary, or undefined when none is installed. */
export function chromiumPath(): string | undefined {
  for (const name of [process.env.CHROMIUM, 'chromium', 'chromium-browser', 'google-chrome'].filter(Boolean) as string[]) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return undefined;
}

interface Message {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
  sessionId?: string;
}

export interface PageReport {
  /** Console errors, uncaught exceptions and log entries at level error. */
  errors: string[];
  /** Every request the page made for something other than itself (the file) or data: URLs. */
  requests: string[];
  png: Buffer;
  /** What `probe` (an expression evaluated in the page) returned. */
  probe: unknown;
}

export class Browser {
  private next = 1;
  private pending = new Map<number, { resolve: (m: Message) => void; reject: (e: Error) => void }>();
  private listeners: ((m: Message) => void)[] = [];
  private buffer = '';
  private constructor(private child: ChildProcess, private profile: string) {
    const out = child.stdio[4] as Readable;
    out.setEncoding('utf8');
    out.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end;
      while ((end = this.buffer.indexOf('\0')) >= 0) {
        const m = JSON.parse(this.buffer.slice(0, end)) as Message;
        this.buffer = this.buffer.slice(end + 1);
        if (m.id !== undefined && this.pending.has(m.id)) {
          const p = this.pending.get(m.id)!;
          this.pending.delete(m.id);
          if (m.error) p.reject(new Error(m.error.message));
          else p.resolve(m);
        } else for (const l of this.listeners) l(m);
      }
    });
    child.on('exit', () => {
      for (const p of this.pending.values()) p.reject(new Error('chromium exited'));
      this.pending.clear();
    });
  }

  static launch(binary: string): Browser {
    const profile = mkdtempSync(join(tmpdir(), 'ml-advisor-chromium-'));
    const child = spawn(binary, [
      '--headless', '--remote-debugging-pipe', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--no-first-run', '--no-default-browser-check', '--disable-extensions', '--hide-scrollbars',
      `--user-data-dir=${profile}`, 'about:blank',
    ], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
    return new Browser(child, profile);
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.next++;
    const msg: Message = { id, method, params, ...(sessionId ? { sessionId } : {}) };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: (m) => resolve(m.result ?? {}), reject });
      (this.child.stdio[3] as Writable).write(JSON.stringify(msg) + '\0');
    });
  }

  /** Opens `html` (written to a file first) at `width` CSS pixels and takes a full-page screenshot. */
  async shoot(html: string, opts: { width: number; height?: number; media?: 'screen' | 'print'; probe?: string; fullPage?: boolean; from?: number }): Promise<PageReport> {
    const dir = mkdtempSync(join(tmpdir(), 'ml-advisor-page-'));
    const file = join(dir, 'page.html');
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const errors: string[] = [];
    const requests: string[] = [];
    const { targetId } = (await this.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await this.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    let loaded!: () => void;
    const load = new Promise<void>((r) => (loaded = r));
    const listener = (m: Message) => {
      if (m.sessionId !== sessionId) return;
      const p = m.params ?? {};
      if (m.method === 'Runtime.consoleAPICalled' && (p.type === 'error' || p.type === 'assert')) errors.push(`console.${String(p.type)}: ${JSON.stringify(p.args)}`);
      if (m.method === 'Runtime.exceptionThrown') errors.push(`exception: ${JSON.stringify(p.exceptionDetails)}`);
      if (m.method === 'Log.entryAdded') {
        const e = p.entry as { level: string; text: string; url?: string };
        if (e.level === 'error') errors.push(`log: ${e.text}${e.url ? ` (${e.url})` : ''}`);
      }
      if (m.method === 'Network.requestWillBeSent') {
        const u = (p.request as { url: string }).url;
        if (u !== url && !u.startsWith('data:') && u !== 'about:blank') requests.push(u);
      }
      if (m.method === 'Page.loadEventFired') loaded();
    };
    this.listeners.push(listener);
    try {
      for (const d of ['Runtime', 'Log', 'Network', 'Page']) await this.send(`${d}.enable`, {}, sessionId);
      await this.send('Emulation.setDeviceMetricsOverride', { width: opts.width, height: opts.height ?? 900, deviceScaleFactor: 1, mobile: opts.width < 600 }, sessionId);
      if (opts.media) await this.send('Emulation.setEmulatedMedia', { media: opts.media }, sessionId);
      await this.send('Page.navigate', { url }, sessionId);
      await load;
      const probe = opts.probe
        ? ((await this.send('Runtime.evaluate', { expression: opts.probe, returnByValue: true }, sessionId)) as { result: { value: unknown } }).result.value
        : undefined;
      const metrics = (await this.send('Page.getLayoutMetrics', {}, sessionId)) as { cssContentSize: { width: number; height: number } };
      const { width, height } = metrics.cssContentSize;
      const shot = (await this.send('Page.captureScreenshot', {
        format: 'png',
        captureBeyondViewport: true,
        clip: { x: 0, y: opts.from ?? 0, width: Math.max(width, opts.width), height: opts.fullPage === false ? (opts.height ?? 900) : Math.min(height, 16000), scale: 1 },
      }, sessionId)) as { data: string };
      return { errors, requests, png: Buffer.from(shot.data, 'base64'), probe };
    } finally {
      this.listeners = this.listeners.filter((l) => l !== listener);
      await this.send('Target.closeTarget', { targetId }).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  }

  async close(): Promise<void> {
    await this.send('Browser.close').catch(() => undefined);
    await new Promise<void>((r) => (this.child.exitCode !== null ? r() : this.child.once('exit', () => r())));
    rmSync(this.profile, { recursive: true, force: true });
  }
}
