// Where to start: the starting models of the catalog that serve this task, ranked for the spot
// and the constraints (self-hosting, small devices, the domain).
import type { Answers, Approach } from '../answers/fields.js';
import type { SuggestedModel } from '../result/result.js';
import { holdsDefine } from '../rules/classes.js';
import type { RuleSet } from '../rules/rule-set.js';

export function suggestModels(answers: Answers, rs: RuleSet, approach: Approach): SuggestedModel[] {
  const small = holdsDefine(rs, 'on-device', answers);
  let pool = rs.catalog.models.filter((m) => (answers.task === 'other' ? m.modality === answers.modality : m.tasks.includes(answers.task)));
  if (answers.privacy === 'self-hosted-only') pool = pool.filter((m) => m.selfHostable);
  if (small) {
    const smallOnes = pool.filter((m) => m.small);
    if (smallOnes.length) pool = smallOnes;
  }
  const ranked = pool
    .map((m, i) => {
      let score = -i * 0.01;
      if (approach === 'train-from-scratch' && m.modality === 'tabular') score += 1;
      if (m.domain && answers.sensitiveDomain === 'healthcare' && m.domain === 'biomedical') score += 0.5;
      return { m, score };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, 4);
  return ranked.map(({ m }) => ({ name: m.name, source: m.source, why: m.why, licence: m.licence, selfHostable: m.selfHostable, ...(m.params ? { params: m.params } : {}) }));
}
