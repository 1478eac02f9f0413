// Which GPUs a run gets when the answers do not fix them: the family's usual card for small jobs,
// its large-run card for big ones, and as many of them as the run's memory and a sensible
// wall-clock need — one node filled before a job waits past a day, then more nodes until the run
// fits the plan's weeks, up to the largest cluster published.
import type { EstimatesCatalog, FamilyDefaults, HardwareEntry } from '../catalog/catalog.js';

export interface HardwarePlan {
  nodeSize: number;
  nodeHours: number;
  runHours: number;
  maxGpus: number;
}

export const DEFAULT_PLAN: HardwarePlan = { nodeSize: 8, nodeHours: 24, runHours: 336, maxGpus: 16384 };

export interface SetupChoice {
  gpu: string;
  gpuCount: number;
  /** The answers fixed the GPU type / the count. */
  gpuGiven: boolean;
  countGiven: boolean;
}

/** The smallest count on the 1, 2, 4, … ladder that holds `needGb` and finishes within `target` hours. */
function countFor(hours: (n: number) => number, needGb: number, hw: HardwareEntry, from: number, upTo: number, target: number): number {
  let n = from;
  while (n < upTo && (n * hw.memoryGb < needGb || hours(n) / n > target)) n *= 2;
  return Math.min(n, upTo);
}

/**
 * GPUs for a run of `hoursOn(gpu, count)` GPU-hours needing `needGb` of memory in all. The timeline tightens
 * the wall-clock target to half the time left; it is read only for runs that take more than a day
 * under the plan (shorter ones fit any timeline the fitting would not already reject), so a batch
 * does not re-estimate every timeline it probes.
 */
export function chooseHardware(
  est: EstimatesCatalog,
  plan: HardwarePlan,
  fam: FamilyDefaults,
  large: boolean,
  hoursOn: (gpu: string, gpuCount: number) => number,
  needGb: number,
  given: { gpu?: string; gpuCount?: number; timelineWeeks: () => number | undefined },
): SetupChoice {
  const fixedCount = given.gpuCount ?? (large ? fam.scratchGpuCount : fam.gpuCount);
  const choose = (runTarget: number): { gpu: string; n: number } => {
    const nodeTarget = Math.min(plan.nodeHours, runTarget);
    /** The count on this card, and whether one node of it is enough. */
    const pick = (gpu: string): { n: number; inOneNode: boolean } => {
      if (fixedCount !== undefined) return { n: fixedCount, inOneNode: true };
      const hw = est.hardware[gpu]!;
      const h = (n: number) => hoursOn(gpu, n);
      const inNode = countFor(h, needGb, hw, 1, plan.nodeSize, nodeTarget);
      if (h(inNode) / inNode <= nodeTarget && inNode * hw.memoryGb >= needGb) return { n: inNode, inOneNode: true };
      return { n: countFor(h, needGb, hw, plan.nodeSize, plan.maxGpus, runTarget), inOneNode: false };
    };
    if (given.gpu !== undefined) return { gpu: given.gpu, n: pick(given.gpu).n };
    const big = fam.scratchGpu;
    const first = large ? big : fam.gpu;
    const p = pick(first);
    // A small job that outgrows one node of the family's usual card moves to its large-run card.
    if (!p.inOneNode && first !== big && est.hardware[big]) return { gpu: big, n: pick(big).n };
    return { gpu: first, n: p.n };
  };
  let c = choose(plan.runHours);
  if (fixedCount === undefined && hoursOn(c.gpu, c.n) / c.n > plan.nodeHours) {
    const weeks = given.timelineWeeks();
    if (weeks !== undefined && (weeks * 168) / 2 < plan.runHours) c = choose((weeks * 168) / 2);
  }
  return { gpu: c.gpu, gpuCount: c.n, gpuGiven: given.gpu !== undefined, countGiven: given.gpuCount !== undefined };
}
