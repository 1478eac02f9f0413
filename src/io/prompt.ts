// The prompt adapter: the only importer of @inquirer/prompts. Prompts draw on standard error
// (Inquirer draws on stdout by default, which would corrupt piped output).
// Callers load this module with a dynamic import, so that non-interactive runs never evaluate
// Inquirer. The named imports (not `import('@inquirer/prompts')`, which keeps every export) let
// esbuild drop the prompts we don't use: the editor prompt alone brings iconv-lite's encoding
// tables, about 500 kB that every start-up would read.
import { confirm, input, select } from '@inquirer/prompts';
import { styleText } from 'node:util';
import type { IO } from './io.js';

export interface SelectChoice<V extends string> {
  value: V;
  name: string;
  /** Shown under the list while the choice is highlighted. */
  description?: string;
  /** What stays on screen once chosen. */
  short?: string;
}

/** The three kinds of question the questionnaire asks. Ctrl-C rejects with ExitPromptError. */
export interface Prompter {
  select<V extends string>(q: { message: string; choices: SelectChoice<V>[]; default?: V; pageSize?: number }): Promise<V>;
  input(q: { message: string; default?: string; validate?: (text: string) => true | string; transformer?: (text: string, state: { isFinal: boolean }) => string }): Promise<string>;
  confirm(q: { message: string; default?: boolean }): Promise<boolean>;
}

/**
 * Pick lists: numbered, with a footer that says every key that works — Inquirer's default names
 * only the arrows, though typing a number or the first letters of a choice jumps to it.
 */
export const SELECT_KEYS = '↑↓ move • a number or the first letters jump • ⏎ choose • Ctrl-C stop';
const selectTheme = { indexMode: 'number' as const, style: { keysHelpTip: () => styleText('dim', SELECT_KEYS) } };

export function createPrompter(io: Pick<IO, 'stdin' | 'stderr'>): Prompter {
  const context = () => ({ input: io.stdin, output: io.stderr as unknown as NodeJS.WritableStream });
  return {
    select(q) {
      return select({ message: q.message, choices: q.choices, default: q.default, pageSize: q.pageSize ?? 10, theme: selectTheme }, context());
    },
    input(q) {
      return input({ message: q.message, default: q.default, validate: q.validate, transformer: q.transformer }, context());
    },
    confirm(q) {
      return confirm({ message: q.message, default: q.default }, context());
    },
  };
}
