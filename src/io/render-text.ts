// The human rendering of a result. It opens with one screen that decides — the recommendation,
// a log-scale chart of every spot's cost and time, the warnings one line each and the first next
// steps — fitted to the terminal's width and height; `--verbose` adds the three questions, the
// reasons, the other spots, where to start, what would change and the assumptions.
// Width and wrapping come from string-width and wrap-ansi (colour escapes and wide characters
// take the room they take on screen), bundled into a file of their own that only text output loads.
import { escapeTerminal } from '../core/text/escape.js';
import type { ChalkInstance } from 'chalk';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import type { Range, Result, Spot } from '../core/result/result.js';
import { APPROACH_LABEL } from '../core/decide/spots.js';
import { formatNumber } from '../core/text/format.js';
import { compact, logScale, type LogScale } from './log-scale.js';

export { compact };

/** The width when nothing says otherwise (standard output is not a terminal). */
export const DEFAULT_WIDTH = 80;
/** The opening screen's most lines, on a terminal tall enough or without one. */
export const SCREEN_LINES = 30;

export interface TextOptions {
  /** Columns to fit (the terminal's width, else DEFAULT_WIDTH). */
  width?: number;
  /** Lines the opening screen may take (the terminal's height less the prompt line, at most SCREEN_LINES). */
  height?: number;
  /** Everything: the opening screen uncut, then every other section. */
  verbose?: boolean;
}

export const visibleWidth = (s: string): number => stringWidth(s);

/** The columns to fit: the terminal's width, else COLUMNS when it is set, else DEFAULT_WIDTH. */
export function terminalWidth(out: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv): number {
  if (out.isTTY && out.columns && out.columns > 0) return out.columns;
  const fromEnv = Number(env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_WIDTH;
}

/** The lines the opening screen may take: the terminal's height less a line for the prompt after it. */
export function terminalHeight(out: { isTTY?: boolean; rows?: number }): number | undefined {
  return out.isTTY && out.rows && out.rows > 1 ? out.rows - 1 : undefined;
}

/** Wraps text at word boundaries; continuation lines are indented by `hang` more than the first (for bullets). */
export function wrap(text: string, indent: string, width = DEFAULT_WIDTH, hang = 0): string {
  const room = Math.max(10, width - stringWidth(indent) - hang);
  const lines = wrapAnsi(text, room, { hard: true, trim: true }).split('\n');
  return lines.map((l, i) => (i ? indent + ' '.repeat(hang) : indent) + l).join('\n');
}

/** The text on one line of `width` columns, cut at a word with "…" when it does not fit. */
export function oneLine(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  const first = wrapAnsi(text, Math.max(1, width - 1), { hard: true, trim: true }).split('\n')[0]!;
  return first.replace(/[\s,;:.]+$/, '') + '…';
}

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - stringWidth(s)));
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - stringWidth(s))) + s;

/** The layers a result was decided with, in one line: "built-in + .ml-advisor.yaml + company.yaml (--rules)". */
export function layersLine(result: Result): string {
  const layers = result.rulesLayers;
  if (!layers?.length) return 'built-in';
  return layers.map((l) => (l.from === 'built-in' ? 'built-in' : `${escapeTerminal(l.path ?? '?')} (${l.from})`)).join(' + ');
}

const hasEstimates = (s: Spot): s is Spot & { cost: NonNullable<Spot['cost']>; time: NonNullable<Spot['time']> } => s.cost !== undefined && s.time !== undefined;

/** One range on a character axis: ├──●──┤ from low to high with the likely value as ●, ticks as dim dots. */
function rangeCells(scale: LogScale, r: Range, width: number): { cells: string[]; from: number; to: number } {
  const col = (v: number) => Math.round(scale.at(v) * (width - 1));
  const cells = Array.from({ length: width }, () => ' ');
  for (const t of scale.ticks) cells[col(t)] = '·';
  const from = col(r.low);
  const to = col(r.high);
  for (let i = from; i <= to; i++) cells[i] = '─';
  if (to > from) {
    cells[from] = '├';
    cells[to] = '┤';
  }
  cells[col(r.likely)] = '●';
  return { cells, from, to };
}

function drawRange(scale: LogScale, r: Range, width: number, paint: (s: string) => string, c: ChalkInstance): string {
  const { cells, from, to } = rangeCells(scale, r, width);
  return c.dim(cells.slice(0, from).join('')) + paint(cells.slice(from, to + 1).join('')) + c.dim(cells.slice(to + 1).join(''));
}

/** Tick labels placed under their columns, each skipped when it would run into the one before. */
function axisLabels(scale: LogScale, width: number, label: (v: number) => string): string {
  let out = '';
  for (const t of scale.ticks) {
    const col = Math.round(scale.at(t) * (width - 1));
    const text = label(t);
    const start = Math.min(col, width - text.length);
    if (start < out.length + (out ? 1 : 0)) continue;
    out = out.padEnd(start) + text;
  }
  return out.padEnd(width);
}

const weeksText = (w: number) => formatNumber(w, w < 10 ? 1 : 0);

/**
 * Every spot's cost and time as ranges on log axes, with the likely figures: the chart that shows
 * at a glance what each step right on the spectrum costs. Lines fit `width`.
 */
export function drawChart(result: Result, c: ChalkInstance, width: number): string[] {
  const spots = result.spectrum.filter(hasEstimates);
  if (!spots.length) return [];
  const NAME = Math.max(...result.spectrum.map((s) => s.approach.length));
  const lead = 4 + NAME + 1;
  const COST_TEXT = Math.max(4, ...spots.map((s) => compact(s.cost.likely).length));
  const WEEK_TEXT = Math.max(4, ...spots.map((s) => weeksText(s.time.likely).length));
  // What is left after the names and the likely figures is shared 3:2 between the two axes.
  const room = Math.max(16, width - lead - (1 + COST_TEXT) - 2 - (1 + WEEK_TEXT));
  const costW = Math.min(44, Math.max(10, Math.round((room * 3) / 5)));
  const timeW = Math.min(30, Math.max(6, room - costW));
  const cost = logScale(spots.flatMap((s) => [s.cost.low, s.cost.likely, s.cost.high]));
  const time = logScale(spots.flatMap((s) => [s.time.low, s.time.likely, s.time.high]));

  const fitting = (room: number, ...texts: string[]) => texts.find((t) => t.length <= room) ?? texts[texts.length - 1]!;
  const out = [
    c.dim(oneLine(' '.repeat(lead) + pad(fitting(costW + COST_TEXT, 'cost, USD (log scale)', 'cost, USD (log)', 'USD'), costW + 1 + COST_TEXT) + '  ' + fitting(timeW + WEEK_TEXT, 'weeks (log scale)', 'weeks (log)', 'weeks'), width)),
    c.dim(' '.repeat(lead) + axisLabels(cost, costW, compact) + ' '.repeat(1 + COST_TEXT) + '  ' + axisLabels(time, timeW, (v) => formatNumber(v))),
  ];
  for (const s of result.spectrum) {
    const rec = s.approach === result.recommendation.approach;
    const mark = rec ? c.green('▶ ') : s.feasible ? '  ' : c.red('✗ ');
    const name = pad(s.approach, NAME);
    if (!hasEstimates(s)) {
      out.push(`  ${mark}${c.dim(name)} ${c.dim('not estimated')}`);
      continue;
    }
    const paint = (x: string) => (rec ? c.green.bold(x) : s.feasible ? x : c.dim(x));
    out.push(
      `  ${mark}${rec ? c.bold(name) : s.feasible ? name : c.dim(name)} ` +
        drawRange(cost, s.cost, costW, paint, c) + ' ' + paint(padStart(compact(s.cost.likely), COST_TEXT)) + '  ' +
        drawRange(time, s.time, timeW, paint, c) + ' ' + paint(padStart(weeksText(s.time.likely), WEEK_TEXT)),
    );
  }
  const legend = ['● likely  ├─┤ 8 in 10 (P10–P90)  ▶ recommended  ✗ does not fit or ruled out', '● likely  ├─┤ 8 in 10  ▶ recommended  ✗ ruled out'];
  out.push(c.dim(oneLine('    ' + (legend.find((l) => 4 + stringWidth(l) <= width) ?? legend[1]!), width)));
  return out;
}

/** The full estimates under --verbose: ranges, GPU-hours and what the likely cost is made of. */
function estimateTable(result: Result, c: ChalkInstance, width: number): string[] {
  const spots = result.spectrum.filter(hasEstimates);
  if (!spots.length) return [];
  const range = (r: Range, f: (n: number) => string) => (r.low === r.high ? f(r.likely) : `${f(r.likely)} (${f(r.low)}–${f(r.high)})`);
  const running = (s: Spot) => (s as { running?: Range }).running;
  const withRunning = spots.some((s) => running(s));
  const head = ['', 'cost, USD', 'weeks', 'GPU-hours', 'compute / labels / people', ...(withRunning ? ['running, USD/month'] : [])];
  const rows = spots.map((s) => {
    const b = s.cost.breakdown as Record<string, number>;
    const gpu = !s.compute ? '—' : s.compute.gpu === 'cpu' ? 'CPU only' : s.compute.flops === 0 ? '—' : `${compact(s.compute.gpuHours.likely)} ${s.compute.gpu}`;
    const run = running(s);
    return [s.approach, range(s.cost, compact), range(s.time, weeksText), gpu, `${compact(b.compute ?? 0)} / ${compact(b.labeling ?? 0)} / ${compact(b.engineering ?? 0)}`, ...(withRunning ? [run ? range(run, compact) : '—'] : [])];
  });
  const widths = head.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i]!))));
  const line = (cells: string[]) => '  ' + cells.map((x, i) => pad(x, widths[i]!)).join('  ').trimEnd();
  return [c.dim(oneLine(line(head), width)), ...rows.map((r) => oneLine(line(r), width))];
}

/** The opening screen: what decides, fitted into `height` lines when it can be. */
function openingScreen(result: Result, c: ChalkInstance, width: number, height: number, verbose: boolean): string[] {
  const rec = result.recommendation;
  const head = wrap(c.bold(`Recommendation: ${APPROACH_LABEL[rec.approach]}`) + `  (position ${rec.position} of 4, confidence ${rec.confidence})`, '', width, 2).split('\n');
  const summary = wrap(rec.summary, '  ', width).split('\n');
  const chart = drawChart(result, c, width);

  const warnLine = (w: Result['warnings'][number]) => `${c.yellow('!')} ${c.yellow(w.id)}: ${w.message}`;
  const warnings = result.warnings.map((w) => (verbose ? wrap(warnLine(w), '  ', width, 2) : '  ' + oneLine(warnLine(w), width - 2)));
  const steps = result.nextSteps.slice(0, verbose ? undefined : 3);
  const stepsFull = steps.map((s, i) => wrap(`${i + 1}. ${s}`, '  ', width, 3));
  const stepsShort = steps.map((s, i) => '  ' + oneLine(`${i + 1}. ${s}`, width - 2));
  const moreSteps = result.nextSteps.length - steps.length;
  const rules = c.dim(oneLine(`Rules: ${layersLine(result)}`, width));
  const more = verbose ? [] : c.dim(wrap('More with --verbose: reasons, other spots, models, what-ifs, assumptions.', '', width)).split('\n');

  interface Cut {
    warnMax: number;
    shortSteps: boolean;
    summaryMax: number;
    legend: boolean;
    more: boolean;
  }
  const build = (o: Cut) => {
    const out = [...head, ...summary.slice(0, o.summaryMax)];
    if (summary.length > o.summaryMax) out[out.length - 1] = '  ' + oneLine(out[out.length - 1]!.trimStart() + ' …', width - 2);
    if (chart.length) out.push('', ...(o.legend ? chart : chart.slice(0, -1)));
    if (warnings.length) {
      const shown = warnings.slice(0, o.warnMax);
      const title = shown.length < warnings.length ? `Warnings (${shown.length} of ${warnings.length}; all with --verbose)` : `Warnings (${warnings.length})`;
      out.push('', c.bold(title), ...shown.flatMap((w) => w.split('\n')));
    }
    if (steps.length) {
      const listed = (o.shortSteps ? stepsShort : stepsFull).flatMap((s) => s.split('\n'));
      out.push('', c.bold(moreSteps > 0 ? `Next steps (the first ${steps.length} of ${result.nextSteps.length})` : 'Next steps'), ...listed);
    }
    out.push('', rules, ...(o.more ? more : []));
    return out;
  };
  const full: Cut = { warnMax: Infinity, shortSteps: false, summaryMax: Infinity, legend: true, more: true };
  if (verbose) return build(full);
  // Cut, in order, until it fits: long next steps to one line each, then the warnings beyond what
  // fits (the heading says how many there are), then the summary, the legend and the pointer to --verbose.
  const short: Cut = { ...full, shortSteps: true, summaryMax: 3 };
  const tries: Cut[] = [full, { ...full, shortSteps: true }, short];
  for (let w = warnings.length - 1; w >= 1; w--) tries.push({ ...short, warnMax: w });
  const least = { ...short, warnMax: Math.min(1, warnings.length) };
  tries.push({ ...least, summaryMax: 2 }, { ...least, summaryMax: 1 }, { ...least, summaryMax: 1, legend: false }, { ...least, summaryMax: 1, legend: false, more: false });
  for (const t of tries) {
    const screen = build(t);
    if (screen.length <= height) return screen;
  }
  // Narrower than anyone reads at: keep the top, which decides.
  return build(tries[tries.length - 1]!).slice(0, height);
}

export function renderText(result: Result, c: ChalkInstance, opts: TextOptions = {}): string {
  const width = Math.max(40, opts.width ?? DEFAULT_WIDTH);
  const height = Math.max(12, Math.min(opts.height ?? SCREEN_LINES, SCREEN_LINES));
  const verbose = opts.verbose === true;
  const out = openingScreen(result, c, width, height, verbose);
  if (!verbose) return out.join('\n') + '\n';

  const rec = result.recommendation;
  const heading = (t: string) => out.push('', c.bold(t));
  const table = estimateTable(result, c, width);
  if (table.length) {
    heading('Estimates (likely, with the 8-in-10 range)');
    out.push(...table);
  }

  heading('The three questions');
  result.framework.forEach((f, i) => {
    out.push(wrap(`${i + 1}. ${c.bold(f.question)}`, '  ', width, 3));
    out.push(wrap(f.verdict, '     ', width));
  });

  heading('Why');
  for (const r of result.rationale) {
    out.push(wrap(`• ${r.because}`, '  ', width, 2));
    out.push(c.dim(wrap(`rule ${r.rule}${r.facts.length ? ` — ${r.facts.join('; ')}` : ''}`, '    ', width, 2)));
  }

  heading('The other spots');
  for (const s of result.spectrum) {
    if (s.approach === rec.approach) continue;
    out.push(wrap(`${s.feasible ? '-' : c.red('✗')} ${c.bold(s.approach)}: ${s.method}`, '  ', width, 2));
    out.push(wrap(s.why, '    ', width));
  }

  if (result.suggestedModels.length) {
    heading('Where to start');
    for (const m of result.suggestedModels) {
      out.push(wrap(`- ${c.bold(m.name)} (${m.source}; ${m.licence}${m.selfHostable ? '' : '; hosted only'})`, '  ', width, 2));
      out.push(wrap(m.why, '    ', width));
    }
  }

  if (result.whatWouldChange.length) {
    heading('What would change the recommendation');
    for (const w of result.whatWouldChange) out.push(wrap(`- ${w.text}`, '  ', width, 2));
  }

  if (result.assumptions.length) {
    heading('Assumptions');
    out.push(c.dim(wrap(REST_ON, '  ', width)));
    for (const a of result.assumptions) out.push(wrap(`- ${a.what}: ${a.value} (${a.source}, ${a.asOf})`, '  ', width, 2));
  }
  return out.join('\n') + '\n';
}

/** What the figures rest on and what they leave out, above the assumptions. */
const REST_ON = 'The figures rest on compute physics and dated GPU prices, label prices by kind and by the profession whose time they take, published serving throughput and API prices, and an effort model that is judgement (fit it to your own projects with ml-advisor calibrate). Not covered: data acquisition and licensing, legal and compliance review beyond a bias audit, and the cost of a project that fails.';
