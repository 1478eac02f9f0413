// The framework's three questions answered for one problem, in words.
import type { Answers, Task } from '../answers/fields.js';
import type { Family } from '../catalog/catalog.js';
import type { Result } from '../result/result.js';
import { formatValue } from '../rules/conditions.js';

/** How a pre-trained model is adapted, in the words of that kind of work (task first, then family). */
const ADAPTATION_WORDS: Partial<Record<Family | Task, (labels: string, n: number) => string>> = {
  llm: (labels, n) => `an instruction-tuned model can be steered with your documents in the prompt (retrieval) before any training${n >= 100 ? `, and fine-tuned with the ${labels} you have if that falls short` : ', and fine-tuned later once you have a few hundred good examples'}`,
  translation: (labels, n) => `a pre-trained translation model can be used with your glossary${n > 0 ? ` and fine-tuned on your parallel sentences (${labels})` : ', and fine-tuned once you have parallel sentences of your own'}`,
  'code-generation': () => 'a code model can be used as it is, with your own code retrieved into its prompt, before any training',
  'semantic-search': (labels) => `pre-trained embeddings can index your documents as they are, with the ${labels} you have spent on tuning the ranking`,
  speech: (labels) => `a pre-trained speech model can be used with your vocabulary as it is, then fine-tuned on your transcribed audio (${labels})`,
  vision: (labels) => `a pre-trained vision backbone can be adapted with the ${labels} you have, from a small head on frozen features to a full fine-tune`,
};

/**
 * The three questions answered for one problem. `family` words the adaptation in the terms of that
 * kind of work; `atScale` says the answers meet the rule set's `resourced-at-scale`.
 */
export function frameworkVerdicts(answers: Answers, family: Family, atScale = false): Result['framework'] {
  const classical = family === 'classical';
  const q1 = (() => {
    if (answers.offTheShelfResult === 'meets-target' && answers.existingModel !== 'none') return 'Yes: a public model already meets your target on your own test set.';
    switch (answers.existingModel) {
      case 'exact':
        return answers.offTheShelfResult === 'below-target'
          ? 'Partly: a public model does this exact task, but it fell short on your data.'
          : 'Probably: a public model does this exact task; it has not been measured on your data yet.';
      case 'close':
        return 'Not exactly: the nearest public models do a related task or work on related data.';
      case 'none':
        return classical ? 'No, and that is normal here: models for this kind of problem are trained on your own rows.' : 'No: nothing public does this task.';
      default:
        return 'Not known yet: nobody has searched the model hubs for this task.';
    }
  })();
  const labels = `${formatValue(answers.labeledExamples)} labelled example${answers.labeledExamples === 1 ? '' : 's'}`;
  const q2 = (() => {
    if (classical) return `The problem is a familiar one (${answers.task}), solved with well-known classical methods on your own data; you have ${labels}.`;
    if (answers.existingModel === 'none') return `No: nothing close exists to adapt, so any model must learn this task from your data (${labels}).`;
    if (answers.domainShift === 'large') return `Only loosely: your data is far from what public models learned from; you have ${labels}.`;
    const near = `your data is ${answers.domainShift === 'none' ? 'like' : `a ${answers.domainShift} step from`} public pre-training data`;
    const words = ADAPTATION_WORDS[answers.task] ?? ADAPTATION_WORDS[family];
    return `Yes: ${near}, so ${words?.(labels, answers.labeledExamples) ?? `a pre-trained model can be adapted with the ${labels} you have`}.`;
  })();
  const q3 = (() => {
    const unique = answers.existingModel === 'none' && answers.proprietaryData;
    const resources: string[] = [];
    if (answers.mlExpertise !== 'strong') resources.push(`${answers.mlExpertise === 'none' ? 'no' : 'only some'} ML expertise`);
    if (answers.budgetUsd !== undefined && answers.budgetUsd < 100000) resources.push(`a budget of ${formatValue(answers.budgetUsd)} USD`);
    // Your own rows are the norm for these problems; that is not a deep network from random weights.
    if (classical) return 'No need: for this kind of problem a classical model trained on your own rows (gradient-boosted trees, minutes on a CPU) is the norm, not a deep network trained from random weights.';
    if (unique) return resources.length ? `In part: the data is proprietary and nothing comes close, but ${resources.join(' and ')} ${resources.length > 1 ? 'argue' : 'argues'} against training from random weights.` : 'Yes: the data is proprietary, nothing public comes close, and the team has the expertise to train.';
    if (atScale) return `Not entirely: public models come close enough to start from, but with ${labels} of your own, a strong team and the budget, retraining one deeply (or a larger one) pays for itself.`;
    if (answers.proprietaryData) return 'Not entirely: the data is proprietary, but public models come close enough to start from.';
    return 'No: the data is of a kind public models have seen, so there is no case for a model of your own from random weights.';
  })();
  return [
    { question: 'Has someone already solved this?', verdict: q1 },
    { question: 'Is my problem close to something that has been solved?', verdict: q2 },
    { question: 'Is my problem truly unique?', verdict: q3 },
  ];
}
