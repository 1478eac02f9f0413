// `decide --format markdown`: a decision record for a pull request.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

describe('decide --format markdown', () => {
  it('has the context, the decision, the five spots with cost and time columns, reasons, warnings, consequences and what would change it', async () => {
    const r = await runCli(['decide', '--answers', 'examples/support-tickets.yaml', '--format', 'markdown']);
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md.split('\n')[0]).toBe('# Decision: Fine-tune');
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## Context', '## Decision', '## Options considered', '## Reasons', '## Warnings', '## Consequences', '## What would change it', '## Assumptions']);
    expect(md).toContain('| `labeledExamples` | 2,500 |');
    expect(md).toContain('| # | Approach | Feasible | Method | Likely cost (USD) | Likely time (weeks) | Why |');
    const spots = md.split('\n').filter((l) => /^\| [0-4] \| /.test(l));
    expect(spots).toHaveLength(5);
    expect(spots[2]).toContain('**Fine-tune** (recommended)');
    expect(md).toContain('- **evaluate-on-own-data**:');
    expect(md).toMatch(/- with fewer than 1,000 labelled examples this becomes feature-extraction/);
  });

  it('is byte-identical across runs', async () => {
    const [a, b] = await Promise.all([1, 2].map(() => runCli(['decide', '--answers', 'examples/support-tickets.yaml', '--format', 'markdown'])));
    expect(a!.stdout).toBe(b!.stdout);
  });
});
