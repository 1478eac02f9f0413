#!/usr/bin/env node
// Entry point of the installed CLI (copied to dist/cli.cjs by the build). Runs the bundle
// dist/main.cjs through V8's code cache, dist/main.cache, written at build time. A cache made by
// another Node version is rejected by V8 and the bundle is simply compiled as usual.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const file = path.join(__dirname, 'main.cjs');
const cacheFile = path.join(__dirname, 'main.cache');
const source = fs.readFileSync(file, 'utf8');
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
if (process.env.ML_ADVISOR_WRITE_CODE_CACHE === '1') {
  // Written at exit, so that the functions this run compiled are in the cache too.
  process.on('exit', () => fs.writeFileSync(cacheFile, script.createCachedData()));
}
const mod = new Module(file, module);
mod.filename = file;
mod.paths = Module._nodeModulePaths(__dirname);
script.runInThisContext()(mod.exports, (id) => mod.require(id), mod, file, __dirname);
