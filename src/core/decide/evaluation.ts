// The record of one decision's rule evaluation: each rule's conditions are evaluated at most once
// (whether it holds, and the truth of each plain condition), and the explanations — the facts
// behind a rule, why a spot lost, what the confidence leaned on, the --explain trace — all read
// this record instead of evaluating the rules again.
import type { Answers, Approach } from '../answers/fields.js';
import { leafTrace, plainLeaves, predicateFor, traceCondition, type Facts, type LeafTrace, type Rule } from '../rules/conditions.js';
import type { RuleSet } from '../rules/rule-set.js';

export class RuleEvaluation {
  /** The answers, plus the chosen spot once it is known (warn rules may test it). */
  readonly facts: Facts;
  private readonly held = new Map<Rule, boolean>();
  private readonly plain = new Map<Rule, LeafTrace[]>();
  private readonly traced = new Map<Rule, { matched: boolean; leaves: LeafTrace[] }>();

  constructor(answers: Answers, readonly rs: RuleSet) {
    // Object.assign, not a spread: settle() adds a key, and adding one to a spread copy (which
    // shares the answers' hidden class) cost twice the copy and the add this way.
    this.facts = Object.assign({}, answers);
  }

  /** Sets the spot the decision landed on. Decide and limit rules cannot test it, so what they recorded stands. */
  settle(approach: Approach): void {
    this.facts.approach = approach;
  }

  holds(rule: Rule): boolean {
    let h = this.held.get(rule);
    if (h === undefined) this.held.set(rule, (h = predicateFor(rule.when, this.rs.defines)(this.facts)));
    return h;
  }

  /** The rule's conditions outside any `not`, each with its actual value and whether it holds. */
  leaves(rule: Rule): readonly LeafTrace[] {
    let l = this.plain.get(rule);
    if (!l) {
      l = plainLeaves(rule.when, this.rs.defines).map(({ leaf, holds }) => leafTrace(leaf, this.facts, holds(this.facts)));
      this.plain.set(rule, l);
    }
    return l;
  }

  /** Every condition, `not` included, for --explain. */
  trace(rule: Rule): { matched: boolean; leaves: LeafTrace[] } {
    let t = this.traced.get(rule);
    if (!t) {
      const leaves: LeafTrace[] = [];
      const matched = traceCondition(rule.when, this.facts, this.rs.defines, leaves);
      this.traced.set(rule, (t = { matched, leaves }));
      if (!this.held.has(rule)) this.held.set(rule, matched);
    }
    return t;
  }
}
