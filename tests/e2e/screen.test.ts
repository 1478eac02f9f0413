// What a person sees, in a real terminal of 80×24 and of 120×40 (tmux keeps the screen): the
// result fits the width and opens with one screen, the questionnaire ends on the decision, pick
// lists say what keys do, and a long batch shows its progress without wrapping.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, ROOT, tempDirs } from '../helpers.js';
import { hasTmux, Terminal, type Screen } from './tmux.js';
import { SELECT_KEYS } from '../../src/io/prompt.js';

const tmp = tempDirs('ml-advisor-screen-');
const SIZES = [[80, 24], [120, 40]] as const;
let open: Terminal | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

async function start(args: string[], cols: number, rows: number, cwd = ROOT): Promise<Terminal> {
  open = await Terminal.start([process.execPath, CLI, ...args], { cols, rows, cwd });
  return open;
}

/** No line was wrapped by the terminal: joining wrapped lines back changes nothing. */
function unwrapped(s: Screen): void {
  expect(s.joined, s.rows.join('\n')).toEqual(s.rows);
}

const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.skipIf(!hasTmux())('in a real terminal', { timeout: 90000 }, () => {
  it.each(SIZES)('decide at %i×%i: fits the width, and the whole opening screen is on the screen', async (cols, rows) => {
    for (const example of ['support-tickets.yaml', 'defect-detection.yaml', 'credit-scoring.yaml']) {
      const t = await start(['decide', '--answers', join('examples', example)], cols, rows);
      expect(await t.exited()).toBe(0);
      const s = await t.screen();
      unwrapped(s);
      // Everything it printed is still on the screen, from the first line: nothing scrolled away.
      expect(s.rows[0]).toMatch(/^Recommendation: /);
      expect(s.rows.join('\n')).toMatch(/\nRules: built-in/);
      for (const r of s.rows) expect([...r].length).toBeLessThanOrEqual(cols);
      await t.close();
      open = undefined;
    }
  });

  it.each(SIZES)('the questionnaire at %i×%i offers to save before the result, and ends on the decision', async (cols, rows) => {
    const dir = tmp();
    const t = await start(['decide'], cols, rows, dir);
    const step = async (pattern: string, ...keys: string[]) => {
      await t.waitFor(new RegExp(escape(pattern)));
      for (const k of keys) {
        if (/^[A-Z][a-z]+$|^C-/.test(k)) await t.press(k);
        else await t.type(k);
      }
    };
    const first = await t.waitFor(/\? What should the model do\?/);
    // The pick list is numbered and its footer says every key that works.
    unwrapped(first);
    expect(first.rows.join('\n')).toContain(SELECT_KEYS);
    expect(first.rows.join('\n')).toMatch(/❯ 1\. text-classification/);
    // Typing the first letters of a choice jumps to it.
    await t.type('obj');
    await t.waitFor(/❯ \d+\. object-detection/);
    await t.press('Enter');
    await step('? Does a public pre-trained model already do this?', 'Down', 'Enter'); // close
    await step('? How did the best pre-trained model score', 'Enter');
    await step('? How far is your data', 'Enter');
    // The example fits the task: images, not tickets.
    const labels = await t.waitFor(/\? How many labelled examples/);
    expect(labels.joined.join(' ')).toContain('5,000 photos of parts');
    await t.type('5k');
    await t.press('Enter');
    for (const q of ['? How many unlabelled examples', '? Who would label more examples?', '? Is your data of a kind', '? What is the whole budget', '? In how many weeks', '? Can the team design', '? Will decisions affect people', '? May the data leave', '? Where will the model run?', '? What p95 latency', '? How good must it be?', '? Have you tried a simple baseline', '? How clean are your labels', '? Sharpen the estimates', '? Decide with these answers, or change one?']) {
      await step(q, 'Enter');
    }
    await step('? Save these answers to a file', 'y', 'Enter');
    await step('? File name:', 'Enter');
    expect(await t.exited(30000)).toBe(0);
    const s = await t.screen();
    unwrapped(s);
    const text = s.rows.join('\n');
    // The last thing on the screen is the decision, whole: the save prompt came before it.
    const top = s.rows.findIndex((r) => r.startsWith('Recommendation: '));
    expect(top, text).toBeGreaterThanOrEqual(0);
    expect(text.slice(text.indexOf('Recommendation: '))).not.toMatch(/Save these answers|Saved to/);
    expect(text).toMatch(/Next steps/);
    expect(text).toMatch(/Rules: built-in/);
  });

  it('a long batch shows rows done of the total, the rate and the time left, on one line that never wraps', async () => {
    const dir = tmp();
    const row = JSON.stringify({ task: 'text-classification', existingModel: 'close', labeledExamples: 2500, budgetUsd: 40000 });
    writeFileSync(join(dir, 'big.jsonl'), `${row}\n`.repeat(20000));
    for (const cols of [80, 30]) {
      const t = await start(['batch', 'big.jsonl', '--output', 'out.jsonl'], cols, 24, dir);
      const during = await t.waitFor(/[\d,]+ of 20,000 rows/, 60000);
      const line = during.rows.find((r) => r.includes('of 20,000 rows'))!;
      if (cols === 80) expect(line).toMatch(/^[\d,]+ of 20,000 rows \(\d+%\) · [\d,]+ rows\/s · about \d+ (s|min) left$/);
      else expect(line).toMatch(/^[\d,]+ of 20,000 rows.*…$/);
      // Shorter than the width: redrawn in place, it can never wrap (the screen is still changing
      // here, so two captures of it would not compare).
      expect([...line].length).toBeLessThan(cols);
      expect(await t.exited(120000)).toBe(0);
      // The summary wraps at spaces on a narrow terminal: never inside a word.
      const s = await t.screen();
      unwrapped(s);
      expect(s.rows.join('\n')).toMatch(/batch: 20,000 rows:\s+20,000\s+fine-tune/);
      for (const r of s.rows) expect([...r].length).toBeLessThanOrEqual(cols);
      await t.close();
      open = undefined;
    }
  });
});
