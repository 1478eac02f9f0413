// The answer fields the estimates read. A what-would-change probe of any other field reuses the
// estimates of the answers as given, so this list must hold every field the estimate code reads:
// tests/core/estimate-properties.test.ts watches the estimates read the answers over the whole
// answer space and fails on a field missing here.
import type { Answers } from '../answers/fields.js';

export const ESTIMATE_INPUTS: ReadonlySet<keyof Answers> = new Set<keyof Answers>([
  'task', 'modality', 'labeledExamples', 'unlabeledExamples', 'labelSource',
  'modelParams', 'trainingTokens', 'trainingSamples', 'gpu', 'gpuCount', 'gpuHourlyUsd', 'mfu',
  'architecture', 'forwardGflops', 'inputResolution',
  // The GPUs of a run longer than a day follow the timeline (estimate/hardware.ts).
  'timelineWeeks',
  'engineerWeeklyUsd', 'teamSize',
  // Through the starting models each adapted spot is sized by (decide/models.ts).
  'privacy', 'deployment', 'sensitiveDomain',
  // The effort model's factors (estimates.effortFactors read these fields) and its team.
  'dataQuality', 'accuracyTarget', 'mlExpertise',
  // Labels by kind and profession, and the test set (none to buy once a model was measured).
  'labelCostUsd', 'labelers', 'expertLabel', 'offTheShelfResult',
  // Running costs and the total.
  'requestsPerMonth', 'tokensPerRequest', 'horizonMonths',
]);
