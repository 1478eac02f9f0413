// JUnit XML, the test report every CI system shows as tests: one <testcase> per batch row or rule
// case. Built from plain test cases so that `batch` and `rules test` share the document shape.

export interface JunitCase {
  name: string;
  classname: string;
  file?: string;
  line?: number;
  /** A failed case: a one-line message and the details. */
  failure?: { type: string; message: string; details: string };
}

// Characters XML 1.0 does not allow at all (C0 controls but tab, newline, carriage return; lone surrogates; U+FFFE/F).
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const attrs = (o: Record<string, string | number | undefined>) =>
  Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');

/** One test suite as a JUnit document. No timestamps or durations: the same input gives the same bytes. */
export function renderJunit(suite: string, cases: readonly JunitCase[]): string {
  const failures = cases.filter((c) => c.failure).length;
  const counts = { tests: cases.length, failures, errors: 0, skipped: 0 };
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attrs({ name: 'ml-advisor', ...counts })}>`, `  <testsuite${attrs({ name: suite, ...counts })}>`];
  for (const c of cases) {
    const head = `    <testcase${attrs({ name: c.name, classname: c.classname, file: c.file, line: c.line })}`;
    if (!c.failure) {
      out.push(`${head}/>`);
      continue;
    }
    out.push(`${head}>`, `      <failure${attrs({ type: c.failure.type, message: c.failure.message })}>${escapeXml(c.failure.details)}</failure>`, '    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return out.join('\n') + '\n';
}
