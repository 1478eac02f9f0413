// Catalog problems a rules layer can introduce, found when the layers are merged.
import type { InputIssue } from '../answers/check.js';
import type { EstimatesCatalog } from './catalog.js';

/** Catalog problems a rules layer can introduce: defaults naming unknown GPUs, a class with no MFU. */
export function checkEstimatesCatalog(est: EstimatesCatalog): InputIssue[] {
  const issues: InputIssue[] = [];
  const classes = new Set(Object.values(est.mfu).map((m) => m.class ?? 'transformer'));
  const noMfu = (cls: string) => !classes.has(cls);
  for (const [name, fam] of Object.entries(est.families)) {
    for (const key of ['gpu', 'scratchGpu'] as const) {
      const hw = est.hardware[fam[key]];
      if (!hw) issues.push({ path: ['estimates', 'families', name, key], message: `"${fam[key]}" is not in estimates.hardware` });
      else if (!est.prices[fam[key]]) issues.push({ path: ['estimates', 'families', name, key], message: `"${fam[key]}" has no price in estimates.prices` });
      else if (!Object.values(est.mfu).some((m) => m.generations.includes(hw.generation))) issues.push({ path: ['estimates', 'mfu'], message: `no MFU range for ${hw.generation} hardware (${fam[key]})` });
    }
    if (noMfu(fam.mfuClass ?? 'transformer')) issues.push({ path: ['estimates', 'families', name, 'mfuClass'], message: `no estimates.mfu entry for the "${fam.mfuClass ?? 'transformer'}" class` });
  }
  for (const [id, a] of Object.entries(est.architectures)) {
    if (noMfu(a.class)) issues.push({ path: ['estimates', 'architectures', id, 'class'], message: `no estimates.mfu entry for the "${a.class}" class` });
  }
  // An MFU range for a generation no GPU has is never used: a misspelt generation would
  // otherwise leave the GPUs it was meant for without the range, silently.
  const generations = new Set(Object.values(est.hardware).map((hw) => hw.generation));
  for (const [id, m] of Object.entries(est.mfu)) {
    m.generations.forEach((g, i) => {
      if (!generations.has(g)) {
        issues.push({ path: ['estimates', 'mfu', id, 'generations', i], message: `no GPU in estimates.hardware is of generation ${JSON.stringify(g)}, so this MFU range can never be used`, hint: `the generations are ${[...generations].sort().join(', ')}` });
      }
    });
  }
  return issues;
}
