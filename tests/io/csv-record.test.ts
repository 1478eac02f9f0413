import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { csvRecord } from '../../src/io/csv-record.js';

// The batch CSV writer does what csv-stringify (with escape_formulas) does, without its per-call
// set-up: the library is the oracle.
const library = (cells: (string | number)[]) => stringify([cells], { escape_formulas: true });

// Characters that matter to quoting and to formulas, mixed with plain text.
const special = fc.constantFrom(',', '"', '\n', '\r', '\r\n', '=', '+', '-', '@', '\t', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20', "'", ' ', ';');
const text = fc.array(fc.oneof(special, fc.string({ maxLength: 4 }), fc.constantFrom('fine-tune', 'over-budget insufficient-data', '–', 'é')), { maxLength: 6 }).map((parts) => parts.join(''));
const number = fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.double({ noNaN: true }), fc.constantFrom(0, -0, -1.5, 1e21, 1e-7));

describe('csvRecord', () => {
  it('writes what csv-stringify writes with escape_formulas, for any strings and numbers', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(text, number), { minLength: 1, maxLength: 12 }), (cells) => {
        expect(csvRecord(cells)).toBe(library(cells));
      }),
      { numRuns: 3000 },
    );
  });

  it('quotes, doubles quotes and marks formulas as a spreadsheet needs', () => {
    expect(csvRecord(['a,b', 'say "hi"', 'two\nlines', '=SUM(A1)', '-1', -1, '', 'plain'])).toBe('"a,b","say ""hi""","two\nlines",\'=SUM(A1),\'-1,-1,,plain\n');
    expect(csvRecord(['=a,b'])).toBe('"\'=a,b"\n');
  });
});
