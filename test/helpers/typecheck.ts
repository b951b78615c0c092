import { join } from 'node:path';
import ts from 'typescript';
import { REPO } from './packed-package.js';

/**
 * Type errors a strict TypeScript user would meet in `file` (plain JS, checked with checkJs) and in
 * the installed package's declarations it reaches. Only those files are checked: checking every
 * library declaration (skipLibCheck: false) costs tens of seconds here and proves nothing about
 * ours; skipping all of them (skipLibCheck: true) would hide ours too, e.g. a declaration that
 * imports types from a dev dependency the user does not have.
 */
export function typeErrorsForUser(file: string, packageName: string): string {
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    allowJs: true,
    checkJs: true,
    noEmit: true,
    types: ['node'],
    typeRoots: [join(REPO, 'node_modules/@types')],
  };
  const program = ts.createProgram([file], options);
  const checked = program
    .getSourceFiles()
    .filter((source) => source.fileName === file || source.fileName.includes(`/node_modules/${packageName}/`));
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...checked.flatMap((source) => [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]),
  ];
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => REPO,
    getNewLine: () => '\n',
  });
}
