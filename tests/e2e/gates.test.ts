// The gates through the built binary: exit codes, stderr naming the gate, stdout still the result.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const ANSWERS = ['decide', '--answers', 'examples/support-tickets.yaml', '--json'];

describe('decide gates (built binary)', () => {
  it('exits 0 when the recommended spot fits every gate', async () => {
    const r = await runCli([...ANSWERS, '--max-cost', '1000000', '--max-weeks', '52', '--fail-on', 'heavy-fine-tune']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('--max-cost: exits 1, names the gate on stderr, keeps the result on stdout', async () => {
    const r = await runCli([...ANSWERS, '--max-cost', '10000']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('gate failed: --max-cost 10,000: fine-tune would likely cost 18,567 USD\n');
    const result = JSON.parse(r.stdout);
    expect(result.recommendation.approach).toBe('fine-tune');
    expect(result.spectrum[2].cost.likely).toBe(18567);
  });

  it('--max-weeks: exits 1 when the likely time is over', async () => {
    const r = await runCli([...ANSWERS, '--max-weeks', '2']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('gate failed: --max-weeks 2: fine-tune would likely take 3 weeks\n');
  });

  it('--fail-on: exits 1 at that spot or further right, 0 to its left', async () => {
    expect((await runCli([...ANSWERS, '--fail-on', 'fine-tune'])).code).toBe(1);
    expect((await runCli([...ANSWERS, '--fail-on', 'use-as-is'])).code).toBe(1);
    expect((await runCli([...ANSWERS, '--fail-on', 'train-from-scratch'])).code).toBe(0);
  });

  it('bad gate values are usage errors (exit 2)', async () => {
    const r = await runCli([...ANSWERS, '--fail-on', 'fine']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean fine-tune?');
    expect((await runCli([...ANSWERS, '--max-cost', 'lots'])).code).toBe(2);
  });

  it('an unknown GPU is invalid input (exit 3) naming the closest id', async () => {
    const r = await runCli([...ANSWERS, '--set', 'gpu=h100']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('did you mean "h100-sxm"?');
    expect(r.stdout).toBe('');
  });

  it('--as-of moves the date prices are judged against; the output never depends on the clock', async () => {
    const now = JSON.parse((await runCli(ANSWERS)).stdout);
    expect(now.warnings.map((w: { id: string }) => w.id)).not.toContain('stale-price');
    const later = await runCli([...ANSWERS, '--as-of', '2027-12']);
    expect(later.code).toBe(0);
    expect(JSON.parse(later.stdout).warnings.map((w: { id: string }) => w.id)).toContain('stale-price');
    expect((await runCli([...ANSWERS, '--as-of', 'January'])).code).toBe(2);
  });

  it('text output draws all five spots with the recommended one marked', async () => {
    const r = await runCli(['decide', '--answers', 'examples/support-tickets.yaml', '--no-color']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('cost, USD (log scale)');
    expect(r.stdout).toMatch(/▶ fine-tune +[·├─●┤ ]+ 19k +[·├─●┤ ]+ +3$/m);
    expect(r.stdout).toMatch(/✗ train-from-scratch/);
    expect(r.stdout).not.toContain(String.fromCharCode(27));
  });
});
