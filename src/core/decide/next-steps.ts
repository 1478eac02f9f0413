// What to do first: steps for the warnings raised, then for the spot recommended.
import type { Answers, Approach, Task } from '../answers/fields.js';
import { familyFor } from '../rules/classes.js';
import type { SuggestedModel, Warning } from '../result/result.js';
import type { RuleSet } from '../rules/rule-set.js';

const RETRIEVAL_STEP = (first: string) => `Index your documents with an embedding model (E5, BGE or GTE class), put the passages retrieved for each request into the prompt of ${first}, and score the answers on a held-out set of real questions.`;

/** The step that starts the work, where a task's first step is not its family's. */
const TASK_STEPS: Partial<Record<Task, Partial<Record<Approach, (first: string, a: Answers) => string>>>> = {
  'chat-assistant': { 'feature-extraction': RETRIEVAL_STEP },
  'question-answering': { 'feature-extraction': RETRIEVAL_STEP },
  'text-generation': { 'feature-extraction': RETRIEVAL_STEP },
  'code-generation': {
    'use-as-is': (first) => `Try ${first} on a sample of real tasks from your own repositories (tests passing, changes accepted in review) before rolling it out to the team.`,
    'feature-extraction': (first) => `Index your repositories and internal docs, retrieve the relevant files into the prompt of ${first}, and measure it on real tasks from your codebase (tests passing).`,
  },
  'named-entity-recognition': { 'use-as-is': (first) => `Write the fields you need as a JSON schema, call ${first} with its output constrained to that schema, and score it on a hundred or more hand-checked documents.` },
  'speech-recognition': { 'use-as-is': (first) => `Measure the word error rate of ${first} on an hour of your own recordings, giving it your vocabulary as prompts or phrase hints, before collecting transcripts for a fine-tune.` },
  'semantic-search': {
    'use-as-is': (first) => `Index your documents with ${first} and measure recall on a few hundred real queries with known good results.`,
    'feature-extraction': (first) => `Index your documents with ${first}, add keyword search and a re-ranker on top, and tune the ranking on a few hundred real queries with known good results.`,
  },
  'object-detection': { 'use-as-is': (first) => `Run ${first} on a few hundred of your own images (describing the objects in words, if it is open-vocabulary) and measure precision and recall before labelling any boxes.` },
  'anomaly-detection': {
    'feature-extraction': (first, a) => (a.modality === 'image' || a.modality === 'video'
      ? `Build a memory bank of frozen ${first} features from images of good parts only, set the threshold on a few known defects, and measure misses and false alarms.`
      : `Run your data through ${first} once, cache the outputs, and fit a small model on top.`),
  },
};

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
      steps.push(TASK_STEPS[answers.task]?.['use-as-is']?.(first ?? 'the pre-trained model', answers) ?? `Wrap ${first ?? 'the pre-trained model'} behind your feature, log its inputs and outputs, and monitor quality on live data.`);
      break;
    case 'feature-extraction':
      steps.push(TASK_STEPS[answers.task]?.['feature-extraction']?.(first ?? 'a frozen pre-trained model', answers) ?? `Run your data through ${first ?? 'a frozen pre-trained model'} once, cache the outputs, and fit a small model on top.`);
      break;
    case 'fine-tune':
      steps.push(`Fine-tune ${first ?? 'the closest pre-trained model'} on your labelled data, with a validation split and early stopping.`);
      break;
    case 'heavy-fine-tune':
      steps.push(`Continue training ${first ?? 'a pre-trained base'} on your domain data, then fine-tune on labels; track the test score at every stage.`);
      break;
    case 'train-from-scratch':
      steps.push(familyFor(rs, answers) === 'classical'
        ? `Train ${first ?? 'gradient-boosted trees'} on your own rows (minutes on a CPU) with a time-aware validation split, and compare against the baseline.`
        : 'Start with a small model trained on a slice of the data to validate the pipeline before scaling up.');
      break;
  }
  if (has('insufficient-data')) steps.push(`Plan labelling: ${answers.labelSource} labellers, a written guideline, and a sample double-labelled to measure agreement.`);
  if (has('bias-audit')) steps.push(`Define the groups and fairness metrics for ${answers.sensitiveDomain} and audit before launch.`);
  return steps;
}
