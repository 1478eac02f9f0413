// The human rendering of a result: the spectrum drawn with the recommended spot marked, then
// the reasons, the other spots, warnings, models and next steps.
import type { ChalkInstance } from 'chalk';
import type { Result } from '../core/result/result.js';
import { APPROACH_LABEL } from '../core/decide/spots.js';
import { formatNumber } from '../core/text/format.js';

const WIDTH = 100;

/** Wraps text; continuation lines are indented by `hang` more than the first (for bullets). */
// Colour escapes take no room on the screen.
const ANSI = new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g');
export const visibleWidth = (s: string): number => s.replace(ANSI, '').length;

export function wrap(text: string, indent: string, width = WIDTH, hang = 0): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const w of words) {
    const ww = visibleWidth(w);
    if (line && indent.length + lineWidth + 1 + ww > width) {
      lines.push(line);
      line = w;
      lineWidth = ww;
    } else {
      line = line ? `${line} ${w}` : w;
      lineWidth = lineWidth ? lineWidth + 1 + ww : ww;
    }
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i ? indent + ' '.repeat(hang) : indent) + l).join('\n');
}

/** The spectrum as one line of spots, the chosen one in brackets, with a marker under it. */
export function drawSpectrum(result: Result, c: ChalkInstance): string[] {
  const parts = result.spectrum.map((s) => (s.approach === result.recommendation.approach ? `[${s.approach.toUpperCase()}]` : s.feasible ? s.approach : `${s.approach}✗`));
  const sep = ' → ';
  let line = '  ';
  let markerCol = 0;
  parts.forEach((p, i) => {
    if (i) line += sep;
    if (result.spectrum[i]!.approach === result.recommendation.approach) markerCol = line.length + Math.floor(p.length / 2);
    line += p;
  });
  const colored = parts
    .map((p, i) => {
      const s = result.spectrum[i]!;
      if (s.approach === result.recommendation.approach) return c.bold.green(p);
      return s.feasible ? p : c.dim(p);
    })
    .join(c.dim(sep));
  const marker = ' '.repeat(markerCol) + '▲';
  return ['  ' + colored, c.green(marker), c.dim('  cheaper, faster ' + '─'.repeat(Math.max(0, line.length - 38)) + ' costlier, slower')];
}

/** 1234 → "1.2k", 2500000 → "2.5M": short enough for a table column. */
export function compact(n: number): string {
  const units: [number, string][] = [[1e9, 'B'], [1e6, 'M'], [1e3, 'k']];
  for (const [v, u] of units) if (n >= v) return `${formatNumber(n / v, n / v < 10 ? 1 : 0)}${u}`;
  return formatNumber(n, n < 10 ? 2 : 0);
}

const BLOCKS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `value` out of `max` in `width` cells, in eighths of a cell; `░` runs on to `high`. */
export function bar(value: number, high: number, max: number, width: number): string {
  if (max <= 0) return '';
  const eighths = Math.max(value > 0 ? 1 : 0, Math.round((value / max) * width * 8));
  const full = Math.floor(eighths / 8);
  const solid = '█'.repeat(full) + BLOCKS[eighths % 8]!;
  const cells = full + (eighths % 8 ? 1 : 0);
  const shade = Math.max(0, Math.round((Math.min(high, max) / max) * width) - cells);
  return solid + '░'.repeat(shade);
}

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - [...s].length)) + s;

/** All five spots side by side: cost, weeks and GPU-hours (and running and total when given), with a bar of the likely cost. */
export function drawEstimates(result: Result, c: ChalkInstance): string[] {
  const spots = result.spectrum.filter((s) => s.cost && s.time && s.compute);
  if (!spots.length) return [];
  const max = Math.max(...spots.map((s) => s.cost!.high));
  const running = spots.some((s) => s.running);
  // Two more columns with running costs: a shorter bar keeps the table near the page width.
  const BAR = running ? 10 : 24;
  const months = spots.find((s) => s.total)?.total?.months;
  const rows = spots.map((s) => [
    s.approach,
    `${compact(s.cost!.likely)}`,
    `${compact(s.cost!.low)}–${compact(s.cost!.high)}`,
    `${formatNumber(s.time!.likely, 1)}`,
    `${formatNumber(s.time!.low, 1)}–${formatNumber(s.time!.high, 1)}`,
    s.compute!.gpu === 'cpu' ? 'CPU only' : s.compute!.flops === 0 ? '—' : `${compact(s.compute!.gpuHours.likely)} ${s.compute!.gpu}`,
    ...(running ? [s.running ? compact(s.running.likely) : '—', s.total ? compact(s.total.likely) : '—'] : []),
  ]);
  const head = ['', 'USD likely', 'range', 'weeks', 'range', 'GPU-hours', ...(running ? ['USD/month', `${formatNumber(months ?? 12)} mo total`] : [])];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]!].length)));
  const line = (cells: string[]) => cells.map((x, i) => (i === 0 ? pad(x, widths[i]!) : padStart(x, widths[i]!))).join('  ');
  const out = [c.dim(`    ${line(head)}  cost (█ likely, ░ to high)`)];
  spots.forEach((s, i) => {
    const rec = s.approach === result.recommendation.approach;
    const mark = rec ? c.green('▶ ') : s.feasible ? '  ' : c.red('✗ ');
    const text = line(rows[i]!);
    const b = bar(s.cost!.likely, s.cost!.high, max, BAR);
    out.push(`  ${mark}${rec ? c.bold(text) : s.feasible ? text : c.dim(text)}  ${rec ? c.green(b) : c.dim(b)}`);
  });
  out.push(c.dim('    ▶ recommended   ✗ does not fit or is ruled out'));
  const served = result.spectrum.find((s) => s.approach === result.recommendation.approach)?.running;
  if (served) out.push(c.dim(wrap(`Running ${result.recommendation.approach}: ${served.how}; upkeep included.`, '    ')));
  return out;
}

/** What the figures rest on and what they leave out, in two lines under the table. */
const REST_ON = 'The figures rest on compute physics and dated GPU prices, label prices by kind and by the profession whose time they take, published serving throughput and API prices, and an effort model that is judgement (fit it to your own projects with ml-advisor calibrate). Not covered: data acquisition and licensing, legal and compliance review beyond a bias audit, and the cost of a project that fails.';

const KEY_ASSUMPTIONS = [/^Starting model/, /price/, /^MFU/, /^Engineer-week/, /^Team/, /^Base effort/, /^Labels:/, /^Effort scale/];

export function renderText(result: Result, c: ChalkInstance): string {
  const out: string[] = [];
  const rec = result.recommendation;
  const heading = (t: string) => {
    out.push('');
    out.push(c.bold(t));
  };
  out.push(c.bold(`Recommendation: ${APPROACH_LABEL[rec.approach]}`) + `  (position ${rec.position} of 4, confidence ${rec.confidence})`);
  out.push('');
  out.push(...drawSpectrum(result, c));
  out.push('');
  out.push(wrap(rec.summary, '  '));

  const table = drawEstimates(result, c);
  if (table.length) {
    heading('Cost and time of each spot');
    out.push(...table);
    const key = KEY_ASSUMPTIONS.flatMap((re) => result.assumptions.filter((a) => re.test(a.what))).slice(0, 8);
    if (key.length) {
      out.push('');
      out.push(c.dim('  Main assumptions (all of them under Assumptions below):'));
      for (const a of key) out.push(c.dim(wrap(`- ${a.what}: ${a.value} (${a.asOf})`, '    ', WIDTH, 2)));
    }
    out.push('');
    out.push(c.dim(wrap(REST_ON, '  ')));
  }

  heading('The three questions');
  result.framework.forEach((f, i) => {
    out.push(`  ${i + 1}. ${c.bold(f.question)}`);
    out.push(wrap(f.verdict, '     '));
  });

  heading('Why');
  for (const r of result.rationale) {
    out.push(wrap(`• ${r.because}`, '  ', WIDTH, 2));
    out.push(c.dim(`    rule ${r.rule}${r.facts.length ? ` — ${r.facts.join('; ')}` : ''}`));
  }

  heading('The other spots');
  for (const s of result.spectrum) {
    if (s.approach === rec.approach) continue;
    out.push(`  ${s.feasible ? '-' : c.red('✗')} ${c.bold(s.approach)}: ${s.method}`);
    out.push(wrap(s.why, '      '));
  }

  if (result.warnings.length) {
    heading(`Warnings (${result.warnings.length})`);
    for (const w of result.warnings) out.push(wrap(`${c.yellow('!')} ${c.yellow(`[${w.id}]`)} ${w.message}`, '  ', WIDTH, 2));
  }

  if (result.suggestedModels.length) {
    heading('Where to start');
    for (const m of result.suggestedModels) {
      out.push(`  - ${c.bold(m.name)} (${m.source}; ${m.licence}${m.selfHostable ? '' : '; hosted only'})`);
      out.push(wrap(m.why, '      '));
    }
  }

  if (result.nextSteps.length) {
    heading('Next steps');
    result.nextSteps.forEach((s, i) => out.push(wrap(`${i + 1}. ${s}`, '  ', WIDTH, 3)));
  }

  if (result.whatWouldChange.length) {
    heading('What would change the recommendation');
    for (const w of result.whatWouldChange) out.push(wrap(`- ${w.text}`, '  ', WIDTH, 2));
  }

  if (result.assumptions.length) {
    heading('Assumptions');
    for (const a of result.assumptions) out.push(wrap(`- ${a.what}: ${a.value} (${a.source}, ${a.asOf})`, '  ', WIDTH, 2));
  }
  return out.join('\n') + '\n';
}
