// The synchronous half of the type check: runs inside the type-check thread (typecheck-thread.ts),
// so it imports nothing but `node:path` and types; the compiler is handed in.
import path from 'node:path';
import type ts from 'typescript';
import type { Problem } from '../events.ts';

type TypeScript = typeof ts;

/** An app's sources keyed by app path (`src/App.tsx`): only what the checker needs. */
export type AppSources = ReadonlyArray<readonly [appPath: string, content: string]>;

const maxProblems = 30;

const compilerOptionsFor = (ts: TypeScript): ts.CompilerOptions => ({
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.ReactJSX,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: [],
  allowImportingTsExtensions: true,
  isolatedModules: true,
  esModuleInterop: true,
  noFallthroughCasesInSwitch: true,
});

// `.css` imports are bundled by esbuild; TypeScript only needs to know they are modules.
const ambientSource =
  "declare module '*.css' {\n  const stylesheet: string;\n  export default stylesheet;\n}\n";

/**
 * A type checker for generated apps with the strict settings they are written against. Virtual
 * files live under `virtualRoot`, a directory inside core that never exists on disk: module
 * resolution walks up from there into core's node_modules, so `react` and `@types/react` resolve
 * through pnpm's symlinks like they would for a real project (stack pitfall 18).
 *
 * Synchronous (the compiler API is): ~1 s cold, ~100–250 ms warm thanks to `oldProgram` reuse
 * and the library cache kept between checks.
 */
export function createTypeChecker(ts: TypeScript, virtualRoot: string): (sources: AppSources) => Problem[] {
  const compilerOptions = compilerOptionsFor(ts);
  const ambientPath = path.join(virtualRoot, 'src', '__ambient.d.ts');
  /** Parsed lib and @types files, shared across checks: they dominate the cost of a cold check. */
  const librarySourceFiles = new Map<string, ts.SourceFile>();
  let previousProgram: ts.Program | undefined;
  const isVirtual = (fileName: string) =>
    fileName === virtualRoot || fileName.startsWith(`${virtualRoot}${path.sep}`);

  return (sources) => {
    const virtualFiles = new Map<string, string>();
    for (const [appPath, content] of sources) {
      if (/\.(tsx?|jsx?)$/.test(appPath)) virtualFiles.set(path.join(virtualRoot, appPath), content);
    }
    virtualFiles.set(ambientPath, ambientSource);
    const virtualDirectories = new Set<string>();
    for (const file of virtualFiles.keys()) {
      for (
        let directory = path.dirname(file);
        directory.startsWith(virtualRoot);
        directory = path.dirname(directory)
      ) {
        virtualDirectories.add(directory);
      }
    }

    const host = ts.createCompilerHost(compilerOptions, true);
    const realFileExists = host.fileExists.bind(host);
    const realReadFile = host.readFile.bind(host);
    const realDirectoryExists = host.directoryExists?.bind(host);
    const realGetSourceFile = host.getSourceFile.bind(host);
    host.fileExists = (fileName) =>
      virtualFiles.has(fileName) || (!isVirtual(fileName) && realFileExists(fileName));
    host.readFile = (fileName) =>
      virtualFiles.get(fileName) ?? (isVirtual(fileName) ? undefined : realReadFile(fileName));
    host.directoryExists = (directory) =>
      virtualDirectories.has(directory) ||
      (!isVirtual(directory) && (realDirectoryExists?.(directory) ?? true));
    host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
      const virtual = virtualFiles.get(fileName);
      if (virtual !== undefined) {
        // Reuse the previous program's tree when the text is unchanged: that is what makes oldProgram fast.
        const previous = previousProgram?.getSourceFile(fileName);
        if (previous && previous.text === virtual) return previous;
        return ts.createSourceFile(fileName, virtual, languageVersion, true);
      }
      if (isVirtual(fileName)) return undefined;
      const cached = librarySourceFiles.get(fileName);
      if (cached) return cached;
      const sourceFile = realGetSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (sourceFile) librarySourceFiles.set(fileName, sourceFile);
      return sourceFile;
    };

    const program = ts.createProgram({
      rootNames: [...virtualFiles.keys()],
      options: compilerOptions,
      host,
      oldProgram: previousProgram,
    });
    previousProgram = program;

    const diagnostics = [
      ...program.getOptionsDiagnostics(),
      ...program.getGlobalDiagnostics(),
      ...[...virtualFiles.keys()].flatMap((fileName) => {
        const sourceFile = program.getSourceFile(fileName);
        return sourceFile
          ? [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]
          : [];
      }),
    ];
    return diagnostics.slice(0, maxProblems).map((diagnostic) => toProblem(ts, virtualRoot, diagnostic));
  };
}

function toProblem(ts: TypeScript, virtualRoot: string, diagnostic: ts.Diagnostic): Problem {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  const file = diagnostic.file;
  if (!file || diagnostic.start === undefined)
    return { path: 'src/App.tsx', line: null, message, source: 'types' };
  const { line } = file.getLineAndCharacterOfPosition(diagnostic.start);
  const relative = path.relative(virtualRoot, file.fileName).split(path.sep).join('/');
  return { path: relative, line: line + 1, message: `TS${diagnostic.code}: ${message}`, source: 'types' };
}
