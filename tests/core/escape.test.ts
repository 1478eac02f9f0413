// One escaper per target: what a file's text may contain, and how it is shown on a terminal, in
// Markdown and in HTML.
import { describe, expect, it } from 'vitest';
import { controlIndex, describeControl, escapeHtml, escapeMarkdown, escapeTerminal, findControlText, markdownCell, markdownCode } from '../../src/core/text/escape.js';

const ESC = '\u001b';

describe('control characters', () => {
  it('finds C0 (but tab and line feed), DEL, C1 and bidirectional overrides', () => {
    for (const c of ['\u0000', '\u0007', '\b', '\r', ESC, '\u007f', '\u009b', '\u202e', '\u2066']) expect(controlIndex(`a${c}b`)).toBe(1);
    for (const ok of ['plain', 'tab\there', 'two\nlines', 'ünïcödé → ≥ ▲', '日本語', '👍🏽']) expect(controlIndex(ok)).toBe(-1);
  });

  it('names the character', () => {
    expect(describeControl(ESC)).toBe('U+001B (escape)');
    expect(describeControl('\u0085')).toBe('U+0085');
  });

  it('finds the first string or key with one, with its path, after decoding', () => {
    expect(findControlText({ rules: [{ id: 'a', then: { message: `hi ${ESC}]0;x\u0007` } }] })).toEqual({ path: ['rules', 0, 'then', 'message'], inKey: false, character: ESC });
    expect(findControlText({ ok: 1, [`k${ESC}`]: 2 })).toEqual({ path: [`k${ESC}`], inKey: true, character: ESC });
    expect(findControlText({ a: ['x', { b: 'y\nz' }], n: 3, t: true, z: null })).toBeUndefined();
  });

  it("with several, names the same one whatever the shape: an object's keys (the last first), then its values in order", () => {
    const BEL = '\u0007';
    expect(findControlText({ a: `x${ESC}`, b: { c: `y${BEL}` }, [`k${ESC}`]: 1, [`j${BEL}`]: 2 })).toEqual({ path: [`j${BEL}`], inKey: true, character: BEL });
    expect(findControlText({ a: [BEL], b: ESC })).toEqual({ path: ['a', 0], inKey: false, character: BEL });
    expect(findControlText([{ x: 1 }, [ESC, BEL]])).toEqual({ path: [1, 0], inKey: false, character: ESC });
    expect(findControlText({ a: { [`q${BEL}`]: 1 }, [`z${ESC}`]: { w: 1 } })).toEqual({ path: [`z${ESC}`], inKey: true, character: ESC });
    expect(findControlText(`top${ESC}`)).toEqual({ path: [], inKey: false, character: ESC });
  });
});

describe('escapeTerminal', () => {
  it('shows control characters as visible escapes and leaves everything else alone', () => {
    expect(escapeTerminal(`a${ESC}[2Jb\u0007`)).toBe('a\\u001b[2Jb\\u0007');
    expect(escapeTerminal('line one\n\tline two → ok')).toBe('line one\n\tline two → ok');
  });
});

describe('escapeMarkdown', () => {
  it('keeps text on one line, so a newline cannot start a heading', () => {
    expect(escapeMarkdown('hi\n# Heading')).toBe('hi # Heading');
    expect(escapeMarkdown('# Heading')).toBe('\\# Heading');
    expect(escapeMarkdown('> quote')).toBe('&gt; quote');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
  });

  it('escapes raw HTML, links, images and emphasis', () => {
    expect(escapeMarkdown('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeMarkdown('![x](http://e/x.png)')).toBe('!\\[x\\](http://e/x.png)');
    expect(escapeMarkdown('**bold** _it_ `code` ~~s~~ a|b \\')).toBe('\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~ a\\|b \\\\');
    expect(escapeMarkdown(`red ${ESC}[31m`)).toBe('red [31m'.replace('[', '\\['));
  });

  it('leaves ordinary prose readable', () => {
    const s = 'Fine-tune: fine-tune all layers (about 37,117 USD, 6 weeks); labeledExamples ≥ 1,000 (you: 2,500).';
    expect(escapeMarkdown(s)).toBe(s);
  });

  it('table cells cannot be ended by a pipe or a newline', () => {
    expect(markdownCell('a | b\nc')).toBe('a \\| b c');
  });

  it('code spans survive backticks and pipes', () => {
    expect(markdownCode('rule-id')).toBe('`rule-id`');
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('`x')).toBe('`` `x ``');
    expect(markdownCode('a|b\nc')).toBe('`a\\|b c`');
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters and drops control characters', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>${ESC}[2J`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;[2J');
  });
});
