// The spots of the spectrum as people read them: a label each, and a position from left to right.
import { APPROACHES, type Approach } from '../answers/fields.js';

export const APPROACH_LABEL: Record<Approach, string> = {
  'use-as-is': 'Use as-is',
  'feature-extraction': 'Feature extraction',
  'fine-tune': 'Fine-tune',
  'heavy-fine-tune': 'Heavy fine-tune',
  'train-from-scratch': 'Train from scratch',
};

export const positionOf = (a: Approach): number => APPROACHES.indexOf(a);

/**
 * The classical spot: a model of your own rows (gradient-boosted trees) sits at train-from-scratch
 * by the tabular convention, but is cheap and quick; the result marks it so (and gates count it so).
 */
export const isClassicalSpot = (family: string, a: Approach): boolean => family === 'classical' && a === 'train-from-scratch';
