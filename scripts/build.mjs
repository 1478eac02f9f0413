// Bundles the CLI into dist/ with esbuild and pre-parses the built-in rules to JSON, so that a
// decision starts without compiling TypeScript modules one by one or parsing YAML.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });

const requireShim = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

// commander requires node:child_process at load time, only to run executable subcommands, which
// ml-advisor has none of; loading it costs about 10 ms of every start. Load it on first use instead.
// Re-measured December 2026 (30 paired runs of `decide --answers f.json --json`): without the
// patch a start takes 1.11x the CPU time (median), so it stays.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const src = await readFile(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!src.includes(eager)) throw new Error('commander changed: update the lazy child_process patch in scripts/build.mjs');
      return { contents: src.replace(eager, "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };"), loader: 'js' };
    });
  },
};

// The libraries only some paths need (YAML input, rule layers and schemas, the questionnaire)
// are bundled into files of their own and required on first use: a JSON decision then reads and
// deserializes a third of the code. Each entry lists what the CLI imports from the library.
const VENDOR = {
  yaml: "export * from 'yaml';",
  zod: "export * from 'zod';",
  '@inquirer/prompts': "export { confirm, input, select } from '@inquirer/prompts';",
  // Text output only (width and wrapping); a JSON run never loads them.
  // (module.exports is the function itself: the bundle's default import reads it as Node does.)
  'string-width': "module.exports = require('string-width').default;",
  'wrap-ansi': "module.exports = require('wrap-ansi').default;",
};
const vendorFile = (name) => `vendor/${name.replace(/[@/]/g, (c) => (c === '@' ? '' : '-'))}.cjs`;
for (const [name, contents] of Object.entries(VENDOR)) {
  await build({
    stdin: { contents, resolveDir: '.', loader: 'js' },
    outfile: join('dist', vendorFile(name)),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
}
const vendorSplit = {
  name: 'vendor-split',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(VENDOR).map((n) => n.replace(/[/@]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: `./${vendorFile(args.path)}`, external: true }));
  },
};

// One CommonJS file: Node 20 starts CommonJS faster than ES modules (no async module loader),
// and esbuild keeps dynamically imported modules unevaluated until used.
await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/main.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // ML_ADVISOR_NO_MINIFY=1 keeps names readable for profiling.
  minify: process.env.ML_ADVISOR_NO_MINIFY !== '1',
  legalComments: 'none',
  // The bundle is CommonJS: a module's own path is __filename (no URL to convert, which cost a
  // start about a millisecond cold).
  define: { 'import.meta.filename': '__filename', __ML_ADVISOR_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  plugins: [lazyChildProcess, vendorSplit],
  // import() of a vendor file becomes require(): the bundle runs in a vm.Script (for the code
  // cache), which has no dynamic-import loader.
  supported: { 'dynamic-import': false },
  logLevel: 'warning',
});

// esbuild escapes non-ASCII characters in strings but leaves them in regular expressions and
// tagged templates (the HTML renderer's html`…`), and a handful of them (≈, –, ■) make the whole
// bundle a two-byte string when the entry point reads it: a larger copy to decode, to scan when a
// function is compiled lazily, and to keep in memory. Escaped, the file is ASCII. \uXXXX means
// the same character in a regular expression and in a template's cooked text, the only text html`…`
// reads (src/io/escape-html.ts); a minified bundle has no comments.
const main = readFileSync('dist/main.cjs', 'utf8');
writeFileSync('dist/main.cjs', main.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));

// Compile the built-in rules with the same code the CLI uses (bundled to a temporary script).
const compiler = join('dist', `compile-rules-${process.pid}.mjs`);
await build({ entryPoints: ['scripts/compile-rules.ts'], outfile: compiler, bundle: true, format: 'esm', platform: 'node', target: 'node20', banner: { js: requireShim }, logLevel: 'warning' });
try {
  execFileSync(process.execPath, [compiler, 'dist/builtin-rules.json'], { stdio: 'inherit' });
} catch {
  rmSync(compiler, { force: true });
  console.error('build: the built-in rules have errors (above)');
  process.exit(1);
}
rmSync(compiler, { force: true });

// The entry point loads the bundle through V8's code cache (Node 20 has no built-in compile
// cache): compiling 300 kB of JavaScript on every run would cost more than the decision itself.
// Re-measured December 2026 (30 paired runs): without the cache a start takes 1.11x the CPU
// time and 1.26x the wall time (medians), so it stays.
copyFileSync('scripts/cli-entry.cjs', 'dist/cli.cjs');
chmodSync('dist/cli.cjs', 0o755);
// Warm the caches with the paths people run most, ending with the hot one: a decision from a
// JSON file. Each run adds what it compiled (a YAML decision also warms the yaml bundle, a rules
// layer the zod one).
for (const args of [
  ['--help'],
  ['schema', 'answers'],
  ['decide', '--answers', 'examples/support-tickets.yaml', '--rules', 'examples/company-rules.yaml', '--format', 'yaml'],
  // Text output: warms the string-width and wrap-ansi bundles too.
  ['decide', '--answers', 'examples/support-tickets.yaml'],
  // A JSON decision (`decide … --json`) warms dist/main.json.cache instead, the lean cache the
  // entry point picks for such runs (scripts/cli-entry.cjs): the hot one, from a JSON file, last.
  ['decide', '--answers', 'examples/support-tickets.yaml', '--json'],
  ['decide', '--answers', 'examples/chat-assistant.json', '--json'],
]) {
  execFileSync(process.execPath, ['dist/cli.cjs', ...args], { stdio: 'ignore', env: { ...process.env, ML_ADVISOR_WRITE_CODE_CACHE: '1' } });
}

// The library (contract §6): an ES module of its own, with no CLI code in it. yaml and zod are
// split into chunks loaded on first use (YAML rule files, rule layers), as the CLI does.
await build({
  entryPoints: { index: 'src/index.ts' },
  outdir: 'dist/lib',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: requireShim },
  chunkNames: 'chunks/[name]-[hash]',
  // Whitespace and syntax only: a user's stack trace through the library keeps its names.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
});
