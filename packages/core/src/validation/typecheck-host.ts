// The type-check child's view of the disk (typecheck-child.ts). Generated code is hostile: its
// imports, `/// <reference>`s and module resolution must never make the checker read, stat or list
// a host file. So the compiler host is deny-by-default: it answers from the virtual app files and
// from an explicit list of real type-library directories found once at start-up, and for every
// other path says "does not exist" without touching the disk.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type ts from 'typescript';

type TypeScript = typeof ts;

/** A real directory the checker may read, and the path module resolution reaches it by (a pnpm link). */
export interface LibraryRoot {
  linkPath: string;
  realPath: string;
  /** Which files in it may be read: declaration files and manifests, never the package's code. */
  readable: RegExp;
}

const declarationFiles = /(\.d\.[cm]?ts|[\\/]package\.json)$/;
const typescriptLibFiles = /[\\/]lib\.[^\\/]*\.d\.ts$/;

/**
 * The type libraries a generated app may see: TypeScript's `lib.*.d.ts` and the given `@types`
 * packages with everything they depend on (csstype for @types/react), resolved from `fromDirectory`
 * the way Node and TypeScript walk `node_modules`. Runs once at start-up, before any app input,
 * and is the only code here that explores the disk.
 */
export function findTypeLibraries(
  typescriptLibDirectory: string,
  fromDirectory: string,
  packageNames: readonly string[],
): LibraryRoot[] {
  const roots: LibraryRoot[] = [
    {
      linkPath: typescriptLibDirectory,
      realPath: fs.realpathSync(typescriptLibDirectory),
      readable: typescriptLibFiles,
    },
  ];
  const visited = new Set<string>();
  const visit = (name: string, from: string): boolean => {
    const linkPath = findPackage(from, name);
    if (!linkPath) return false;
    const realPath = fs.realpathSync(linkPath);
    // The same real package can be linked in several places (a peer dependency's own link).
    if (!roots.some((root) => root.linkPath === linkPath))
      roots.push({ linkPath, realPath, readable: declarationFiles });
    if (visited.has(realPath)) return true;
    visited.add(realPath);
    const manifest = JSON.parse(fs.readFileSync(path.join(realPath, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    for (const dependency of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }))
      visit(dependency, realPath);
    return true;
  };
  for (const name of packageNames) {
    if (!visit(name, fromDirectory))
      throw new Error(`the type library ${name} is not installed (looked up from ${fromDirectory})`);
  }
  return roots;
}

function findPackage(fromDirectory: string, name: string): string | null {
  for (let directory = fromDirectory; ; directory = path.dirname(directory)) {
    if (path.basename(directory) !== 'node_modules') {
      const candidate = path.join(directory, 'node_modules', name);
      if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    }
    if (path.dirname(directory) === directory) return null;
  }
}

const isWithin = (candidate: string, directory: string) =>
  candidate === directory || candidate.startsWith(`${directory}${path.sep}`);

/** Pure string checks over the allowed roots: deciding never touches the disk. */
export interface LibraryAccess {
  mayReadFile(fileName: string): boolean;
  mayListDirectory(directory: string): boolean;
  /** Ancestors of a root exist as far as module resolution is concerned; nothing in them is listed. */
  isAncestorOfRoot(directory: string): boolean;
  /** The real path of an allowed path reached through a link; any other path is returned as is. */
  realPath(fileName: string): string;
}

export function libraryAccess(roots: readonly LibraryRoot[]): LibraryAccess {
  const ancestors = new Set<string>();
  for (const root of roots) {
    for (const start of [root.linkPath, root.realPath]) {
      for (let directory = path.dirname(start); ; directory = path.dirname(directory)) {
        ancestors.add(directory);
        if (path.dirname(directory) === directory) break;
      }
    }
  }
  // Paths from the compiler are absolute and normalised; anything else (relative, `..` left in)
  // is refused rather than resolved against a working directory.
  const normalised = (fileName: string) => path.isAbsolute(fileName) && path.normalize(fileName) === fileName;
  const rootOf = (fileName: string) =>
    roots.find((root) => isWithin(fileName, root.linkPath) || isWithin(fileName, root.realPath));
  return {
    mayReadFile: (fileName) => normalised(fileName) && rootOf(fileName)?.readable.test(fileName) === true,
    mayListDirectory: (directory) => normalised(directory) && rootOf(directory) !== undefined,
    isAncestorOfRoot: (directory) => ancestors.has(directory),
    realPath: (fileName) => {
      if (!normalised(fileName)) return fileName;
      const root = roots.find((candidate) => isWithin(fileName, candidate.linkPath));
      return root ? root.realPath + fileName.slice(root.linkPath.length) : fileName;
    },
  };
}

/**
 * Why an import in an app file is refused, or null when it may be resolved: relative imports stay
 * under `src/`, bare imports are the allowed packages, nothing absolute. Used both to refuse the
 * resolution and to word the problem, so the two cannot disagree.
 */
export function refusedImport(
  virtualRoot: string,
  importer: string,
  specifier: string,
  allowedPackageImports: ReadonlySet<string>,
): string | null {
  if (/^\.\.?(\/|$)/.test(specifier)) {
    const target = path.resolve(path.dirname(importer), specifier);
    return isWithin(target, path.join(virtualRoot, 'src'))
      ? null
      : 'leaves the app: only files under src/ can be imported';
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(specifier)?.[1];
  if (path.isAbsolute(specifier) || specifier.includes('\\') || (scheme && scheme !== 'node'))
    return 'is an absolute path or URL: import app files by a relative path such as ./Thing';
  if (allowedPackageImports.has(specifier)) return null;
  return `is not available to generated apps (they can import ${[...allowedPackageImports].join(', ')})`;
}

export interface SandboxedHostSetup {
  options: ts.CompilerOptions;
  virtualRoot: string;
  /** Absolute path → content, all under `virtualRoot`. */
  virtualFiles: ReadonlyMap<string, string>;
  access: LibraryAccess;
  typescriptLibDirectory: string;
  allowedPackageImports: ReadonlySet<string>;
  /** Parsed library files shared across checks: they dominate the cost of a cold check. */
  librarySourceFiles: Map<string, ts.SourceFile>;
  previousProgram: ts.Program | undefined;
}

/** A text's identity for the incremental builder: files with equal hashes are the same file to it. */
export const contentHash = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The incremental builder (typecheck-program.ts) tells changed files from unchanged ones by a
 * `version` on each SourceFile, which the compiler API sets only through its own hosts: here it
 * is the hash of the text, as `ts.setGetSourceFileAsHashVersioned` would set it.
 */
function versioned(sourceFile: ts.SourceFile): ts.SourceFile {
  const withVersion = sourceFile as ts.SourceFile & { version?: string };
  withVersion.version ??= contentHash(sourceFile.text);
  return sourceFile;
}

/** A compiler host built from scratch (not a patched default host), so no method reaches `ts.sys` unchecked. */
export function createSandboxedHost(ts: TypeScript, setup: SandboxedHostSetup): ts.CompilerHost {
  const { virtualRoot, virtualFiles, access, librarySourceFiles } = setup;
  const isVirtual = (fileName: string) => isWithin(fileName, virtualRoot);
  const virtualDirectories = new Set<string>();
  for (const file of virtualFiles.keys()) {
    for (
      let directory = path.dirname(file);
      isWithin(directory, virtualRoot);
      directory = path.dirname(directory)
    )
      virtualDirectories.add(directory);
  }

  const host: ts.CompilerHost = {
    getSourceFile: (fileName, languageVersionOrOptions) => {
      const virtual = virtualFiles.get(fileName);
      if (virtual !== undefined) {
        // Reuse the previous program's tree when the text is unchanged: that is what makes oldProgram fast.
        const previous = setup.previousProgram?.getSourceFile(fileName);
        if (previous && previous.text === virtual) return versioned(previous);
        return versioned(ts.createSourceFile(fileName, virtual, languageVersionOrOptions, true));
      }
      if (isVirtual(fileName) || !access.mayReadFile(fileName)) return undefined;
      const cached = librarySourceFiles.get(fileName);
      if (cached) return cached;
      const text = ts.sys.readFile(fileName);
      if (text === undefined) return undefined;
      const sourceFile = versioned(ts.createSourceFile(fileName, text, languageVersionOrOptions));
      librarySourceFiles.set(fileName, sourceFile);
      return sourceFile;
    },
    readFile: (fileName) => {
      if (isVirtual(fileName)) return virtualFiles.get(fileName);
      return access.mayReadFile(fileName) ? ts.sys.readFile(fileName) : undefined;
    },
    fileExists: (fileName) => {
      if (isVirtual(fileName)) return virtualFiles.has(fileName);
      return access.mayReadFile(fileName) && ts.sys.fileExists(fileName);
    },
    directoryExists: (directory) => {
      if (isVirtual(directory)) return virtualDirectories.has(directory);
      if (access.mayListDirectory(directory)) return ts.sys.directoryExists(directory);
      return access.isAncestorOfRoot(directory);
    },
    getDirectories: (directory) =>
      access.mayListDirectory(directory) ? ts.sys.getDirectories(directory) : [],
    realpath: (fileName) => access.realPath(fileName),
    resolveModuleNameLiterals: (literals, containingFile, redirectedReference, options) =>
      literals.map((literal) => {
        const refused =
          isVirtual(containingFile) &&
          refusedImport(virtualRoot, containingFile, literal.text, setup.allowedPackageImports) !== null;
        if (refused) return { resolvedModule: undefined };
        return ts.resolveModuleName(
          literal.text,
          containingFile,
          options,
          host,
          undefined,
          redirectedReference,
        );
      }),
    getDefaultLibLocation: () => setup.typescriptLibDirectory,
    getDefaultLibFileName: (options) =>
      path.join(setup.typescriptLibDirectory, ts.getDefaultLibFileName(options)),
    getCurrentDirectory: () => virtualRoot,
    getCanonicalFileName: (fileName) => fileName,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    createHash: contentHash,
    writeFile: () => {},
  };
  return host;
}
