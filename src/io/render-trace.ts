// The text rendering of `decide --explain`: every rule, whether it matched, and for each condition
// the value in the answers and the value the rule expects. Loaded only with --explain.
import type { ChalkInstance } from 'chalk';
import type { RuleTrace } from '../core/result/result.js';
import { describeLeaf, formatValue, type LeafTrace } from '../core/rules/conditions.js';

function outcome(t: RuleTrace): string {
  const then = t.then ?? {};
  if (t.kind === 'decide') return `→ ${then.approach ?? '?'}${then.confidence ? ` (confidence at most ${then.confidence})` : ''}`;
  if (t.kind === 'limit') return [then.atMost ? `at most ${then.atMost}` : '', then.atLeast ? `at least ${then.atLeast}` : ''].filter(Boolean).join(', ');
  return `warning ${then.warning ?? '?'}`;
}

function conditionLine(l: LeafTrace, c: ChalkInstance): string {
  // Under a `not`, the rule needs the test to fail: the mark says whether the rule got what it needs.
  const ok = l.negated ? !l.holds : l.holds;
  const test = `${l.negated ? 'not: ' : ''}${describeLeaf(l)}`;
  const from = l.ref ? c.dim(` (${l.ref})`) : '';
  return `      ${ok ? c.green('✓') : c.red('✗')} ${test}${from}  ${c.dim('—')} you: ${formatValue(l.actual)}`;
}

const KIND_TITLE: Record<string, string> = {
  decide: 'Decide rules (highest priority first; the first that matches decides)',
  limit: 'Limit rules (every match applies)',
  warn: 'Warn rules (every match adds its warning, once per id)',
};

export function renderTrace(trace: RuleTrace[], c: ChalkInstance, opts: { defaultApproach?: string } = {}): string {
  const out: string[] = [];
  const matched = trace.filter((t) => t.matched).length;
  out.push('', c.bold(`Rule trace (${trace.length} rules, ${matched} matched)`));
  for (const kind of ['decide', 'limit', 'warn']) {
    const rules = trace.filter((t) => t.kind === kind);
    if (kind === 'decide') rules.sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0));
    if (!rules.length) continue;
    out.push('', `  ${c.bold(KIND_TITLE[kind]!)}`);
    for (const t of rules) {
      const mark = !t.enabled ? c.dim('○') : t.matched ? c.green('✓') : c.red('✗');
      const state = !t.enabled ? c.dim('switched off') : t.decided ? c.bold.green('DECIDED') : t.moved ? c.bold.yellow('MOVED THE ANSWER') : t.matched ? 'matched' : c.dim('did not match');
      const prio = t.priority !== undefined ? ` [${t.priority}]` : '';
      out.push(`  ${mark} ${c.bold(t.rule)}${prio} ${outcome(t)}  ${state}${t.origin ? c.dim(`  (${t.origin})`) : ''}`);
      for (const l of t.conditions) out.push(conditionLine(l, c));
    }
    if (kind === 'decide' && !trace.some((t) => t.decided)) out.push(`  ${c.bold.green('→')} no decide rule matched: the default${opts.defaultApproach ? ` (${opts.defaultApproach})` : ''} ${c.bold.green('DECIDED')}`);
  }
  return out.join('\n') + '\n';
}
