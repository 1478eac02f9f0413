// Lookups on the models catalog: which problems an entry serves and which spots it starts.
import type { Approach, Modality, Task } from '../answers/fields.js';
import type { ModelEntry } from './schema.js';

const ADAPTED: readonly Approach[] = ['use-as-is', 'feature-extraction', 'fine-tune', 'heavy-fine-tune'];

/** The modalities a model serves (its primary one unless it lists more). */
export const modalitiesOf = (m: ModelEntry): readonly Modality[] => m.modalities ?? [m.modality];

/** The spots a model is a good start for (every adapted spot unless it says). */
export const spotsOf = (m: ModelEntry): readonly Approach[] => m.spots ?? ADAPTED;

/** Whether a model does this task on this kind of data (task `other`: the data alone decides). */
export function serves(m: ModelEntry, task: Task, modality: Modality): boolean {
  return modalitiesOf(m).includes(modality) && (task === 'other' || m.tasks.includes(task));
}
