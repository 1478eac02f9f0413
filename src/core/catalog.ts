// Catalog sections a rule file may carry besides rules: starting models, model hubs, and what
// each spot on the spectrum means per family of tasks. Layers override entries by id / key.
import type { Approach, Modality, Task } from './fields.js';
import type { ModelEntry, Hub } from './rule-schema.js';

export type { ModelEntry, Hub };

export const FAMILIES = ['text-encoder', 'llm', 'vision', 'image-generation', 'speech', 'music', 'classical', 'science', 'other'] as const;
export type Family = (typeof FAMILIES)[number];


export interface Catalog {
  hubs: Hub[];
  models: ModelEntry[];
  families: Partial<Record<Family, Partial<Record<Approach, string>>>>;
  tasks: Partial<Record<Task, Family>>;
}

export function emptyCatalog(): Catalog {
  return { hubs: [], models: [], families: {}, tasks: {} };
}

/** Layers one file's catalog sections over the catalog so far. */
export function mergeCatalog(into: Catalog, layer: { hubs?: Hub[]; models?: ModelEntry[]; families?: Catalog['families']; tasks?: Catalog['tasks'] }): void {
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
}

const MODALITY_FAMILY: Record<Modality, Family> = {
  text: 'text-encoder',
  image: 'vision',
  audio: 'speech',
  video: 'vision',
  tabular: 'classical',
  'time-series': 'classical',
  graph: 'other',
  multimodal: 'other',
  scientific: 'science',
};

/** The family whose methods describe this problem: the task's, unless the modality says otherwise. */
export function familyFor(catalog: Catalog, task: Task, modality: Modality): Family {
  const byTask = catalog.tasks[task];
  if (task === 'other' || !byTask) return MODALITY_FAMILY[modality];
  // Anomaly detection on images is a vision problem, not a tabular one.
  if (byTask === 'classical' && ['text', 'image', 'audio', 'video'].includes(modality)) return MODALITY_FAMILY[modality];
  return byTask;
}
