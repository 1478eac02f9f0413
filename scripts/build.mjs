// Bundles the CLI into dist/ with esbuild and pre-parses the built-in rules to JSON, so that a
// decision starts without compiling TypeScript modules one by one or parsing YAML.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });

const requireShim = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

// commander requires node:child_process at load time, only to run executable subcommands, which
// ml-advisor has none of; loading it costs about 10 ms of every start. Load it on first use instead.
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

// One CommonJS file: Node 20 starts CommonJS faster than ES modules (no async module loader),
// and esbuild keeps dynamically imported modules (yaml, zod, prompts) unevaluated until used.
await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/main.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  define: { 'import.meta.url': '__importMetaUrl' },
  plugins: [lazyChildProcess],
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});

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
copyFileSync('scripts/cli-entry.cjs', 'dist/cli.cjs');
chmodSync('dist/cli.cjs', 0o755);
// Warm the cache with the paths people run most: a JSON decision, a YAML one, and help.
for (const args of [['--help'], ['decide', '--answers', 'examples/support-tickets.yaml', '--format', 'yaml'], ['decide', '--answers', 'examples/support-tickets.yaml', '--json']]) {
  execFileSync(process.execPath, ['dist/cli.cjs', ...args], { stdio: 'ignore', env: { ...process.env, ML_ADVISOR_WRITE_CODE_CACHE: '1' } });
}
