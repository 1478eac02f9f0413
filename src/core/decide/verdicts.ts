// The framework's three questions answered for one problem, in words.
import type { Answers } from '../answers/fields.js';
import type { Result } from '../result/result.js';
import { formatValue } from '../rules/conditions.js';

export function frameworkVerdicts(answers: Answers, classical: boolean): Result['framework'] {
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
    return `Yes: your data is ${answers.domainShift === 'none' ? 'like' : `a ${answers.domainShift} step from`} public pre-training data, so a pre-trained model can be adapted with the ${labels} you have.`;
  })();
  const q3 = (() => {
    const unique = answers.existingModel === 'none' && answers.proprietaryData;
    const resources: string[] = [];
    if (answers.mlExpertise !== 'strong') resources.push(`${answers.mlExpertise === 'none' ? 'no' : 'only some'} ML expertise`);
    if (answers.budgetUsd !== undefined && answers.budgetUsd < 100000) resources.push(`a budget of ${formatValue(answers.budgetUsd)} USD`);
    if (unique) return resources.length ? `In part: the data is proprietary and nothing comes close, but ${resources.join(' and ')} ${resources.length > 1 ? 'argue' : 'argues'} against training from random weights.` : 'Yes: the data is proprietary, nothing public comes close, and the team has the expertise to train.';
    if (answers.proprietaryData) return 'Not entirely: the data is proprietary, but public models come close enough to start from.';
    return 'No: the data is of a kind public models have seen, so there is no case for a model of your own from random weights.';
  })();
  return [
    { question: 'Has someone already solved this?', verdict: q1 },
    { question: 'Is my problem close to something that has been solved?', verdict: q2 },
    { question: 'Is my problem truly unique?', verdict: q3 },
  ];
}
