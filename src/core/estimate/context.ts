// What pricing one spot needs: the inputs, and where assumptions, issues and stale prices go.
import type { InputIssue } from '../answers/check.js';
import type { Answers } from '../answers/fields.js';
import type { EstimatesCatalog, LabelPrice } from '../catalog/catalog.js';
import type { Assumptions } from './assumptions.js';

export interface Context {
  answers: Answers;
  est: EstimatesCatalog;
  A: Assumptions;
  issues: InputIssue[];
  /** Records a price that was used, for the staleness check. */
  price: (what: string, asOf: string) => void;
  evaluatedOn?: string;
  labelPrice?: { id: string; price: LabelPrice };
}
