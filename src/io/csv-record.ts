// One CSV record, written as csv-stringify writes it with `escape_formulas` (a test holds the two
// equal): a cell with a comma, a double quote or a line break is quoted, its quotes doubled, and a
// cell a spreadsheet would run as a formula gets a leading apostrophe. Batch writes one record a
// row, and the library normalised its options and built a stringifier on every call: more than
// the rest of writing the row. Cells are strings and numbers only.

// What a spreadsheet reads as the start of a formula (the full-width forms too: Apple Numbers
// normalises them). A minus starts one in text, not in a number.
const FORMULA_START: ReadonlySet<string> = new Set(['=', '+', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

function cell(field: string | number): string {
  let v = typeof field === 'number' ? String(field) : field;
  if (v === '') return v;
  const quoted = v.includes('"') || v.includes(',') || v.includes('\n') || v.includes('\r');
  const first = v[0]!;
  if (FORMULA_START.has(first) || (first === '-' && typeof field !== 'number')) v = `'${v}`;
  return quoted ? `"${v.replaceAll('"', '""')}"` : v;
}

/** The cells as one CSV line, with its line feed. */
export function csvRecord(cells: readonly (string | number)[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i === 0 ? '' : ',') + cell(cells[i]!);
  return `${line}\n`;
}
