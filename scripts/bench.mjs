// `npm run bench`: how fast batch and decide are, each figure as a ratio to a floor measured in
// the same run on the same machine (absolute times mean little on a shared two-core box). Every
// ratio comes from pairs run interleaved — floor, tool, floor, tool … — so that a burst of load
// from the machine's other tenants hits both sides of a pair alike; the median pair ratio is the
// figure, and the spread (min–max of the pair ratios) says how far to trust it.
//
//   batch jsonl       batch over N JSON Lines rows  vs  a plain Node loop that parses each row and
//                     writes a result-sized JSON line (target ≤ 1.6×, CPU)
//   batch compact     batch --format compact  vs  a loop that parses each row and writes a 200-byte
//                     line (target ≤ 5×, and ≥ 25,000 rows a second) — when the format exists
//   batch csv         rows a second of batch --format csv (compare with an earlier run: ≥ 2×)
//   batch memory      peak RSS for 5N rows  vs  for N rows (target ≤ 1.2×: memory stays flat)
//   decide start-up   decide --answers FILE --json  vs  node -e 0 (target ≤ 1.12×)
//
// Options: --rows N (default 20000), --pairs N (default 5), --runs N start-up pairs (default 21),
// --baseline DIR (a checkout of an earlier version, built: its dist/cli.cjs runs interleaved with
// this build, and each figure is also given as a ratio to it — "within 10 % of an earlier build",
// "csv at least 2× an earlier build").
// A benchmark, not a test: it prints figures and never fails the build.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROWS = arg('--rows', 20000);
const baselineAt = process.argv.indexOf('--baseline');
const BASELINE = baselineAt > 0 ? join(process.argv[baselineAt + 1], 'dist', 'cli.cjs') : undefined;
const PAIRS = Math.max(5, arg('--pairs', 5));
const RUNS = arg('--runs', 21);
const CLI = join(process.cwd(), 'dist', 'cli.cjs');
const dir = mkdtempSync(join(tmpdir(), 'ml-advisor-bench-'));

// Varied rows, so that the batch decides many different scenarios (no two neighbours alike).
const TASKS = ['text-classification', 'sentiment-analysis', 'named-entity-recognition', 'image-classification', 'object-detection', 'tabular-classification', 'speech-recognition', 'chat-assistant', 'time-series-forecasting', 'summarization'];
const MODELS = ['exact', 'close', 'none', 'unknown'];
const SHIFT = ['none', 'small', 'moderate', 'large'];
const EXPERTISE = ['none', 'some', 'strong'];
const DEPLOY = ['cloud', 'on-prem', 'edge', 'mobile'];
function writeRows(file, n) {
  const fd = openSync(file, 'w');
  let chunk = '';
  for (let i = 0; i < n; i++) {
    chunk += JSON.stringify({
      task: TASKS[i % TASKS.length],
      existingModel: MODELS[(i >> 1) % 4],
      domainShift: SHIFT[(i >> 3) % 4],
      labeledExamples: (i * 7919) % 300000,
      budgetUsd: 1000 + ((i * 104729) % 900000),
      timelineWeeks: 1 + (i % 40),
      mlExpertise: EXPERTISE[(i >> 5) % 3],
      deployment: DEPLOY[(i >> 6) % 4],
      proprietaryData: i % 7 === 0,
    }) + '\n';
    if (chunk.length > 1 << 20) {
      writeFileSync(fd, chunk);
      chunk = '';
    }
  }
  writeFileSync(fd, chunk);
  closeSync(fd);
}

// Every child reports its own CPU time and peak memory when it exits.
const probe = join(dir, 'probe.cjs');
writeFileSync(probe, `process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeFileSync(process.env.BENCH_PROBE, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS })); });\n`);

// The floor: parse each row, write a line the size of a real result (a real result, with the
// row's answers in it, so that stringifying costs what it costs in batch). A baseline build gets a
// floor of its own, from its own result: "the benchmark's ratio" of a build is to a line the size
// of what that build writes.
function floorFor(cli, name, checkout = process.cwd()) {
  const r = spawnSync(process.execPath, [cli, 'decide', '--answers', join(checkout, 'examples', 'support-tickets.yaml'), '--json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cli} could not decide the floor's example: ${r.stderr}`);
  const template = r.stdout;
  writeFileSync(join(dir, `${name}.json`), template);
  const file = join(dir, `${name}.cjs`);
  writeFileSync(file, `
const fs = require('node:fs');
const readline = require('node:readline');
const template = JSON.parse(fs.readFileSync(${JSON.stringify(join(dir, `${name}.json`))}, 'utf8'));
(async () => {
  let row = 0;
  for await (const line of readline.createInterface({ input: fs.createReadStream(process.argv[2]), crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const answers = JSON.parse(line);
    const ok = process.stdout.write(JSON.stringify({ row: ++row, ...template, answers }) + '\\n');
    if (!ok) await new Promise((r) => process.stdout.once('drain', r));
  }
})();
`);
  return file;
}
const floor = floorFor(CLI, 'floor');
const baselineFloor = BASELINE ? floorFor(BASELINE, 'baseline-floor', process.argv[baselineAt + 1]) : undefined;

// The compact floor: parse each row, write a 200-byte line.
const compactFloor = join(dir, 'compact-floor.cjs');
writeFileSync(compactFloor, `
const fs = require('node:fs');
const readline = require('node:readline');
const pad = 'x'.repeat(150);
(async () => {
  let row = 0;
  for await (const line of readline.createInterface({ input: fs.createReadStream(process.argv[2]), crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const answers = JSON.parse(line);
    const ok = process.stdout.write(JSON.stringify({ row: ++row, task: answers.task, pad }).slice(0, 199) + '\\n');
    if (!ok) await new Promise((r) => process.stdout.once('drain', r));
  }
})();
`);

/** Runs node with the probe; stdout to /dev/null. Returns wall, CPU and peak memory. */
function measure(args) {
  const report = join(dir, `probe-${Math.random().toString(36).slice(2)}.json`);
  const out = openSync('/dev/null', 'w');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', probe, ...args], { stdio: ['ignore', out, 'pipe'], env: { ...process.env, BENCH_PROBE: report } });
  const wallMs = performance.now() - t0;
  closeSync(out);
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 500)}`);
  return { wallMs, ...JSON.parse(readFileSync(report, 'utf8')) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const verdict = (ratio, target) => (ratio <= target ? `within ${target}×` : `OVER ${target}×`);
const say = (s) => console.log(s);

const spread = (xs) => `${fmt(Math.min(...xs), 2)}–${fmt(Math.max(...xs), 2)}`;

/**
 * PAIRS interleaved pairs of (floor, tool); the pair ratios of CPU and wall time. With a baseline
 * build, each pair is a triple (floor, tool, baseline), and `vsBaseline` holds tool / baseline CPU.
 */
function pairs(floorArgs, toolArgs, n = PAIRS, withBaseline = BASELINE !== undefined, baselineFloorArgs = undefined) {
  const cpu = [];
  const wall = [];
  const vsBaseline = [];
  const baselineCpu = [];
  const baselineOwn = [];
  let tool;
  for (let i = 0; i < n; i++) {
    const f = measure(floorArgs);
    tool = measure(toolArgs);
    cpu.push(tool.cpuMs / f.cpuMs);
    wall.push(tool.wallMs / f.wallMs);
    if (withBaseline) {
      const b = measure(toolArgs.map((a) => (a === CLI ? BASELINE : a)));
      vsBaseline.push(tool.cpuMs / b.cpuMs);
      baselineCpu.push(b.cpuMs / f.cpuMs);
      if (baselineFloorArgs) baselineOwn.push(b.cpuMs / measure(baselineFloorArgs).cpuMs);
    }
  }
  return { cpu, wall, last: tool, vsBaseline, baselineCpu, baselineOwn };
}

/** ", 0.93× the baseline's CPU (pairs …), which is 2.10× its floor" — or nothing without a baseline. */
const againstBaseline = (p) => (p.vsBaseline.length ? `; ${fmt(median(p.vsBaseline), 2)}× the baseline build's CPU (pairs ${spread(p.vsBaseline)}; the baseline is ${fmt(median(p.baselineCpu), 2)}× the floor)` : '');
/** The baseline against a floor writing its own result's size, and this build's ratio over that one. */
const againstOwnFloors = (p) => (p.baselineOwn.length ? `\n                  each against a floor the size of its own result: this build ${fmt(median(p.cpu), 2)}×, the baseline ${fmt(median(p.baselineOwn), 2)}× (pairs ${spread(p.baselineOwn)}) — this build's ratio is ${fmt(median(p.cpu) / median(p.baselineOwn), 2)}× the baseline's` : '');

const formats = spawnSync(process.execPath, [CLI, 'batch', '--help'], { encoding: 'utf8' }).stdout;
const baselineFormats = BASELINE ? spawnSync(process.execPath, [BASELINE, 'batch', '--help'], { encoding: 'utf8' }).stdout : '';

try {
  const big = join(dir, `rows-${ROWS}.jsonl`);
  const small = join(dir, `rows-${ROWS / 5}.jsonl`);
  writeRows(big, ROWS);
  writeRows(small, ROWS / 5);
  console.log(`ml-advisor bench: ${fmt(ROWS)} rows, ${PAIRS} interleaved pairs per figure, ${RUNS} start-up pairs; node ${process.version}\n`);

  const jsonl = pairs([floor, big], [CLI, 'batch', big, '--format', 'jsonl', '--quiet'], PAIRS, BASELINE !== undefined, baselineFloor && [baselineFloor, big]);
  say(`batch jsonl       ${fmt(median(jsonl.cpu), 2)}× the floor in CPU (pairs ${spread(jsonl.cpu)}), ${fmt(median(jsonl.wall), 2)}× wall (${spread(jsonl.wall)}); ${fmt((jsonl.last.cpuMs * 1000) / ROWS)} µs CPU a row — target ≤ 1.6×: ${verdict(median(jsonl.cpu), 1.6)}${againstBaseline(jsonl)}${againstOwnFloors(jsonl)}`);

  if (/\bcompact\b/.test(formats)) {
    const compact = pairs([compactFloor, big], [CLI, 'batch', big, '--format', 'compact', '--quiet'], PAIRS, /\bcompact\b/.test(baselineFormats));
    const rate = ROWS / (compact.last.wallMs / 1000);
    say(`batch compact     ${fmt(median(compact.cpu), 2)}× its floor in CPU (pairs ${spread(compact.cpu)}); ${fmt(rate)} rows a second — targets ≤ 5×: ${verdict(median(compact.cpu), 5)}; ≥ 25,000 rows/s: ${rate >= 25000 ? 'met' : 'NOT MET'}${againstBaseline(compact)}`);
  } else {
    say('batch compact     (this build has no --format compact)');
  }

  const csvRates = [];
  const csvVsBaseline = [];
  for (let i = 0; i < PAIRS; i++) {
    const t = measure([CLI, 'batch', big, '--format', 'csv', '--quiet']);
    csvRates.push(ROWS / (t.cpuMs / 1000));
    if (BASELINE) csvVsBaseline.push(measure([BASELINE, 'batch', big, '--format', 'csv', '--quiet']).cpuMs / t.cpuMs);
  }
  say(`batch csv         ${fmt(median(csvRates))} rows a CPU-second (runs ${fmt(Math.min(...csvRates))}–${fmt(Math.max(...csvRates))})${csvVsBaseline.length ? `; ${fmt(median(csvVsBaseline), 2)}× the baseline build's rows a CPU-second (pairs ${spread(csvVsBaseline)}) — target ≥ 2×: ${median(csvVsBaseline) >= 2 ? 'met' : 'NOT MET'}` : '; pass --baseline DIR to compare with an earlier build'}`);

  const mem = [];
  for (let i = 0; i < PAIRS; i++) {
    const s = measure([CLI, 'batch', small, '--format', 'jsonl', '--quiet']);
    const b = measure([CLI, 'batch', big, '--format', 'jsonl', '--quiet']);
    mem.push(b.maxRssKb / s.maxRssKb);
  }
  say(`batch memory      peak RSS for ${fmt(ROWS)} rows is ${fmt(median(mem), 2)}× that for ${fmt(ROWS / 5)} (pairs ${spread(mem)}) — target ≤ 1.2×: ${verdict(median(mem), 1.2)}`);

  const start = pairs(['-e', '0'], [CLI, 'decide', '--answers', 'examples/support-tickets.yaml', '--json'], RUNS);
  const startJson = pairs(['-e', '0'], [CLI, 'decide', '--answers', 'examples/chat-assistant.json', '--json'], RUNS);
  say(`decide start-up   YAML answers ${fmt(median(start.wall), 2)}× node -e 0 in wall time (pairs ${spread(start.wall)}), ${fmt(median(start.cpu), 2)}× CPU${againstBaseline(start)}`);
  say(`                  JSON answers ${fmt(median(startJson.wall), 2)}× node -e 0 in wall time (pairs ${spread(startJson.wall)}), ${fmt(median(startJson.cpu), 2)}× CPU — target ≤ 1.12×: ${verdict(median(startJson.wall), 1.12)}${againstBaseline(startJson)}`);
  console.log('\nCPU time is the fairer throughput figure on a shared machine: wall time includes waiting for the other tenants.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
