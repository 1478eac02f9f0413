// `npm run bench`: how fast batch and decide are, each figure as a ratio to a floor measured in
// the same run on the same machine (absolute times mean little on a shared two-core box).
//
//   batch throughput  batch over N JSON Lines rows  vs  a plain Node loop that only parses each
//                     row and writes a result-sized JSON line (target ≤ 3×)
//   batch memory      peak RSS for N rows  vs  for N/5 rows (target ≤ 1.5×: memory stays flat)
//   decide start-up   decide --answers FILE --json  vs  node -e 0 (target ≤ 1.5×)
//
// Options: --rows N (default 100000), --runs N start-up runs of each (default 15).
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
const ROWS = arg('--rows', 100000);
const SMALL = Math.round(ROWS / 5);
const RUNS = arg('--runs', 15);
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
// row's answers in it, so that stringifying costs what it costs in batch).
const template = spawnSync(process.execPath, [CLI, 'decide', '--answers', 'examples/support-tickets.yaml', '--json'], { encoding: 'utf8' }).stdout;
writeFileSync(join(dir, 'template.json'), template);
const floor = join(dir, 'floor.cjs');
writeFileSync(floor, `
const fs = require('node:fs');
const readline = require('node:readline');
const template = JSON.parse(fs.readFileSync(${JSON.stringify(join(dir, 'template.json'))}, 'utf8'));
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

try {
  const big = join(dir, `rows-${ROWS}.jsonl`);
  const small = join(dir, `rows-${SMALL}.jsonl`);
  writeRows(big, ROWS);
  writeRows(small, SMALL);
  console.log(`ml-advisor bench: ${fmt(ROWS)} rows (and ${fmt(SMALL)}), ${RUNS} start-up runs; node ${process.version}\n`);

  const base = measure([floor, big]);
  const batch = measure([CLI, 'batch', big, '--format', 'jsonl', '--quiet']);
  const batchSmall = measure([CLI, 'batch', small, '--format', 'jsonl', '--quiet']);

  const cpuRatio = batch.cpuMs / base.cpuMs;
  const wallRatio = batch.wallMs / base.wallMs;
  say(`batch throughput  ${fmt(ROWS)} rows: batch ${fmt(batch.wallMs)} ms wall / ${fmt(batch.cpuMs)} ms CPU (${fmt((batch.cpuMs * 1000) / ROWS)} µs/row); floor ${fmt(base.wallMs)} ms wall / ${fmt(base.cpuMs)} ms CPU`);
  say(`                  ratio ${fmt(cpuRatio, 2)}× CPU, ${fmt(wallRatio, 2)}× wall — target ≤ 3×: ${verdict(cpuRatio, 3)}`);
  const memRatio = batch.maxRssKb / batchSmall.maxRssKb;
  say(`batch memory      peak RSS ${fmt(batch.maxRssKb / 1024, 1)} MB for ${fmt(ROWS)} rows vs ${fmt(batchSmall.maxRssKb / 1024, 1)} MB for ${fmt(SMALL)}: ${fmt(memRatio, 2)}× — target ≤ 1.5×: ${verdict(memRatio, 1.5)}`);

  // Start-up: interleaved, so that a burst of load on the shared machine hits both alike.
  const decideRuns = [];
  const nodeRuns = [];
  for (let i = 0; i < RUNS; i++) {
    nodeRuns.push(measure(['-e', '0']));
    decideRuns.push(measure([CLI, 'decide', '--answers', 'examples/support-tickets.yaml', '--json']));
  }
  const dWall = median(decideRuns.map((r) => r.wallMs));
  const nWall = median(nodeRuns.map((r) => r.wallMs));
  const dCpu = median(decideRuns.map((r) => r.cpuMs));
  const nCpu = median(nodeRuns.map((r) => r.cpuMs));
  say(`decide start-up   median of ${RUNS}: decide --answers ${fmt(dWall, 1)} ms wall / ${fmt(dCpu, 1)} ms CPU; node -e 0 ${fmt(nWall, 1)} ms wall / ${fmt(nCpu, 1)} ms CPU`);
  say(`                  ratio ${fmt(dWall / nWall, 2)}× wall, ${fmt(dCpu / nCpu, 2)}× CPU — target ≤ 1.5×: ${verdict(dWall / nWall, 1.5)}`);
  console.log('\nCPU time is the fairer throughput figure on a shared machine: wall time includes waiting for the other tenants.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
