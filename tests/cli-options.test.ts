// The flags table drives the commander tree: every command has exactly the flags the table lists
// for it, spelt and described as the table says, with the table's choices.
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { COMMAND_FLAGS, FLAGS } from '../src/cli-options.js';
import { buildProgram } from '../src/program.js';
import type { IO } from '../src/io/io.js';

const program = buildProgram({} as IO, { exitCode: 0, debug: false });
const commandAt = (path: string): Command => path.split(' ').reduce<Command>((cmd, name) => cmd.commands.find((c) => c.name() === name)!, program);

describe('the flags table', () => {
  for (const [path, uses] of Object.entries(COMMAND_FLAGS)) {
    it(`${path} takes the flags the table lists`, () => {
      const options = commandAt(path).options.filter((o) => o.long !== '--help');
      const expected = uses.map((u) => {
        const [name, description] = typeof u === 'string' ? [u, undefined] : u;
        const def = FLAGS[name as keyof typeof FLAGS];
        return { flags: def.flags, description: description ?? def.description, choices: 'choices' in def ? [...def.choices] : undefined };
      });
      expect(options.map((o) => ({ flags: o.flags, description: o.description, choices: o.argChoices }))).toEqual(expected);
    });
  }
  it('repeatable flags collect every value', async () => {
    const seen: unknown[] = [];
    const p = buildProgram({} as IO, { exitCode: 0, debug: false });
    p.commands.find((c) => c.name() === 'decide')!.action(async (opts) => void seen.push(opts));
    await p.parseAsync(['node', 'ml-advisor', 'decide', '--set', 'a=1', '--set', 'b=2', '--rules', 'x.yaml', '--no-input']);
    expect(seen[0]).toMatchObject({ set: ['a=1', 'b=2'], rules: ['x.yaml'], input: false });
  });
});
