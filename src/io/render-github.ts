// GitHub Actions workflow commands (`::error file=…,line=…::message`): a failed gate, an invalid
// row and each warning become an annotation on the answers file, at the line of the field concerned.
// Escaping as @actions/core does it, so a message with a newline or a colon stays one annotation.
import { gateFields, warningFields } from '../core/result/concerns.js';
import type { Result } from '../core/result/result.js';
import { gateLabel } from '../core/result/row-gates.js';
import type { RuleSet } from '../core/rules/rule-set.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  message: string;
  title?: string;
  file?: string;
  line?: number;
  col?: number;
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function workflowCommand(a: Annotation): string {
  const props: string[] = [];
  if (a.file) props.push(`file=${escapeProperty(a.file)}`);
  if (a.file && a.line !== undefined) props.push(`line=${a.line}`);
  if (a.file && a.line !== undefined && a.col !== undefined) props.push(`col=${a.col}`);
  if (a.title) props.push(`title=${escapeProperty(a.title)}`);
  return `::${a.level}${props.length ? ` ${props.join(',')}` : ''}::${escapeData(a.message)}\n`;
}

/** Where a decision's answers came from, to point annotations at: the file, and the line of a field in it. */
export interface AnswersLocation {
  file?: string;
  /** The line of a top-level field, when the file has it. */
  lineOf?: (field: string) => number | undefined;
}

function firstLine(fields: string[], at: AnswersLocation): number | undefined {
  for (const f of fields) {
    const line = at.lineOf?.(f);
    if (line !== undefined) return line;
  }
  return undefined;
}

/** The annotations of one decision: its failed gates (errors), its warnings, and why a gate passed when that may surprise. */
export function decisionAnnotations(result: Result, rs: RuleSet, at: AnswersLocation, notes: readonly string[] = [], title = 'ml-advisor', opts: { summary?: boolean } = {}): Annotation[] {
  const out: Annotation[] = [];
  for (const g of result.failedGates ?? []) {
    out.push({ level: 'error', title: `${title}: ${gateLabel(g)} failed`, message: g.message, file: at.file, line: firstLine(gateFields(g, result, rs), at) });
  }
  for (const w of result.warnings) {
    out.push({ level: 'warning', title: `${title}: ${w.id}`, message: w.message, file: at.file, line: firstLine(warningFields(w, rs), at) });
  }
  for (const n of notes) out.push({ level: 'notice', title: `${title}: gate`, message: n, file: at.file });
  if (opts.summary !== false) out.push({ level: 'notice', title: `${title}: ${result.recommendation.approach}`, message: result.recommendation.summary, file: at.file, line: firstLine(['task'], at) });
  return out;
}
