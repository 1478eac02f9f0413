// `compare` output: the scenarios as columns, what each decided as rows, then the answers that
// differ. Text fits the terminal (cells wrap inside their column); markdown is a table for a
// pull-request comment; JSON is the list of results, each with its label first.
import type { ChalkInstance } from 'chalk';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import type { AnswerValue, ComparedColumn, ScenarioComparison as Comparison } from '../core/pipeline/compare.js';
import type { Range, Spot } from '../core/result/result.js';
import { formatNumber } from '../core/text/format.js';
import { escapeTerminal, markdownCell, markdownCode } from '../core/text/escape.js';

type Row = { label: string; cells: string[]; strong?: boolean };

const spotOf = (c: ComparedColumn): Spot | undefined => c.result.spectrum.find((s) => s.approach === c.result.recommendation.approach);
const totalOf = (s: Spot | undefined) => (s as { total?: Range & { months?: number } } | undefined)?.total;
const runningOf = (s: Spot | undefined) => (s as { running?: Range } | undefined)?.running;

function valueText(v: AnswerValue): string {
  if (v === undefined) return '—';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return v;
}

/** The rows both renderings show, as plain text. */
export function comparisonRows(cmp: Comparison, opts: { gates: boolean }): { decided: Row[]; differences: Row[] } {
  const cols = cmp.columns;
  const money = (n: number | undefined) => (n === undefined ? '—' : formatNumber(n, 0));
  const decided: Row[] = [
    { label: 'spot', cells: cols.map((c) => c.result.recommendation.approach), strong: true },
    { label: 'confidence', cells: cols.map((c) => c.result.recommendation.confidence) },
    { label: 'likely cost, USD', cells: cols.map((c) => money(spotOf(c)?.cost?.likely)) },
    { label: 'likely weeks', cells: cols.map((c) => (spotOf(c)?.time ? formatNumber(spotOf(c)!.time!.likely, 1) : '—')) },
  ];
  if (cols.some((c) => runningOf(spotOf(c)))) {
    decided.push({ label: 'running, USD/month', cells: cols.map((c) => money(runningOf(spotOf(c))?.likely)) });
    const months = cols.map((c) => totalOf(spotOf(c))?.months).find((m) => m !== undefined);
    decided.push({ label: `total${months ? `, ${months} months` : ''}, USD`, cells: cols.map((c) => money(totalOf(spotOf(c))?.likely)) });
  }
  decided.push({ label: 'warnings', cells: cols.map((c) => (c.result.warnings.length ? c.result.warnings.map((w) => w.id).join(' ') : 'none')) });
  if (opts.gates) decided.push({ label: 'gates', cells: cols.map((c) => (c.failedGates.length ? `FAILS ${c.failedGates.map((g) => g.message.split(':')[0]).join(', ')}` : 'pass')) });
  const differences = cmp.differences.map((d) => ({ label: d.field, cells: d.values.map(valueText) }));
  return { decided, differences };
}

/**
 * Column headings for people: when every label varies the same one field ("labeledExamples=500"),
 * the field goes into a title and the columns are headed by the values alone.
 */
export function columnHeads(cmp: Comparison): { title?: string; heads: string[] } {
  const labels = cmp.columns.map((c) => c.label);
  const field = /^([A-Za-z]+)=/.exec(labels[0] ?? '')?.[1];
  if (field && labels.every((l) => l.startsWith(`${field}=`) && !l.includes(', '))) return { title: `${field} =`, heads: labels.map((l) => l.slice(field.length + 1)) };
  // Files: their names alone, when those tell them apart.
  const names = labels.map((l) => l.split('/').pop()!.replace(/\.(ya?ml|json)$/i, ''));
  return { heads: new Set(names).size === names.length ? names : labels };
}

/** Side by side, fitted to `width` columns: each cell wraps inside its column, at spaces where it can. */
export function renderCompareText(cmp: Comparison, c: ChalkInstance, opts: { width: number; gates: boolean }): string {
  const { decided, differences } = comparisonRows(cmp, opts);
  // Labels are file names as typed: a control character in one is shown, never sent to the terminal.
  const { title, heads: named } = columnHeads(cmp);
  const heads = named.map(escapeTerminal);
  const all = [...decided, ...differences];
  const labelW = Math.max(...all.map((r) => stringWidth(r.label)), stringWidth(title ?? ''));
  const n = cmp.columns.length;
  const cellsOf = (i: number) => [heads[i]!, ...all.map((r) => r.cells[i]!)];
  const natural = cmp.columns.map((_, i) => Math.max(...cellsOf(i).map((t) => stringWidth(t))));
  const longestWord = cmp.columns.map((_, i) => Math.max(...cellsOf(i).flatMap((t) => t.split(' ')).map((w) => stringWidth(w))));
  // Every column gets room for its longest word, then what is left goes equally to the columns
  // that still wrap; a column never gets more than it needs.
  const widths = longestWord.map((w, i) => Math.min(w, natural[i]!));
  const needed = widths.reduce((a, b) => a + b, 0);
  // Two spaces between columns, or one when that is what makes every word fit.
  const GAP = opts.width - labelW - 2 * n >= needed ? 2 : 1;
  const room = opts.width - labelW - GAP * n;
  let left = room - needed;
  // Too many columns for the terminal even so: equal shares, and long words break.
  if (left < 0) widths.fill(Math.max(6, Math.floor(room / n)));
  for (;;) {
    const open = widths.map((w, i) => i).filter((i) => widths[i]! < natural[i]!);
    if (left <= 0 || !open.length) break;
    const share = Math.max(1, Math.floor(left / open.length));
    for (const i of open) {
      const add = Math.min(share, natural[i]! - widths[i]!, left);
      widths[i]! += add;
      left -= add;
    }
  }
  const cellLines = (text: string, w: number) => wrapAnsi(text, w, { hard: true, trim: true }).split('\n');
  const line = (label: string, cells: string[], paint: (s: string, i: number) => string = (s) => s) => {
    const wrapped = cells.map((t, i) => cellLines(t, widths[i]!));
    const height = Math.max(1, ...wrapped.map((w) => w.length));
    const out: string[] = [];
    for (let k = 0; k < height; k++) {
      const head = k === 0 ? label : '';
      const body = wrapped.map((w, i) => {
        const t = w[k] ?? '';
        return paint(t, i) + ' '.repeat(Math.max(0, widths[i]! - stringWidth(t)));
      });
      out.push(`${head.padEnd(labelW)}${' '.repeat(GAP)}${body.join(' '.repeat(GAP))}`.trimEnd());
    }
    return out;
  };
  const out = [...line(title ?? '', heads, (s) => c.bold(s))];
  for (const r of decided) {
    out.push(...line(r.label, r.cells, (s, i) => {
      if (r.label === 'gates' && cmp.columns[i]!.failedGates.length) return c.red(s);
      return r.strong ? c.bold(s) : s;
    }));
  }
  if (differences.length) {
    out.push('', c.dim('answers that differ'));
    for (const r of differences) out.push(...line(r.label, r.cells));
  } else out.push('', c.dim('The answers are the same in every column.'));
  return out.join('\n') + '\n';
}

export function renderCompareMarkdown(cmp: Comparison, opts: { gates: boolean }): string {
  const { decided, differences } = comparisonRows(cmp, opts);
  // Cells are escaped once, here (labels and values may come from files); bold and code are added after.
  const cell = (x: string, strong?: boolean) => (strong ? `**${markdownCell(x)}**` : markdownCell(x));
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const header = row(['', ...cmp.columns.map((c) => cell(c.label))]);
  const out = ['# ml-advisor compare', '', header, `|---|${cmp.columns.map(() => '---').join('|')}|`];
  for (const r of decided) out.push(row([cell(r.label, r.strong), ...r.cells.map((x) => cell(x, r.strong))]));
  if (differences.length) {
    out.push('', '## Answers that differ', '', header, `|---|${cmp.columns.map(() => '---').join('|')}|`);
    for (const r of differences) out.push(row([markdownCode(r.label), ...r.cells.map((x) => cell(x))]));
  } else out.push('', 'The answers are the same in every column.');
  return out.join('\n') + '\n';
}

/** `--json`: the results, each with its label first (as batch puts `row` first) and any failed gates. */
export function renderCompareJson(cmp: Comparison): string {
  const items = cmp.columns.map((c) => ({ label: c.label, ...c.result, ...(c.failedGates.length ? { failedGates: c.failedGates } : {}) }));
  return JSON.stringify(items, null, 2) + '\n';
}
