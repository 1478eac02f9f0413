// Build step: checks the built-in rules and writes them compiled to dist/builtin-rules.json (read
// by every run) and parsed to dist/builtin-layers.json (read when layers are added). A broken
// built-in rule fails the build with file:line:col.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildRuleSet } from '../src/core/rules/layering.js';
import { serializeRuleSet } from '../src/core/rules/rule-set.js';
import { locateLayerIssues, readBuiltInSources, type PrebuiltLayers, type PrebuiltRules } from '../src/io/rules-files.js';
import { formatProblem } from '../src/errors.js';

const sources = await readBuiltInSources();
const inputs = [...sources].map(([origin, s]) => ({ origin, data: s.value }));
const { ruleSet, issues } = buildRuleSet(inputs);
if (!ruleSet) {
  for (const p of await locateLayerIssues(issues, sources)) console.error(formatProblem(p));
  process.exit(1);
}
const compiled: PrebuiltRules = { compiled: serializeRuleSet(ruleSet) };
const layers: PrebuiltLayers = inputs;
writeFileSync(process.argv[2]!, JSON.stringify(compiled));
writeFileSync(join(dirname(process.argv[2]!), 'builtin-layers.json'), JSON.stringify(layers));
