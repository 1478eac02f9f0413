// Colour is decided once, here, and passed down as a Chalk instance.
import { Chalk, type ChalkInstance } from 'chalk';

export interface ColorContext {
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  noColorFlag?: boolean;
}

/** Colour only on a terminal, and never with --no-color, NO_COLOR (any value) or TERM=dumb. */
export function useColor({ isTTY, env, noColorFlag }: ColorContext): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return isTTY;
}

export function makeChalk(enabled: boolean): ChalkInstance {
  return new Chalk({ level: enabled ? 1 : 0 });
}
