// The human rendering of a result: the spectrum drawn with the recommended spot marked, then
// the reasons, the other spots, warnings, models and next steps.
import type { ChalkInstance } from 'chalk';
import type { Result } from '../core/result.js';
import { APPROACH_LABEL } from '../core/decide.js';

const WIDTH = 100;

/** Wraps text; continuation lines are indented by `hang` more than the first (for bullets). */
export function wrap(text: string, indent: string, width = WIDTH, hang = 0): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && indent.length + line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
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
