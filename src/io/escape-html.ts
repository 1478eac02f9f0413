// Text into HTML. Everything a page shows may come from a rule file or an answers file (a
// method, a warning, a model's name, an assumption's source), so every piece of text goes through
// `escapeHtml`, in element content and in attribute values alike.

// The escaping itself is the one definition in core/text/escape.ts (which also drops control
// characters); this file adds the tagged template the pages are written with.
import { escapeHtml as escapeHtmlText } from '../core/text/escape.js';

/** Text (of any value) safe as element content and inside a quoted attribute value. */
export function escapeHtml(text: unknown): string {
  return escapeHtmlText(String(text));
}

/** A tagged template whose interpolations are escaped, unless already marked safe with `raw`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export const raw = (s: string): Html => new Html(s);

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Html(out);
}

function render(v: unknown): string {
  if (v === undefined || v === null || v === false) return '';
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(v);
}
