// The library's TypeScript declarations (dist/types), emitted by tsc from the same sources the code
// is built from — `Answers` from the field table, the result from its interfaces. The package has no
// runtime dependencies, so a declaration must not import one either: the few types that are
// inferred from zod schemas (the catalog and rule-file shapes) are written out structurally, as the
// type checker sees them, in place of their `z.infer<…>`.
import ts from 'typescript';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const OUT = 'dist/types';
const ENTRY = 'src/index.ts';
const RUNTIME_ONLY = /^(zod|yaml|commander|chalk|csv-parse|@inquirer\/.*)$/;

rmSync(OUT, { recursive: true, force: true });
const config = ts.getParsedCommandLineOfConfigFile('tsconfig.json', {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
const options = { ...config.options, noEmit: false, declaration: true, emitDeclarationOnly: true, outDir: OUT, rootDir: 'src', types: ['node'] };
const program = ts.createProgram([ENTRY], options);
const checker = program.getTypeChecker();

const emitted = new Map();
const result = program.emit(undefined, (file, text) => emitted.set(resolve(file), text));
const errors = ts.getPreEmitDiagnostics(program).concat(result.diagnostics);
if (errors.length) {
  console.error(ts.formatDiagnosticsWithColorAndContext(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: ts.sys.getCurrentDirectory, getNewLine: () => '\n' }));
  process.exit(1);
}

const importsOf = (text) => [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
const declFor = (srcFile) => resolve(OUT, relative('src', srcFile).replace(/\.ts$/, '.d.ts'));

/** A module whose declaration imports a runtime library: keep only its types, each written out in full. */
function structuralDeclaration(sf) {
  const out = [`// Types of ${relative('src', sf.fileName)}, written out structurally (the package ships without the libraries they are inferred from).`];
  const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.InTypeAlias | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;
  for (const st of sf.statements) {
    const exported = ts.getCombinedModifierFlags(st) & ts.ModifierFlags.Export;
    if (!exported) continue;
    if (ts.isTypeAliasDeclaration(st) || ts.isInterfaceDeclaration(st)) {
      if (st.typeParameters?.length) throw new Error(`${sf.fileName}: generic type ${st.name.text} cannot be written out`);
      const type = checker.getTypeAtLocation(st.name);
      const text = checker.typeToString(type, undefined, flags);
      if (/Zod|\$strict|\$strip|import\(/.test(text)) throw new Error(`${sf.fileName}: ${st.name.text} still refers to a library type: ${text.slice(0, 200)}`);
      out.push(`export type ${st.name.text} = ${text};`);
    } else if (ts.isVariableStatement(st)) {
      // Constants such as FAMILIES are referenced by `typeof`: keep them as readonly tuples of their literal values.
      for (const d of st.declarationList.declarations) {
        const type = checker.getTypeAtLocation(d.name);
        const text = checker.typeToString(type, undefined, flags);
        if (/Zod|\$strict|\$strip|import\(/.test(text)) continue;
        out.push(`export declare const ${d.name.getText()}: ${text};`);
      }
    }
  }
  return out.join('\n') + '\n';
}

for (const sf of program.getSourceFiles()) {
  if (sf.isDeclarationFile || !resolve(sf.fileName).startsWith(resolve('src'))) continue;
  const file = declFor(sf.fileName);
  const text = emitted.get(file);
  if (text === undefined) continue;
  const runtime = importsOf(text).filter((s) => RUNTIME_ONLY.test(s));
  emitted.set(file, runtime.length ? structuralDeclaration(sf) : text);
}

// Write only what the entry's declaration reaches: a consumer never loads the rest.
const reached = new Set();
const visit = (file) => {
  if (reached.has(file) || !emitted.has(file)) return;
  reached.add(file);
  for (const spec of importsOf(emitted.get(file))) {
    if (!spec.startsWith('.')) throw new Error(`${relative(OUT, file)} imports "${spec}", which the package does not ship`);
    visit(resolve(dirname(file), spec.replace(/\.js$/, '.d.ts')));
  }
};
visit(declFor(resolve(ENTRY)));
for (const file of reached) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, emitted.get(file));
}
console.log(`build-types: ${reached.size} declaration files in ${OUT}`);
