#!/usr/bin/env node
// Entry point of the installed CLI (copied to dist/cli.cjs by the build). Runs the bundle
// dist/main.cjs, and the vendor bundles it requires on demand, through V8's code cache
// (dist/*.cache, written at build time): Node 20 has no built-in compile cache, and compiling the
// JavaScript on every run would cost more than the decision itself. A cache made by another Node
// version is rejected by V8 and the file is simply compiled as usual.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const writeCache = process.env.ML_ADVISOR_WRITE_CODE_CACHE === '1';
const loaded = new Map();
const mainFile = path.join(__dirname, 'main.cjs');

// V8 deserializes every function a cache holds before the script runs, so a cache warmed by all
// the commands costs a JSON decision for the code it never runs. The bundle has a second cache,
// warmed only by JSON decisions, for runs that look like one; any other run (or a JSON decision
// with options the lean cache was not warmed by) uses the full cache, and any function missing
// from the cache it got is compiled as usual: the choice changes speed, never behaviour.
const args = process.argv.slice(2);
const jsonDecision = args[0] === 'decide' && args.includes('--json');

function load(file, parent) {
  const known = loaded.get(file);
  if (known) return known.exports;
  const cacheFile = file.replace(/\.cjs$/, jsonDecision && file === mainFile ? '.json.cache' : '.cache');
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  if (writeCache) {
    // Written at exit, so that the functions this run compiled are in the cache too.
    process.on('exit', () => fs.writeFileSync(cacheFile, script.createCachedData()));
  }
  const mod = new Module(file, parent);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  loaded.set(file, mod);
  const req = (id) => (id.startsWith('./vendor/') ? load(path.join(__dirname, id), mod) : mod.require(id));
  script.runInThisContext()(mod.exports, req, mod, file, path.dirname(file));
  return mod.exports;
}

load(mainFile, module);
