// What pricing one spot needs: the inputs, and where assumptions, issues and stale prices go.
import type { InputIssue } from '../answers/check.js';
import type { Answers } from '../answers/fields.js';
import type { EstimatesCatalog, LabelPrice } from '../catalog/catalog.js';
import type { Assumptions } from './assumptions.js';

export interface Context {
  answers: Answers;
  /** The answers compute reads, read once. */
  inputs: ComputeInputs;
  est: EstimatesCatalog;
  A: Assumptions;
  issues: InputIssue[];
  /** Records a price that was used, for the staleness check. */
  price: (what: string, asOf: string) => void;
  /** Whether prices used are recorded (not for a what-would-change probe, which reads figures only). */
  tracksPrices: boolean;
  evaluatedOn?: string;
  labelPrice?: { id: string; price: LabelPrice };
}

/**
 * The answers compute reads, read once per estimate into one fixed shape: probes hand in answer
 * objects that V8 keeps as dictionaries, and reading a dozen fields from them for every spot of
 * every probe cost more than the arithmetic.
 */
export interface ComputeInputs {
  architecture?: string;
  modelParams?: number;
  trainingTokens?: number;
  trainingSamples?: number;
  forwardGflops?: number;
  inputResolution?: number;
  unlabeledExamples: number;
  gpu?: string;
  gpuCount?: number;
  mfu?: number;
  gpuHourlyUsd?: number;
  /** Read only when it can change the GPUs (see chooseHardware). */
  timelineWeeks: () => number | undefined;
  /** Whether timelineWeeks was read since the estimate last cleared it (it does so for each spot). */
  timelineRead: boolean;
}

export function computeInputs(a: Answers): ComputeInputs {
  const inputs: ComputeInputs = {
    architecture: a.architecture,
    modelParams: a.modelParams,
    trainingTokens: a.trainingTokens,
    trainingSamples: a.trainingSamples,
    forwardGflops: a.forwardGflops,
    inputResolution: a.inputResolution,
    unlabeledExamples: a.unlabeledExamples,
    gpu: a.gpu,
    gpuCount: a.gpuCount,
    mfu: a.mfu,
    gpuHourlyUsd: a.gpuHourlyUsd,
    // Handed on as a plain function (chooseHardware's `given`): it records on `inputs`, not on `this`.
    timelineWeeks: () => {
      inputs.timelineRead = true;
      return a.timelineWeeks;
    },
    timelineRead: false,
  };
  return inputs;
}
