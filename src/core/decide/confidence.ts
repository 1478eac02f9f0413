// How sure the recommendation is, and why it is not surer: each thing that lowers it is named, so
// that a low-confidence summary says what would firm it up (or that a rule caps it).
import { FIELD_BY_NAME, type Answers } from '../answers/fields.js';
import type { Confidence } from '../result/result.js';
import type { Choice } from './choose.js';
import type { RuleEvaluation } from './evaluation.js';
import type { MovedBy } from './fit.js';

const LEVELS: Confidence[] = ['low', 'medium', 'high'];

export interface ConfidenceVerdict {
  level: Confidence;
  /** What lowered it, in words, in the order met. */
  causes: string[];
}

/**
 * `nearTie` may be a question asked on demand (a near-tie search probes the rules): it is then
 * asked only when it can still lower the level, and a verdict that did not ask does not list it
 * among the causes. A summary reads the level alone.
 */
export function confidenceOf(choice: Choice, answers: Answers, given: ReadonlySet<string>, evaluation: RuleEvaluation, nearTie: boolean | (() => boolean), moved?: MovedBy): ConfidenceVerdict {
  let score = 2;
  const causes: string[] = [];
  const capped = choice.decidedBy?.then.confidence;
  if (capped) {
    score = Math.min(score, LEVELS.indexOf(capped));
    causes.push(`rule ${choice.decidedBy!.id} allows no more than ${capped} confidence`);
  }
  if (!choice.decidedBy) {
    score = Math.min(score, 1);
    causes.push('no rule fits these answers, so the default decided');
  }
  if (answers.existingModel === 'unknown') {
    score -= 1;
    causes.push('nobody has searched the model hubs yet');
  }
  if (choice.decidedBy) {
    // A default that helped the deciding rule hold is a guess the decision rests on. (A default
    // that merely fails to rule the rule out, via isNot / notIn, is not leaned on.)
    const leaned = evaluation.leaves(choice.decidedBy).filter((l) => l.holds && l.op !== 'isNot' && l.op !== 'notIn' && FIELD_BY_NAME.get(l.field)?.default !== undefined && !given.has(l.field));
    if (leaned.length) {
      score -= 1;
      causes.push(`it rests on defaults you did not give (${[...new Set(leaned.map((l) => l.field))].join(', ')})`);
    }
  }
  // The lowest level already, counting what `moved` takes off below: a near tie cannot lower it.
  const nearTieLowers = score - (moved ? 1 : 0) > 0;
  if (typeof nearTie === 'boolean' ? nearTie : nearTieLowers && nearTie()) {
    score -= 1;
    causes.push('an answer sits close to a threshold that would change it');
  }
  if (moved) {
    // The estimates, not the rules, chose the spot, and several of their figures are judgement.
    score -= 1;
    causes.push(moved === 'total' ? `the running costs at your volume moved it from the rules' ${choice.approach}` : `the budget or timeline moved it from the rules' ${choice.approach}`);
  }
  return { level: LEVELS[Math.max(0, score)]!, causes };
}
