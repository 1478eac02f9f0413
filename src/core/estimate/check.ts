// Answers that must agree with the estimates catalog.
import type { InputIssue } from '../answers/check.js';
import type { Answers } from '../answers/fields.js';
import type { EstimatesCatalog } from '../catalog/catalog.js';
import { closest } from '../text/closest.js';
import { quote } from '../text/excerpt.js';

/**
 * Answers that must match the catalog: an unknown GPU or architecture id names the closest known
 * one. A GPU with no published price is not an error: its hours are estimated and its cost flagged.
 */
export function checkEstimateAnswers(answers: Answers, est: EstimatesCatalog): InputIssue[] {
  const issues: InputIssue[] = [];
  if (answers.gpu !== undefined && !est.hardware[answers.gpu]) {
    const ids = Object.keys(est.hardware);
    // "h100" means h100-sxm, not v100, though both are one edit away.
    const near = ids.find((id) => id.startsWith(answers.gpu!.toLowerCase())) ?? closest(answers.gpu, ids);
    issues.push({ path: ['gpu'], message: `unknown GPU ${quote(answers.gpu)}; the hardware catalog has ${ids.join(', ')}`, hint: near ? `did you mean "${near}"?` : 'add it to a rules layer under estimates.hardware' });
  }
  if (answers.architecture !== undefined && !est.architectures[answers.architecture]) {
    const archs = Object.keys(est.architectures);
    const near = closest(answers.architecture, archs);
    issues.push({ path: ['architecture'], message: `unknown architecture ${quote(answers.architecture)}; the catalog has ${archs.join(', ')}`, hint: near ? `did you mean "${near}"?` : 'give forwardGflops and modelParams instead, or add it under estimates.architectures' });
  }
  return issues;
}
