// The escaping of the CI formats: a workflow command stays one command whatever the message holds,
// and a JUnit document stays well-formed XML.
import { describe, expect, it } from 'vitest';
import { workflowCommand } from '../../src/io/render-github.js';
import { escapeXml, renderJunit } from '../../src/io/render-junit.js';

describe('workflowCommand', () => {
  it.each([
    [{ level: 'error', message: 'plain' }, '::error::plain\n'],
    [{ level: 'warning', message: 'a\nb\r\n100%', file: 'a,b:c.yaml', line: 3, col: 5, title: 'x: y, z' }, '::warning file=a%2Cb%3Ac.yaml,line=3,col=5,title=x%3A y%2C z::a%0Ab%0D%0A100%25\n'],
    // A line without a file means nothing to GitHub: it is left out.
    [{ level: 'notice', message: 'm', line: 4 }, '::notice::m\n'],
  ] as const)('%j', (a, expected) => {
    expect(workflowCommand(a)).toBe(expected);
  });
});

describe('JUnit', () => {
  it('escapes markup, quotes and characters XML cannot hold', () => {
    expect(escapeXml(`<a href="x">&'\u0001\uD800`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;\uFFFD\uFFFD');
    expect(escapeXml('😀 ok')).toBe('😀 ok');
  });

  it('counts cases and failures, and the same cases give the same bytes', () => {
    const cases = [{ name: 'a', classname: 'f' }, { name: 'b <2>', classname: 'f', file: 'f', line: 2, failure: { type: 'gate', message: 'm "q"', details: 'd & e' } }];
    const xml = renderJunit('suite', cases);
    expect(xml).toBe([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="ml-advisor" tests="2" failures="1" errors="0" skipped="0">',
      '  <testsuite name="suite" tests="2" failures="1" errors="0" skipped="0">',
      '    <testcase name="a" classname="f"/>',
      '    <testcase name="b &lt;2&gt;" classname="f" file="f" line="2">',
      '      <failure type="gate" message="m &quot;q&quot;">d &amp; e</failure>',
      '    </testcase>',
      '  </testsuite>',
      '</testsuites>',
      '',
    ].join('\n'));
    expect(renderJunit('suite', cases)).toBe(xml);
  });
});
