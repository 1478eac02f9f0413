// The floors of src/core (docs/architecture.md): every import points to the same folder or to a
// lower floor, and no module imports itself back through a chain of others.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = resolve(__dirname, '../../src/core');
// Lowest first: a folder may import from itself and from the folders before it.
const FLOORS = ['text', 'answers', 'catalog', 'rules', 'estimate', 'result', 'decide', 'pipeline'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const modules = files(CORE);
const importsOf = new Map(
  modules.map((file) => {
    const text = readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => resolve(dirname(file), m[1]!).replace(/\.js$/, '.ts'));
    return [file, specs] as const;
  }),
);
const floorOf = (file: string) => relative(CORE, file).split('/')[0]!;

describe('src/core floors', () => {
  it('every module sits in a known folder', () => {
    expect(modules.filter((f) => !FLOORS.includes(floorOf(f))).map((f) => relative(CORE, f))).toEqual([]);
  });

  it('imports point down or sideways, never up, and never out of core', () => {
    const bad: string[] = [];
    for (const [file, specs] of importsOf) {
      for (const target of specs) {
        const from = relative(CORE, file);
        if (!target.startsWith(CORE + '/')) bad.push(`${from} → ${relative(CORE, target)} (outside core)`);
        else if (FLOORS.indexOf(floorOf(target)) > FLOORS.indexOf(floorOf(file))) bad.push(`${from} → ${relative(CORE, target)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('has no import circle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(CORE, p)).join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const t of importsOf.get(f) ?? []) visit(t, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of modules) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
