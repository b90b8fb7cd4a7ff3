// The synchronous half of the type check: runs inside the type-check child (typecheck-child.ts),
// so it imports nothing but `node:path`, the sandboxed host and types; the compiler is handed in.
import path from 'node:path';
import type ts from 'typescript';
import type { Problem } from '../events.ts';
import { createSandboxedHost, type LibraryRoot, libraryAccess, refusedImport } from './typecheck-host.ts';

type TypeScript = typeof ts;

/** An app's sources keyed by app path (`src/App.tsx`): only what the checker needs. */
export type AppSources = ReadonlyArray<readonly [appPath: string, content: string]>;

const maxProblems = 30;
/** A diagnostic can print whole types; the fix step needs the gist, events and job rows need a bound. */
const maxMessageLength = 2000;

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

export interface ProgramCheckerSetup {
  /**
   * Where virtual files live: a directory inside core that never exists on disk. Module resolution
   * walks up from there into core's node_modules, so `@types/react` resolves through pnpm's links
   * like it would for a real project (docs/architecture.md#verification) — but only into `libraries`.
   */
  virtualRoot: string;
  typescriptLibDirectory: string;
  libraries: readonly LibraryRoot[];
  allowedPackageImports: ReadonlySet<string>;
  /**
   * Whether the last check's state may be kept for the next one (the child asks its heap). The
   * builder's state grows by ~1.5 MB a check; dropped, the next check is a cold one (~1–2 s).
   */
  mayKeepState?: () => boolean;
}

/** Checks between forced fresh starts, whatever the heap says: bounds what one state can collect. */
const maxChecksPerState = 200;

/**
 * A type checker for generated apps with the strict settings they are written against.
 * Synchronous (the compiler API is): ~1–2 s cold, ~20–60 ms warm for a compiled app.
 *
 * Warm, because consecutive apps share nearly every file (a compiled app is the template plus
 * two data modules): the parsed libraries are cached, unchanged files keep their syntax trees,
 * and an incremental builder (what `tsc --incremental` uses) re-checks only the files whose text
 * changed and the files whose view of them changed — the template's files see the data modules
 * through declared types (`blueprint: AppBlueprint`), so their diagnostics are reused. A plain
 * `oldProgram` re-checked every file (~600 ms) and kept ~25 MB per check alive in the child.
 */
export function createProgramChecker(
  ts: TypeScript,
  setup: ProgramCheckerSetup,
): (sources: AppSources) => Problem[] {
  const { virtualRoot } = setup;
  const compilerOptions = compilerOptionsFor(ts);
  const access = libraryAccess(setup.libraries);
  const ambientPath = path.join(virtualRoot, 'src', '__ambient.d.ts');
  const librarySourceFiles = new Map<string, ts.SourceFile>();
  let previous: ts.SemanticDiagnosticsBuilderProgram | undefined;
  let checksOnState = 0;

  return (sources) => {
    const virtualFiles = new Map<string, string>();
    for (const [appPath, content] of sources) {
      if (/\.(tsx?|jsx?)$/.test(appPath)) virtualFiles.set(path.join(virtualRoot, appPath), content);
    }
    virtualFiles.set(ambientPath, ambientSource);
    const host = createSandboxedHost(ts, {
      options: compilerOptions,
      virtualRoot,
      virtualFiles,
      access,
      typescriptLibDirectory: setup.typescriptLibDirectory,
      allowedPackageImports: setup.allowedPackageImports,
      librarySourceFiles,
      previousProgram: previous?.getProgram(),
    });
    // Until this check has finished, the previous state is the only one known to be whole: a
    // check that throws half-way must not hand its state to the next one.
    const oldState = previous;
    previous = undefined;
    const program = ts.createSemanticDiagnosticsBuilderProgram(
      [...virtualFiles.keys()],
      compilerOptions,
      host,
      oldState,
    );

    // First every file the change affects (through imports, or globals): asked file by file,
    // the builder answers from its cache without propagating the change first.
    while (program.getSemanticDiagnosticsOfNextAffectedFile()) {}
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
    checksOnState = oldState ? checksOnState + 1 : 1;
    if (checksOnState < maxChecksPerState && (setup.mayKeepState?.() ?? true)) previous = program;
    // In the order of the files and of the text: the builder answers unchanged files from its
    // cache, which would otherwise decide which problems come first.
    const position = (diagnostic: ts.Diagnostic) => diagnostic.start ?? -1;
    diagnostics.sort(
      (a, b) =>
        (a.file ? 1 : 0) - (b.file ? 1 : 0) ||
        (a.file?.fileName ?? '').localeCompare(b.file?.fileName ?? '') ||
        position(a) - position(b),
    );
    return diagnostics.slice(0, maxProblems).map((diagnostic) => toProblem(ts, setup, diagnostic));
  };
}

/** "Cannot find module" codes: with an import refused, these are where it shows. */
const moduleNotFoundCodes = new Set([2307, 2792]);

function toProblem(ts: TypeScript, setup: ProgramCheckerSetup, diagnostic: ts.Diagnostic): Problem {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  const file = diagnostic.file;
  if (!file || diagnostic.start === undefined)
    return { path: 'src/App.tsx', line: null, message: capped(message), source: 'types' };
  const { line } = file.getLineAndCharacterOfPosition(diagnostic.start);
  const relative = path.relative(setup.virtualRoot, file.fileName).split(path.sep).join('/');
  return {
    path: relative,
    line: line + 1,
    message: capped(refusedImportMessage(setup, file, diagnostic) ?? `TS${diagnostic.code}: ${message}`),
    source: 'types',
  };
}

/** Says why an import was refused, in place of the compiler's "Cannot find module". */
function refusedImportMessage(
  setup: ProgramCheckerSetup,
  file: ts.SourceFile,
  diagnostic: ts.Diagnostic,
): string | null {
  if (!moduleNotFoundCodes.has(diagnostic.code) || diagnostic.start === undefined || !diagnostic.length)
    return null;
  const literal = file.text.slice(diagnostic.start, diagnostic.start + diagnostic.length);
  const specifier = literal.slice(1, -1);
  const reason = refusedImport(setup.virtualRoot, file.fileName, specifier, setup.allowedPackageImports);
  return reason ? `Import '${specifier}' ${reason}.` : null;
}

const capped = (message: string) =>
  message.length <= maxMessageLength ? message : `${message.slice(0, maxMessageLength - 1)}…`;
