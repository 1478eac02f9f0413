// The HTML page: self-contained, every spot charted, and rule-file text escaped.
import { describe, expect, it } from 'vitest';
import { checkAnswers } from '../../src/core/answers/check.js';
import { decide } from '../../src/core/decide/decide.js';
import { escapeHtml, html, raw } from '../../src/io/escape-html.js';
import { renderHtml } from '../../src/io/render-html.js';
import { builtInRuleSet } from '../helpers.js';

function result(extra: Record<string, unknown> = {}) {
  const c = checkAnswers({ task: 'text-classification', existingModel: 'close', domainShift: 'small', labeledExamples: 2500, ...extra });
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return decide(c.answers, builtInRuleSet(), { given: c.given });
}

describe('escapeHtml', () => {
  it('escapes what could open a tag or close an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
  });
  it('escapes every interpolation of the html template, unless marked raw', () => {
    expect(html`<p>${'<b>'}${raw('<i>')}${['<', '>']}${undefined}</p>`.value).toBe('<p>&lt;b&gt;<i>&lt;&gt;</p>');
  });
});

describe('renderHtml', () => {
  it('is one page that loads nothing: no scripts, links, sources or imports, and a policy that forbids them', () => {
    const page = renderHtml(result());
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).not.toMatch(/<script|<link|<iframe|<img|\ssrc=|\shref=|url\(|@import/i);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(page).toContain('@media print');
  });

  it('has the decision, a chart of every spot\'s cost and time, breakdowns, warnings, models, next steps, what would change and the assumptions', () => {
    const r = result();
    const page = renderHtml(r);
    expect(page).toContain('<h1>Fine-tune <span class="pill">confidence high</span></h1>');
    for (const id of ['chart-cost', 'chart-time']) expect(page).toContain(`<svg class="chart" id="${id}"`);
    const cost = page.slice(page.indexOf('id="chart-cost"'), page.indexOf('</svg>', page.indexOf('id="chart-cost"')));
    expect(cost.match(/<rect /g)).toHaveLength(5);
    expect(cost.match(/<circle /g)).toHaveLength(5);
    for (const id of ['breakdown', 'warnings', 'models', 'next-steps', 'what-would-change', 'assumptions', 'spots']) expect(page).toContain(`<h2 id="${id}">`);
    for (const a of r.assumptions) expect(page).toContain(escapeHtml(a.what));
    expect(page).not.toContain('id="chart-running"');
  });

  it('escapes text from rule files wherever it appears', () => {
    const r = result();
    const evil = `<script>alert(1)</script>"><img src=x onerror=alert(2)>`;
    r.spectrum[2]!.method = evil;
    r.recommendation.summary = evil;
    r.warnings.push({ id: 'x"><b>', message: evil });
    r.suggestedModels.push({ name: evil, source: evil, why: evil, licence: evil, selfHostable: true });
    r.assumptions.push({ what: evil, value: evil, source: evil, asOf: evil });
    const page = renderHtml(r);
    expect(page).not.toMatch(/<script|<img/i);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
  });

  it('charts running cost when the result has it', () => {
    const r = result();
    for (const s of r.spectrum) Object.assign(s, { running: { currency: 'USD', per: 'month', low: 10 * (s.position + 1), likely: 20 * (s.position + 1), high: 40 * (s.position + 1), how: 'API' }, total: { currency: 'USD', months: 12, low: 1, likely: 2, high: 3 } });
    const page = renderHtml(r);
    expect(page).toContain('<svg class="chart" id="chart-running"');
    expect(page).toContain('Total over 12 months, USD');
  });

  it('labels every table cell with its column, so that on a phone each row reads as a card', () => {
    const r = result();
    const page = renderHtml(r);
    expect(page).toContain('<table class="cards">');
    expect(page).toContain(`<td class="num" data-label="Cost, USD">${r.spectrum[2]!.cost!.likely.toLocaleString('en-US')} (`);
    expect(page).toContain('@media screen and (max-width: 640px)');
  });

  it('gives the same bytes for the same answers', () => {
    expect(renderHtml(result())).toBe(renderHtml(result()));
  });
});
