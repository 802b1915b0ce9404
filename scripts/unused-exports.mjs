// Lists the exports that no other file uses (src, test, bench and the root *.ts files, as
// tsconfig.json includes them), with the TypeScript language service: "unused" (remove it) or
// "own file only" (drop the export keyword). Exits 1 when it finds any. Slow (a minute or two):
// run it by hand, `node scripts/unused-exports.mjs`, after a large change.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Used by convention rather than by import: a migration's `up` (listed in src/db/migrate.ts as a
// module) and vitest's global setup.
const byConvention = (file, name) =>
  (file.startsWith("src/db/migrations/") && name === "up") || (file === "test/pg-global-setup.ts" && name === "setup");

const config = ts.parseJsonConfigFileContent(
  ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile).config,
  ts.sys,
  root,
);
const files = new Set(config.fileNames);
const service = ts.createLanguageService(
  {
    getScriptFileNames: () => [...files],
    getScriptVersion: () => "1",
    getScriptSnapshot: (f) => (fs.existsSync(f) ? ts.ScriptSnapshot.fromString(fs.readFileSync(f, "utf8")) : undefined),
    getCurrentDirectory: () => root,
    getCompilationSettings: () => config.options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  },
  ts.createDocumentRegistry(),
);

const found = [];
for (const source of service.getProgram().getSourceFiles()) {
  if (!files.has(source.fileName)) continue;
  const file = path.relative(root, source.fileName);
  const names = [];
  source.forEachChild((node) => {
    if (!ts.canHaveModifiers(node) || !ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))
      return;
    if (ts.isVariableStatement(node)) for (const d of node.declarationList.declarations) names.push(d.name);
    else if (node.name) names.push(node.name);
  });
  for (const name of names) {
    if (byConvention(file, name.getText())) continue;
    let own = 0;
    let other = 0;
    for (const symbol of service.findReferences(source.fileName, name.getStart()) ?? []) {
      for (const ref of symbol.references) {
        if (ref.isDefinition) continue;
        if (ref.fileName === source.fileName) own += 1;
        else other += 1;
      }
    }
    if (other === 0) found.push(`${file}: ${name.getText()} (${own ? "own file only" : "unused"})`);
  }
}
for (const line of found) console.log(line);
process.exit(found.length ? 1 : 0);
