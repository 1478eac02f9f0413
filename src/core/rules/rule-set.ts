// The merged rule set, and its JSON form: the built-in set is compiled once at build time and
// read back at start-up without parsing YAML or loading zod.
import { withOwnRecords, type Catalog } from '../catalog/catalog.js';
import type { Condition, Rule } from './conditions.js';
import type { Approach } from '../answers/fields.js';

export interface RuleSet {
  /** Enabled and disabled rules, in the order they were first declared. */
  rules: Rule[];
  defines: Map<string, Condition>;
  default: { approach: Approach; because: string; origin?: string };
  catalog: Catalog;
  /** Where each define, catalog entry and the default came from (for `rules show`). */
  origins: Map<string, string>;
  /** The files merged, lowest layer first. */
  layers: string[];
  /** The layers as a result names them (set by whoever loaded the files): what brought each in. */
  applied?: RulesLayer[];
}

/** A rule layer a result was decided with: the built-in set, or a file and what brought it in. */
export interface RulesLayer {
  from: 'built-in' | '.ml-advisor.yaml' | 'ML_ADVISOR_RULES' | '--rules';
  /** Relative to the working directory; absent for the built-in set. */
  path?: string;
}

export interface SerializedRuleSet {
  rules: Rule[];
  defines: [string, Condition][];
  default: RuleSet['default'];
  catalog: Catalog;
  origins: [string, string][];
  layers: string[];
}

export function serializeRuleSet(rs: RuleSet): SerializedRuleSet {
  return { rules: rs.rules, defines: [...rs.defines], default: rs.default, catalog: rs.catalog, origins: [...rs.origins], layers: rs.layers };
}

export function deserializeRuleSet(s: SerializedRuleSet): RuleSet {
  return { rules: s.rules, defines: new Map(s.defines), default: s.default, catalog: withOwnRecords(s.catalog), origins: new Map(s.origins), layers: s.layers };
}
