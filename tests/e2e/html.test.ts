// The HTML pages in a real headless Chromium: at 1280 and 390 CSS pixels wide, and as printed.
// Each load must log no error, request nothing (the page is self-contained), draw its charts, and
// not overflow the window sideways. The screenshots are kept in $ML_ADVISOR_SCREENSHOTS when set
// (look at them), else in a temporary folder. CI installs Chromium (.ci/run); elsewhere, without
// it, these tests are skipped with a note.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, chromiumPath } from './chromium.js';
import { ROOT, runCli } from '../helpers.js';

const binary = chromiumPath();
if (!binary && process.env.CI) throw new Error('Chromium is not installed: .ci/run installs Debian\'s chromium package');
const shots = process.env.ML_ADVISOR_SCREENSHOTS ?? join(tmpdir(), `ml-advisor-screenshots-${process.pid}`);

const PROBE = `(() => {
  const charts = [...document.querySelectorAll('svg.chart')].map((s) => {
    const r = s.getBoundingClientRect();
    return { id: s.id, width: r.width, height: r.height, marks: s.querySelectorAll('rect, circle').length };
  });
  return { charts, scrollWidth: document.documentElement.scrollWidth, h1: document.querySelector('h1')?.textContent, title: document.title };
})()`;

interface Probe {
  charts: { id: string; width: number; height: number; marks: number }[];
  scrollWidth: number;
  h1: string;
  title: string;
}

describe.skipIf(!binary)('HTML pages in headless Chromium', { timeout: 60000 }, () => {
  let browser: Browser;
  beforeAll(() => {
    browser = Browser.launch(binary!);
    mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function page(args: string[], name: string) {
    const run = await runCli(args);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^<!DOCTYPE html>/);
    const out: Record<string, Probe> = {};
    for (const [width, media] of [[1280, 'screen'], [390, 'screen'], [800, 'print']] as const) {
      const r = await browser.shoot(run.stdout, { width, media, probe: PROBE });
      writeFileSync(join(shots, `${name}-${width}-${media}.png`), r.png);
      expect(r.errors, `console errors at ${width} px (${media})`).toEqual([]);
      expect(r.requests, 'the page must load nothing').toEqual([]);
      const p = r.probe as Probe;
      expect(p.scrollWidth, `no sideways scrolling at ${width} px`).toBeLessThanOrEqual(width);
      expect(r.png.length).toBeGreaterThan(10000);
      out[`${width}-${media}`] = p;
    }
    return out;
  }

  it('decide --format html: the decision and a chart of every spot\'s cost and time, at 1280 and 390 px', async () => {
    const p = await page(['decide', '--answers', join(ROOT, 'examples', 'support-tickets.yaml'), '--format', 'html'], 'decide-support-tickets');
    for (const v of Object.values(p)) {
      expect(v.h1).toMatch(/^Fine-tune/);
      expect(v.charts.map((c) => c.id)).toEqual(['chart-cost', 'chart-time']);
      for (const c of v.charts) {
        expect(c.marks).toBe(10); // a bar and a dot for each of the five spots
        expect(c.height).toBeGreaterThan(100);
      }
    }
    // Side by side on a wide screen, one under the other on a phone, and never squeezed unreadable.
    expect(p['1280-screen']!.charts[0]!.width).toBeGreaterThan(450);
    expect(p['390-screen']!.charts[0]!.width).toBeGreaterThan(320);
  });

  it('batch --format html: a portfolio page with spots and costs across rows', async () => {
    const p = await page(['batch', join(ROOT, 'examples', 'portfolio.csv'), '--format', 'html'], 'batch-portfolio');
    for (const v of Object.values(p)) {
      expect(v.h1).toBe('8 ideas');
      expect(v.charts.map((c) => c.id)).toEqual(['chart-spots', 'chart-cost']);
      expect(v.charts[1]!.marks).toBe(16);
    }
  });
});
