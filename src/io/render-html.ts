// `--format html`: the decision as one self-contained page to hand to someone who does not use a
// terminal. No scripts, no fonts, no styles or images from elsewhere (a Content-Security-Policy
// says so to the browser too); the charts are inline SVG on log scales; it prints on paper.
// Every piece of text is escaped: methods, warnings, models and sources may come from rule files.
import type { Range, Result, Spot } from '../core/result/result.js';
import { APPROACH_LABEL } from '../core/decide/spots.js';
import { FIELDS } from '../core/answers/fields.js';
import { formatNumber } from '../core/text/format.js';
import { Html, html, raw } from './escape-html.js';
import { compact, logScale } from './log-scale.js';

type Running = Range & { per?: string; how?: string };
type Total = Range & { months?: number };
const runningOf = (s: Spot) => (s as { running?: Running }).running;
const totalOf = (s: Spot) => (s as { total?: Total }).total;

export const PAGE_STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --pick: #1a7f37; --pick-soft: #dafbe1; --bar: #54aeff; --off: #8c959f; --warn: #9a6700; --warn-soft: #fff8c5; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0.2em 0 0.3em; }
h2 { font-size: 1.25rem; margin: 2em 0 0.6em; padding-bottom: 0.2em; border-bottom: 1px solid var(--line); }
p, li { max-width: 75ch; }
.eyebrow { color: var(--muted); font-size: 0.875rem; text-transform: uppercase; letter-spacing: 0.06em; margin: 0; }
.pill { display: inline-block; font-size: 0.875rem; padding: 0.1em 0.7em; border-radius: 1em; background: var(--pick-soft); color: var(--pick); font-weight: 600; vertical-align: middle; }
.summary { font-size: 1.125rem; }
.spectrum { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; padding: 0; margin: 1em 0; }
.spectrum li { flex: 1 1 150px; border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; font-size: 0.875rem; }
.spectrum li.pick { border: 2px solid var(--pick); background: var(--pick-soft); font-weight: 600; }
.spectrum li.off { color: var(--muted); background: var(--soft); }
.spectrum .pos { color: var(--muted); font-weight: 400; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 16px 28px; }
figure { margin: 0; }
figcaption { font-weight: 600; margin-bottom: 4px; }
svg.chart { width: 100%; height: auto; display: block; }
.legend { color: var(--muted); font-size: 0.875rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.9375rem; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.pick td { background: var(--pick-soft); }
tr.off td { color: var(--muted); }
.warnings { list-style: none; padding: 0; }
.warnings li { border-left: 4px solid var(--warn); background: var(--warn-soft); padding: 8px 12px; margin: 6px 0; max-width: none; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.875em; background: var(--soft); padding: 0.1em 0.3em; border-radius: 4px; }
.parts { display: inline-block; vertical-align: middle; }
footer { margin-top: 3em; color: var(--muted); font-size: 0.875rem; }
/* Phones: each table row becomes a card, every cell led by its column's name. */
@media screen and (max-width: 640px) {
  table.cards thead { display: none; }
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: 100%; }
  table.cards tr { border-bottom: 1px solid var(--line); padding: 8px 0; }
  table.cards td { border: 0; padding: 2px 4px; text-align: left; white-space: normal; }
  table.cards td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
}
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  figure, tr, li { break-inside: avoid; }
  thead { display: table-header-group; }
  .scroll { overflow: visible; }
  table { font-size: 8.5pt; }
  th, td { padding: 3px 5px; overflow-wrap: anywhere; }
  td.num, th.num { white-space: normal; }
  .charts { grid-template-columns: 1fr 1fr; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;

export function pageHead(title: string): Html {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="ml-advisor">
<title>${title}</title>
<style>${raw(PAGE_STYLE)}</style>
</head>
`;
}

interface ChartRow {
  label: string;
  range: Range;
  /** The recommended spot (green), one that does not fit or is ruled out (grey), or neither. */
  status: 'pick' | 'off' | 'plain';
  /** The likely value, as written at the right. */
  text: string;
  /** A tooltip and the words a screen reader reads for the bar. */
  title: string;
  /** The bar's colour, when not the status's. */
  color?: string;
}

const FILL = { pick: '#1a7f37', off: '#afb8c1', plain: '#54aeff' } as const;

/**
 * A range chart on a log axis: for each row a bar from low to high and a dot at the likely value.
 * `unit` names the axis; `tick` writes an axis label.
 */
export function rangeChart(id: string, caption: string, rows: ChartRow[], tick: (v: number) => string, opts: { labelWidth?: number } = {}): Html {
  const scale = logScale(rows.flatMap((r) => [r.range.low, r.range.likely, r.range.high]));
  const W = 520;
  const LEFT = opts.labelWidth ?? 150;
  const RIGHT = 456;
  const ROW = 34;
  const TOP = 30;
  const H = TOP + rows.length * ROW + 8;
  const x = (v: number) => LEFT + scale.at(v) * (RIGHT - LEFT);
  const grid = scale.ticks.map((t) => html`<line x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${TOP - 6}" y2="${H - 4}" stroke="#d1d9e0"/><text x="${x(t).toFixed(1)}" y="${TOP - 12}" text-anchor="middle" font-size="13" fill="#59636e">${tick(t)}</text>`);
  const bars = rows.map((r, i) => {
    const y = TOP + i * ROW + ROW / 2;
    const x0 = x(r.range.low);
    const x1 = Math.max(x(r.range.high), x0 + 2);
    const weight = r.status === 'pick' ? '700' : '400';
    return html`<g><title>${r.title}</title>
<text x="${LEFT - 8}" y="${(y + 5).toFixed(1)}" text-anchor="end" font-size="15" font-weight="${weight}" fill="${r.status === 'off' ? '#59636e' : '#1f2328'}">${r.label}</text>
<rect x="${x0.toFixed(1)}" y="${(y - 6).toFixed(1)}" width="${(x1 - x0).toFixed(1)}" height="12" rx="6" fill="${r.color ?? FILL[r.status]}"${r.status === 'off' ? raw(' fill-opacity="0.45"') : ''}/>
<circle cx="${x(r.range.likely).toFixed(1)}" cy="${y.toFixed(1)}" r="6" fill="#1f2328" stroke="#fff" stroke-width="2"/>
<text x="${W - 4}" y="${(y + 5).toFixed(1)}" text-anchor="end" font-size="14" font-weight="${weight}" fill="#1f2328">${r.text}</text></g>`;
  });
  return html`<figure><figcaption id="${id}-caption">${caption}</figcaption>
<svg class="chart" id="${id}" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-caption" xmlns="http://www.w3.org/2000/svg">
${grid}
${bars}
</svg></figure>`;
}

const usd = (n: number) => `${formatNumber(n, 0)} USD`;
const weeks = (n: number) => `${formatNumber(n, 1)} weeks`;
const spanText = (r: Range, f: (n: number) => string) => (r.low === r.high ? f(r.likely) : `${f(r.likely)} (${f(r.low)}–${f(r.high)})`);

function statusOf(s: Spot, result: Result): ChartRow['status'] {
  return s.approach === result.recommendation.approach ? 'pick' : s.feasible ? 'plain' : 'off';
}

/** Every spot's cost, time and (when given) running cost, one chart each. */
export function spotCharts(result: Result): Html {
  const spots = result.spectrum.filter((s) => s.cost && s.time);
  if (!spots.length) return html`<p>No estimates for this kind of problem.</p>`;
  const row = (s: Spot, r: Range, text: string, what: string): ChartRow => ({
    label: s.approach,
    range: r,
    status: statusOf(s, result),
    text,
    title: `${s.approach}: ${what}${s.approach === result.recommendation.approach ? ' (recommended)' : s.feasible ? '' : ' (does not fit or is ruled out)'}`,
  });
  const charts = [
    rangeChart('chart-cost', 'One-off cost, USD (log scale)', spots.map((s) => row(s, s.cost!, compact(s.cost!.likely), `likely ${spanText(s.cost!, usd)}`)), compact),
    rangeChart('chart-time', 'Calendar time, weeks (log scale)', spots.map((s) => row(s, s.time!, formatNumber(s.time!.likely, 1), `likely ${spanText(s.time!, weeks)}`)), (v) => formatNumber(v)),
  ];
  const running = spots.filter((s) => runningOf(s));
  if (running.length) {
    charts.push(rangeChart('chart-running', 'Running cost, USD per month (log scale)', running.map((s) => row(s, runningOf(s)!, compact(runningOf(s)!.likely), `likely ${spanText(runningOf(s)!, usd)} a month`)), compact));
  }
  return html`<div class="charts">${charts}</div>
<p class="legend">Each bar runs from the low to the high estimate (the true figure falls inside about 8 times in 10); the dot is the likely figure. <span style="color:#1a7f37;font-weight:600">Green</span>: recommended; grey: does not fit the budget or timeline, or is ruled out.</p>`;
}

/** A small stacked bar of what one spot's likely cost is made of. */
function partsBar(parts: [string, number][]): Html {
  const sum = parts.reduce((s, [, v]) => s + v, 0);
  if (sum <= 0) return html``;
  const COLORS = ['#0969da', '#bf8700', '#8250df', '#1a7f37', '#cf222e'];
  let at = 0;
  const segs = parts.map(([name, v], i) => {
    const w = (v / sum) * 120;
    const seg = html`<rect x="${at.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="10" fill="${COLORS[i % COLORS.length]}"><title>${name}: ${usd(v)}</title></rect>`;
    at += w;
    return seg;
  });
  return html`<svg class="parts" width="120" height="10" viewBox="0 0 120 10" xmlns="http://www.w3.org/2000/svg" aria-hidden="true">${segs}</svg>`;
}

function breakdownTable(result: Result): Html {
  const spots = result.spectrum.filter((s) => s.cost);
  if (!spots.length) return html``;
  const keys = [...new Set(spots.flatMap((s) => Object.keys(s.cost!.breakdown)))];
  const COLORS = ['#0969da', '#bf8700', '#8250df', '#1a7f37', '#cf222e'];
  const head = keys.map((k, i) => html`<th class="num"><span style="color:${COLORS[i % COLORS.length]}">■</span> ${k}</th>`);
  const rows = spots.map((s) => {
    const b = s.cost!.breakdown as Record<string, number>;
    const parts = keys.map((k) => [k, b[k] ?? 0] as [string, number]);
    return html`<tr class="${statusOf(s, result)}"><td>${s.approach}</td>${parts.map(([, v]) => html`<td class="num">${formatNumber(v, 0)}</td>`)}<td class="num">${formatNumber(s.cost!.likely, 0)}</td><td>${partsBar(parts)}</td></tr>`;
  });
  return html`<h2 id="breakdown">What the likely cost is made of (USD)</h2>
<div class="scroll">${cardTable(html`<table><thead><tr><th>Spot</th>${head}<th class="num">likely cost</th><th>share</th></tr></thead><tbody>${rows}</tbody></table>`)}</div>`;
}

function spotsTable(result: Result): Html {
  const anyRunning = result.spectrum.some((s) => runningOf(s));
  const rows = result.spectrum.map((s) => {
    const gpu = !s.compute ? '—' : s.compute.gpu === 'cpu' ? 'CPU only' : s.compute.flops === 0 ? '—' : `${formatNumber(s.compute.gpuHours.likely)} on ${s.compute.gpu}`;
    const run = runningOf(s);
    const total = totalOf(s);
    const name = APPROACH_LABEL[s.approach];
    return html`<tr class="${statusOf(s, result)}"><td>${s.position}</td><td>${s.approach === result.recommendation.approach ? html`<strong>${name}</strong> (recommended)` : name}</td><td>${s.feasible ? 'yes' : 'no'}</td><td>${s.method}</td>
<td class="num">${s.cost ? spanText(s.cost, (n) => formatNumber(n, 0)) : '—'}</td><td class="num">${s.time ? spanText(s.time, (n) => formatNumber(n, 1)) : '—'}</td><td class="num">${gpu}</td>${anyRunning ? html`<td class="num">${run ? spanText(run, (n) => formatNumber(n, 0)) : '—'}</td><td class="num">${total ? spanText(total, (n) => formatNumber(n, 0)) : '—'}</td>` : ''}<td>${s.why}</td></tr>`;
  });
  const months = result.spectrum.map(totalOf).find((t) => t)?.months;
  return html`<h2 id="spots">Every spot</h2>
<div class="scroll">${cardTable(html`<table><thead><tr><th>#</th><th>Spot</th><th>Fits</th><th>What would be done</th><th class="num">Cost, USD</th><th class="num">Weeks</th><th class="num">GPU-hours</th>${anyRunning ? html`<th class="num">Running, USD/month</th><th class="num">Total${months ? ` over ${months} months` : ''}, USD</th>` : ''}<th>Why</th></tr></thead>
<tbody>${rows}</tbody></table>`)}</div>
<p class="legend">Likely figure, with the low–high range in brackets.</p>`;
}

/**
 * A table that turns into cards on a phone: each cell gets its column's heading as data-label
 * (read from the header row; the page's own markup, in which escaped text cannot hold a tag).
 */
export function cardTable(table: Html): Html {
  const src = table.value;
  const heads = [...(/<thead>([\s\S]*?)<\/thead>/.exec(src)?.[1] ?? '').matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').replace(/^■\s*/, '').trim());
  const body = src.replace(/<tbody>([\s\S]*)<\/tbody>/, (_, rows: string) => `<tbody>${rows.replace(/<tr([^>]*)>([\s\S]*?)<\/tr>/g, (_r, attrs: string, cells: string) => {
    let i = 0;
    const labelled = cells.replace(/<td((?: [a-z-]+="[^"]*")*)>/g, (_c, a: string) => {
      const span = Number(/colspan="(\d+)"/.exec(a)?.[1] ?? 1);
      const label = heads[i];
      i += span;
      return label ? `<td${a} data-label="${label}">` : `<td${a}>`;
    });
    return `<tr${attrs}>${labelled}</tr>`;
  })}</tbody>`);
  return raw(body.replace('<table>', '<table class="cards">'));
}

function section(id: string, title: string, body: Html | Html[] | false): Html {
  if (body === false || (Array.isArray(body) && !body.length)) return html``;
  return html`<h2 id="${id}">${title}</h2>\n${body}\n`;
}

export function renderHtml(result: Result): string {
  const rec = result.recommendation;
  const label = APPROACH_LABEL[rec.approach];
  const answers = result.answers as unknown as Record<string, unknown>;
  const layers = result.rulesLayers;
  const layerText = layers?.length ? layers.map((l) => (l.from === 'built-in' ? 'the built-in rules' : `${l.path} (${l.from})`)).join(', then ') : 'the built-in rules';
  const spectrum = result.spectrum.map((s) => html`<li class="${s.approach === rec.approach ? 'pick' : s.feasible ? '' : 'off'}"><span class="pos">${s.position}</span> ${APPROACH_LABEL[s.approach]}${s.approach === rec.approach ? ' — recommended' : s.feasible ? '' : ' — does not fit or ruled out'}</li>`);
  const body = html`<body>
<main>
<header>
<p class="eyebrow">ml-advisor · decision</p>
<h1>${label} <span class="pill">confidence ${rec.confidence}</span></h1>
<p class="summary">${rec.summary}</p>
<ol class="spectrum" aria-label="The spectrum, from use-as-is (cheapest) to train-from-scratch (costliest)">${spectrum}</ol>
</header>
<h2 id="estimates">Cost and time of every spot</h2>
${spotCharts(result)}
${section('warnings', `Warnings (${result.warnings.length})`, result.warnings.length ? html`<ul class="warnings">${result.warnings.map((w) => html`<li><strong>${w.id}</strong>: ${w.message}</li>`)}</ul>` : false)}
${section('next-steps', 'Next steps', result.nextSteps.length ? html`<ol>${result.nextSteps.map((s) => html`<li>${s}</li>`)}</ol>` : false)}
${section('models', 'Where to start', result.suggestedModels.length ? html`<ul>${result.suggestedModels.map((m) => html`<li><strong>${m.name}</strong> (${m.source}; ${m.licence}${m.selfHostable ? '' : '; hosted only'}): ${m.why}</li>`)}</ul>` : false)}
${spotsTable(result)}
${breakdownTable(result)}
${section('what-would-change', 'What would change the recommendation', result.whatWouldChange.length ? html`<ul>${result.whatWouldChange.map((w) => html`<li>${w.text}</li>`)}</ul>` : false)}
${section('questions', 'The three questions', html`<ol>${result.framework.map((f) => html`<li><strong>${f.question}</strong> ${f.verdict}</li>`)}</ol>`)}
${section('why', 'Why', html`<ul>${result.rationale.map((r) => html`<li>${r.because} <code>${r.rule}</code>${r.facts.length ? html` — ${r.facts.join('; ')}` : ''}</li>`)}</ul>`)}
${section('answers', 'Answers', html`<div class="scroll"><table><thead><tr><th>Field</th><th>Value</th></tr></thead><tbody>${FIELDS.filter((f) => answers[f.name] !== undefined).map((f) => html`<tr><td><code>${f.name}</code></td><td>${typeof answers[f.name] === 'number' ? formatNumber(answers[f.name] as number) : String(answers[f.name])}</td></tr>`)}</tbody></table></div>`)}
${section('assumptions', 'Assumptions', result.assumptions.length ? html`<div class="scroll">${cardTable(html`<table><thead><tr><th>What</th><th>Value</th><th>Source</th><th>As of</th></tr></thead><tbody>${result.assumptions.map((a) => html`<tr><td>${a.what}</td><td>${a.value}</td><td>${a.source}</td><td>${a.asOf}</td></tr>`)}</tbody></table>`)}</div>` : false)}
<footer><p>Decided by ml-advisor with ${layerText}. The same answers give the same page: run <code>ml-advisor decide --format html</code> again to update it.</p></footer>
</main>
</body>
</html>
`;
  return pageHead(`${label} — ml-advisor decision`).value + body.value;
}
