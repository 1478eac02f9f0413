// The result object of contract §5.
import type { Answers, Approach } from '../answers/fields.js';
import type { LeafTrace, Rule } from '../rules/conditions.js';
import type { RulesLayer } from '../rules/rule-set.js';
import type { Assumption } from '../estimate/assumptions.js';
import type { SpotEstimate } from '../estimate/spectrum.js';

export type { Assumption, SpotEstimate };
export type { Range } from '../estimate/range.js';

export const SCHEMA_VERSION = 1;

export type Confidence = 'high' | 'medium' | 'low';


export interface Spot extends Partial<SpotEstimate> {
  approach: Approach;
  position: number;
  feasible: boolean;
  method: string;
  /**
   * Present on the classical spot: a classical model (gradient-boosted trees, a linear model)
   * trained on your own rows. It sits at train-from-scratch by the tabular convention, but it is
   * not custom deep-learning training: `--fail-on` counts it as feature-extraction.
   */
  classical?: true;
  why: string;
}

export interface Rationale {
  rule: string;
  because: string;
  /** The answer values that made the rule's conditions hold, e.g. "labeledExamples = 200". */
  facts: string[];
}

export interface Warning {
  id: string;
  message: string;
  rule?: string;
}

export interface SuggestedModel {
  name: string;
  source: string;
  why: string;
  licence: string;
  selfHostable: boolean;
  params?: number;
  /** When the entry's licence, size and availability were last checked (YYYY-MM). */
  checked?: string;
}


export interface WhatWouldChange {
  field: string;
  value: string | number | boolean;
  approach: Approach;
  text: string;
}

export interface RuleTrace {
  rule: string;
  kind: string;
  matched: boolean;
  enabled: boolean;
  origin?: string;
  /** Decide rules: their priority, and whether this rule is the one that chose the spot. */
  priority?: number;
  decided?: boolean;
  /** Limit rules: whether this rule moved the spot the decide rules chose. */
  moved?: boolean;
  /** What the rule does when it holds. */
  then?: Rule['then'];
  conditions: LeafTrace[];
}

/** A gate (`--max-cost`, `--max-weeks`, `--fail-on`) the result did not pass. */
export interface GateFailure {
  gate: 'max-cost' | 'max-weeks' | 'fail-on';
  message: string;
  /** The gate could not judge the result (its figure is missing or not a number): failed closed. */
  cannotJudge?: true;
}

export interface Result {
  schemaVersion: number;
  recommendation: { approach: Approach; position: number; confidence: Confidence; summary: string };
  spectrum: Spot[];
  framework: { question: string; verdict: string }[];
  rationale: Rationale[];
  warnings: Warning[];
  suggestedModels: SuggestedModel[];
  nextSteps: string[];
  whatWouldChange: WhatWouldChange[];
  assumptions: Assumption[];
  answers: Answers;
  /** The rule layers the result was decided with, lowest first: the built-in set, then each file. */
  rulesLayers: RulesLayer[];
  /** Present only with --explain: every rule, whether it matched, and each condition. */
  trace?: RuleTrace[];
  /** Present when gates were given (decide --max-cost/--max-weeks/--fail-on): the ones that failed, [] when all passed. */
  failedGates?: GateFailure[];
}
