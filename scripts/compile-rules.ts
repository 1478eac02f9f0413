// Build step: checks the built-in rules and writes them, parsed and compiled, to
// dist/builtin-rules.json. A broken built-in rule fails the build with file:line:col.
import { writeFileSync } from 'node:fs';
import { buildRuleSet } from '../src/core/ruleset.js';
import { serializeRuleSet } from '../src/core/ruleset-data.js';
import { locateLayerIssues, readBuiltInSources, type PrebuiltRules } from '../src/io/rules-files.js';
import { formatProblem } from '../src/errors.js';

const sources = await readBuiltInSources();
const inputs = [...sources].map(([origin, s]) => ({ origin, data: s.value }));
const { ruleSet, issues } = buildRuleSet(inputs);
if (!ruleSet) {
  for (const p of await locateLayerIssues(issues, sources)) console.error(formatProblem(p));
  process.exit(1);
}
const out: PrebuiltRules = { inputs, compiled: serializeRuleSet(ruleSet) };
writeFileSync(process.argv[2]!, JSON.stringify(out));
