// Machine-readable renderings of a result.
import type { Result } from '../core/result/result.js';
import { loadYaml } from './yaml.js';

export function renderJson(result: unknown): string {
  return JSON.stringify(result, null, 2) + '\n';
}

export async function renderYaml(result: Result): Promise<string> {
  const { stringify } = await loadYaml();
  return stringify(result, { lineWidth: 0, aliasDuplicateObjects: false });
}
