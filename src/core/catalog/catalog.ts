// Catalog sections a rule file may carry besides rules: starting models, model hubs, and what
// each spot on the spectrum means per family of tasks. Layers override entries by id / key.
import type { Approach, Task } from '../answers/fields.js';
import { ownRecord } from '../text/own.js';
import type { Family, LabelKind } from './schema.js';
import type { ApiPrice, ArchitectureEntry, EffortFactor, EstimatesLayer, FamilyDefaults, HardwareEntry, HardwarePlanEntry, Hub, LabelPrice, LabelsNeeded, MemoryRule, MfuEntry, MfuScale, ModelEntry, Profession, ScaleEntry, Setting, Spread, TeamEntry } from './schema.js';

export type { Family, LabelKind };
export type { ApiPrice, ArchitectureEntry, EffortFactor, EstimatesLayer, FamilyDefaults, HardwareEntry, HardwarePlanEntry, Hub, LabelPrice, LabelsNeeded, MemoryRule, MfuEntry, MfuScale, ModelEntry, Profession, ScaleEntry, Setting, Spread, TeamEntry };

/** The estimate figures after layering: keyed sections merge entry by entry, settings replace. */
export interface EstimatesCatalog {
  evaluatedOn?: string;
  staleAfterMonths?: number;
  hardware: Record<string, HardwareEntry>;
  prices: Record<string, Spread>;
  mfu: Record<string, MfuEntry>;
  mfuScale: Record<string, MfuScale>;
  architectures: Record<string, ArchitectureEntry>;
  largeJobFlops?: Setting;
  largePretrainingFlops?: Setting;
  continuedPretraining?: Setting;
  hardwarePlan?: HardwarePlanEntry;
  overheadGpuHours?: Spread;
  memoryRule?: MemoryRule;
  labeling: Record<string, LabelPrice>;
  expertLabelers?: Setting;
  expertHoursPerWeek?: Setting;
  labelsNeeded: Record<string, LabelsNeeded>;
  labelKinds: Record<string, LabelKind>;
  families: Record<string, FamilyDefaults>;
  engineeringWeeks: Record<string, Spread>;
  teamSize?: Setting;
  engineerWeeklyUsd?: Spread;
  effortFactors: Record<string, EffortFactor>;
  effortDataVolume?: NonNullable<EstimatesLayer['effortDataVolume']>;
  teams: Record<string, TeamEntry>;
  effortScale: Record<string, ScaleEntry>;
  /** calibrate's scale on every MFU, from a team's own GPU-hours (a setting; mfuScale is the keyed size effects). */
  mfuCalibration?: ScaleEntry;
  professions: Record<string, Profession>;
  heavyLabelKinds: Record<string, LabelKind>;
  labelers: Record<string, Setting>;
  labelerHoursPerWeek?: Setting;
  testSetExamples?: Spread;
  audioSecondsPerExample?: Setting;
  apiPrices: Record<string, ApiPrice>;
  apiChoice?: NonNullable<EstimatesLayer['apiChoice']>;
  requestTokens: Record<string, NonNullable<NonNullable<EstimatesLayer['requestTokens']>[keyof NonNullable<EstimatesLayer['requestTokens']>]>>;
  servingUtilisation?: Spread;
  servingLoad?: Spread;
  prefillCostShare?: Setting;
  cpuInstance?: NonNullable<EstimatesLayer['cpuInstance']>;
  upkeep: Record<string, Spread>;
  retrainEveryMonths?: Spread;
}

const KEYED = ['hardware', 'prices', 'mfu', 'mfuScale', 'architectures', 'labeling', 'labelsNeeded', 'labelKinds', 'families', 'engineeringWeeks', 'effortFactors', 'teams', 'effortScale', 'professions', 'heavyLabelKinds', 'labelers', 'apiPrices', 'requestTokens', 'upkeep'] as const;
const SETTINGS = ['evaluatedOn', 'staleAfterMonths', 'largeJobFlops', 'largePretrainingFlops', 'continuedPretraining', 'hardwarePlan', 'overheadGpuHours', 'memoryRule', 'expertLabelers', 'expertHoursPerWeek', 'teamSize', 'engineerWeeklyUsd', 'effortDataVolume', 'mfuCalibration', 'labelerHoursPerWeek', 'testSetExamples', 'audioSecondsPerExample', 'apiChoice', 'servingUtilisation', 'servingLoad', 'prefillCostShare', 'cpuInstance', 'retrainEveryMonths'] as const;

function mergeEstimates(into: EstimatesCatalog, layer: EstimatesLayer): void {
  // A keyed entry is replaced whole, so a new figure always comes with its own source and asOf.
  for (const k of KEYED) if (layer[k]) Object.assign(into[k], layer[k]);
  for (const k of SETTINGS) if (layer[k] !== undefined) (into as unknown as Record<string, unknown>)[k] = layer[k];
}



export interface Catalog {
  hubs: Hub[];
  models: ModelEntry[];
  families: Partial<Record<Family, Partial<Record<Approach, string>>>>;
  tasks: Partial<Record<Task, Family>>;
  /** A task's spots in its own words, over its family's (rules/methods.yaml `taskMethods`). */
  taskMethods: Partial<Record<Task, Partial<Record<Approach, string>>>>;
  estimates: EstimatesCatalog;
}

export function emptyCatalog(): Catalog {
  return withOwnRecords({ hubs: [], models: [], families: {}, tasks: {}, taskMethods: {}, estimates: { hardware: {}, prices: {}, mfu: {}, mfuScale: {}, architectures: {}, labeling: {}, labelsNeeded: {}, labelKinds: {}, families: {}, engineeringWeeks: {}, effortFactors: {}, teams: {}, effortScale: {}, professions: {}, heavyLabelKinds: {}, labelers: {}, apiPrices: {}, requestTokens: {}, upkeep: {} } });
}

/**
 * The catalog with every keyed section a record without a prototype, so that a key from the
 * answers or a rule file (`gpu: __proto__`, `constructor`) finds nothing it was not given. Used
 * for the empty catalog layers merge into and for the pre-compiled built-in set read back.
 */
export function withOwnRecords(c: Catalog): Catalog {
  const est = { ...c.estimates };
  for (const k of KEYED) (est as Record<string, unknown>)[k] = ownRecord(est[k] as Record<string, unknown>);
  return { ...c, families: ownRecord(c.families), tasks: ownRecord(c.tasks), taskMethods: ownRecord(c.taskMethods), estimates: est };
}

/** Layers one file's catalog sections over the catalog so far. */
export function mergeCatalog(into: Catalog, layer: { hubs?: Hub[]; models?: ModelEntry[]; families?: Catalog['families']; tasks?: Catalog['tasks']; taskMethods?: Catalog['taskMethods']; estimates?: EstimatesLayer }): void {
  if (layer.hubs) {
    for (const h of layer.hubs) {
      const i = into.hubs.findIndex((x) => x.name === h.name);
      if (i >= 0) into.hubs[i] = h;
      else into.hubs.push(h);
    }
  }
  if (layer.models) {
    for (const m of layer.models) {
      const i = into.models.findIndex((x) => x.id === m.id);
      if (i >= 0) into.models[i] = m;
      else into.models.push(m);
    }
    into.models = into.models.filter((m) => m.enabled !== false);
  }
  if (layer.families) {
    for (const [fam, methods] of Object.entries(layer.families)) {
      into.families[fam as Family] = { ...into.families[fam as Family], ...methods };
    }
  }
  if (layer.tasks) Object.assign(into.tasks, layer.tasks);
  if (layer.taskMethods) {
    for (const [task, methods] of Object.entries(layer.taskMethods)) into.taskMethods[task as Task] = { ...into.taskMethods[task as Task], ...methods };
  }
  if (layer.estimates) mergeEstimates(into.estimates, layer.estimates);
}
