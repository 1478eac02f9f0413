// The classes of problems the rule set defines — a classical problem, a small device — and the
// family of methods a problem belongs to. Each class is defined once, as a `define` of the rule
// set (rules/decision.yaml); the family map, the question plan and the estimates read it here, so
// a company layer that redefines a class changes all of them together.
import type { Answers, Modality } from '../answers/fields.js';
import { modalityOf, type RawAnswers } from '../answers/question-plan.js';
import type { Family } from '../catalog/catalog.js';
import { predicateFor, type Facts } from './conditions.js';
import type { RuleSet } from './rule-set.js';

/** Whether the named `define` of the rule set holds; false when the set does not define it. */
export function holdsDefine(rs: RuleSet, name: string, facts: Facts | Record<string, unknown>): boolean {
  const d = rs.defines.get(name);
  return d !== undefined && predicateFor(d, rs.defines)(facts as Facts);
}

/** A problem where a model trained on your own rows is the norm (`define: classical-problem`). */
export const isClassicalProblem = (rs: RuleSet, facts: Facts | Record<string, unknown>): boolean => holdsDefine(rs, 'classical-problem', facts);

/** The classical-problem test on answers still being collected (the modality may come from the task). */
export function classicalTestFor(rs: RuleSet): (a: RawAnswers) => boolean {
  return (a) => isClassicalProblem(rs, { ...a, modality: modalityOf(a) });
}

/** The family for a kind of data when the task names none. Classical is never one: the define decides it. */
const MODALITY_FAMILY: Record<Modality, Family> = {
  text: 'text-encoder',
  image: 'vision',
  audio: 'speech',
  video: 'vision',
  tabular: 'other',
  'time-series': 'other',
  graph: 'other',
  multimodal: 'other',
  scientific: 'science',
};

/** The family whose methods and estimates describe this problem. */
export function familyFor(rs: RuleSet, answers: Answers): Family {
  if (isClassicalProblem(rs, answers)) return 'classical';
  const byTask = answers.task === 'other' ? undefined : rs.catalog.tasks[answers.task];
  return byTask ?? MODALITY_FAMILY[answers.modality];
}
