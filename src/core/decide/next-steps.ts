// What to do first: steps for the warnings raised, then for the spot recommended.
import type { Answers, Approach } from '../answers/fields.js';
import { familyFor } from '../rules/classes.js';
import type { SuggestedModel, Warning } from '../result/result.js';
import type { RuleSet } from '../rules/rule-set.js';

export function nextSteps(answers: Answers, approach: Approach, warnings: Warning[], rs: RuleSet, models: SuggestedModel[]): string[] {
  const has = (id: string) => warnings.some((w) => w.id === id);
  const steps: string[] = [];
  const first = models[0]?.name;
  if (has('search-hubs-first')) steps.push(`Search ${rs.catalog.hubs.map((h) => h.name).join(', ') || 'the model hubs'} for ${answers.task} models and note the best three.`);
  if (has('evaluate-on-own-data')) steps.push('Hold out a test set of a few hundred of your own examples and score the best pre-trained candidate on it.');
  if (has('try-baseline-first')) steps.push('Build the simple baseline and record its score as the bar to beat.');
  if (has('data-quality')) steps.push('Review a random sample of the data and labels; fix systematic errors before training.');
  switch (approach) {
    case 'use-as-is':
      steps.push(`Wrap ${first ?? 'the pre-trained model'} behind your feature, log its inputs and outputs, and monitor quality on live data.`);
      break;
    case 'feature-extraction':
      steps.push(`Run your data through ${first ?? 'a frozen pre-trained model'} once, cache the outputs, and fit a small model on top.`);
      break;
    case 'fine-tune':
      steps.push(`Fine-tune ${first ?? 'the closest pre-trained model'} on your labelled data, with a validation split and early stopping.`);
      break;
    case 'heavy-fine-tune':
      steps.push(`Continue training ${first ?? 'a pre-trained base'} on your domain data, then fine-tune on labels; track the test score at every stage.`);
      break;
    case 'train-from-scratch':
      steps.push(familyFor(rs, answers) === 'classical'
        ? `Train ${first ?? 'gradient-boosted trees'} on your own rows with a time-aware validation split, and compare against the baseline.`
        : 'Start with a small model trained on a slice of the data to validate the pipeline before scaling up.');
      break;
  }
  if (has('insufficient-data')) steps.push(`Plan labelling: ${answers.labelSource} labellers, a written guideline, and a sample double-labelled to measure agreement.`);
  if (has('bias-audit')) steps.push(`Define the groups and fairness metrics for ${answers.sensitiveDomain} and audit before launch.`);
  return steps;
}
