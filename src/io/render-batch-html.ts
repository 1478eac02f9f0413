// `batch --format html`: a portfolio page — how many ideas land on each spot, what each would
// likely cost on a log scale, and a table of every row. Like the decision page it loads nothing
// (no scripts, fonts or styles from elsewhere) and escapes every piece of text. The page is
// written when the batch ends (the charts sit above the table and need every row); the rows kept
// until then are a few numbers each, not the results.
import { APPROACHES, type Approach } from '../core/answers/fields.js';
import { describeRowError, summarizeRow, type BatchRow, type BatchTally } from '../core/pipeline/batch.js';
import { gateLabel } from '../core/result/row-gates.js';
import type { Range } from '../core/result/result.js';
import { formatNumber } from '../core/text/format.js';
import type { BatchWriter } from './render-batch.js';
import { Html, html } from './escape-html.js';
import { compact } from './log-scale.js';
import { cardTable, pageHead, rangeChart } from './render-html.js';

interface Kept {
  row: number;
  task?: string;
  approach?: Approach;
  confidence?: string;
  cost?: Range;
  weeks?: number;
  notes: string[];
  error?: string;
  failed: boolean;
}

/** The most rows the cost chart draws (the table has them all). */
const CHART_ROWS = 60;

const SPOT_COLORS: Record<Approach, string> = {
  'use-as-is': '#1a7f37',
  'feature-extraction': '#0969da',
  'fine-tune': '#8250df',
  'heavy-fine-tune': '#bf8700',
  'train-from-scratch': '#cf222e',
};

function spotCounts(kept: Kept[]): Html {
  const counts = APPROACHES.map((a) => kept.filter((k) => k.approach === a).length);
  const max = Math.max(1, ...counts);
  const W = 520;
  const LEFT = 150;
  const ROW = 30;
  const bars = APPROACHES.map((a, i) => {
    const y = 8 + i * ROW;
    const w = (counts[i]! / max) * (W - LEFT - 50);
    return html`<g><title>${a}: ${counts[i]} rows</title><text x="${LEFT - 8}" y="${y + 16}" text-anchor="end" font-size="14" fill="#1f2328">${a}</text>
<rect x="${LEFT}" y="${y + 4}" width="${w.toFixed(1)}" height="16" rx="3" fill="${SPOT_COLORS[a]}"/>
<text x="${(LEFT + w + 6).toFixed(1)}" y="${y + 17}" font-size="14" fill="#1f2328">${formatNumber(counts[i]!)}</text></g>`;
  });
  return html`<figure><figcaption id="chart-spots-caption">Rows per recommended spot</figcaption>
<svg class="chart" id="chart-spots" viewBox="0 0 ${W} ${8 + APPROACHES.length * ROW + 8}" role="img" aria-labelledby="chart-spots-caption" xmlns="http://www.w3.org/2000/svg">${bars}</svg></figure>`;
}

/** "3 · named-entity-reco…": the row and as much of its task as the chart's label column holds. */
function rowLabel(k: Kept): string {
  const text = `${k.row} · ${k.task ?? ''}`;
  return text.length > 22 ? `${text.slice(0, 21)}…` : text;
}

export function renderPortfolio(kept: Kept[], tally: BatchTally): string {
  const valid = kept.filter((k) => k.approach && k.cost);
  const charted = valid.slice(0, CHART_ROWS);
  const cost = charted.length
    ? rangeChart('chart-cost', `Likely cost of each row's recommended spot, USD (log scale)${valid.length > CHART_ROWS ? ` — the first ${CHART_ROWS} of ${valid.length} rows` : ''}`,
      charted.map((k) => ({ label: rowLabel(k), range: k.cost!, status: k.failed ? 'off' : 'plain', color: SPOT_COLORS[k.approach!], text: compact(k.cost!.likely), title: `row ${k.row}, ${k.task}: ${k.approach}, likely ${formatNumber(k.cost!.likely, 0)} USD (${formatNumber(k.cost!.low, 0)}–${formatNumber(k.cost!.high, 0)})` })), compact, { labelWidth: 190 })
    : html``;
  const rows = kept.map((k) => (k.error
    ? html`<tr class="off"><td class="num">${k.row}</td><td colspan="5"><strong>invalid</strong></td><td>${k.error}</td></tr>`
    : html`<tr${k.failed ? html` class="off"` : ''}><td class="num">${k.row}</td><td>${k.task ?? ''}</td><td><span style="color:${SPOT_COLORS[k.approach!]}">■</span> ${k.approach}</td><td>${k.confidence}</td><td class="num">${k.cost ? formatNumber(k.cost.likely, 0) : '—'}</td><td class="num">${k.weeks !== undefined ? formatNumber(k.weeks, 1) : '—'}</td><td>${k.notes.join(', ')}</td></tr>`));
  const spots = APPROACHES.filter((a) => (tally.bySpot.get(a) ?? 0) > 0).map((a) => `${formatNumber(tally.bySpot.get(a)!)} ${a}`);
  const body = html`<body>
<main>
<header>
<p class="eyebrow">ml-advisor · portfolio</p>
<h1>${formatNumber(tally.rows)} ${tally.rows === 1 ? 'idea' : 'ideas'}</h1>
<p class="summary">${spots.join(', ') || 'No valid rows.'}${tally.invalid ? `; ${formatNumber(tally.invalid)} invalid` : ''}${tally.gateFailed ? `; ${[...tally.gatesFailed].join(', ')} failed on ${formatNumber(tally.gateFailed)}` : ''}.</p>
</header>
<h2 id="charts">Spots and costs across the rows</h2>
<div class="charts">${spotCounts(kept)}${cost}</div>
<p class="legend">Each cost bar runs from the low to the high estimate (about 8 times in 10 the true figure is inside); the dot is the likely figure; its colour is the row's spot, as in the counts. A faded bar: the row failed a gate.</p>
<h2 id="rows">Every row</h2>
<div class="scroll">${cardTable(html`<table><thead><tr><th class="num">Row</th><th>Task</th><th>Recommendation</th><th>Confidence</th><th class="num">Likely cost, USD</th><th class="num">Likely weeks</th><th>Warnings and gates</th></tr></thead>
<tbody>${rows}</tbody></table>`)}</div>
<footer><p>Decided by ml-advisor batch. The same rows give the same page.</p></footer>
</main>
</body>
</html>
`;
  return pageHead(`${formatNumber(tally.rows)} ideas — ml-advisor portfolio`).value + body.value;
}

export function htmlWriter(): BatchWriter {
  const kept: Kept[] = [];
  return {
    // The page shows the summary's figures (the recommended spot's cost range): no full result needed.
    detail: 'summary',
    start: () => '',
    row: (r: BatchRow) => {
      const s = summarizeRow(r);
      if (s.error) kept.push({ row: s.row, notes: [], error: describeRowError(s.error), failed: false });
      else {
        const cost = 'summary' in r ? r.summary.cost : undefined;
        kept.push({
          row: s.row,
          task: s.task,
          approach: s.recommendation,
          confidence: s.confidence,
          cost: cost ? { low: cost.low, likely: cost.likely, high: cost.high } : undefined,
          weeks: s.weeksLikely,
          notes: [...s.failedGates.map((g) => `fails ${gateLabel(g)}`), ...s.warnings],
          failed: s.failedGates.length > 0,
        });
      }
      return '';
    },
    end: (tally) => renderPortfolio(kept, tally),
  };
}
