import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One source file of a generated app; paths are relative to the app root (`src/App.tsx`). */
export interface AppFile {
  path: string;
  content: string;
}

/** The module every generated app must have: it default-exports the root component. */
export const appEntryPath = 'src/App.tsx';

/**
 * Bare imports a generated app may use. Each is bundled from core's own node_modules (docs/architecture.md#generated-apps:
 * "extend the allow-list only with packages the project bundles itself").
 */
export const allowedPackageImports: ReadonlySet<string> = new Set([
  'react',
  'react-dom',
  'react-dom/client',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
]);

/**
 * The real directory whose node_modules hold react, react-dom and @types/react (packages/core).
 * Virtual files are resolved "as if" they lived under it, so pnpm's symlinked layout works for
 * both esbuild and TypeScript without either of them touching the virtual files on disk.
 */
export const packageDirectory = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Normalises a generated path to `src/...` form, or returns null for anything outside `src/`
 * (absolute paths, `..`, backslashes): a model must not write next to the builder's own files.
 */
export function normaliseAppPath(raw: string): string | null {
  const trimmed = raw.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  if (trimmed === '' || trimmed.startsWith('/')) return null;
  const normalised = path.posix.normalize(trimmed);
  if (normalised.startsWith('..') || !normalised.startsWith('src/') || normalised.endsWith('/')) return null;
  return normalised;
}

/** Last file wins for duplicate paths, matching how edits are applied in order. */
export function fileMap(files: readonly AppFile[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const file of files) {
    const normalised = normaliseAppPath(file.path);
    if (normalised) map.set(normalised, file.content);
  }
  return map;
}

const resolvableExtensions = ['', '.tsx', '.ts', '.jsx', '.js', '.css'];

/**
 * Resolves a relative import between virtual files the way a bundler would (extension and
 * `index` lookup). Returns null when no such file exists.
 */
export function resolveRelativeImport(
  files: ReadonlyMap<string, string>,
  importer: string,
  specifier: string,
): string | null {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(importer), specifier));
  for (const candidate of [
    ...resolvableExtensions.map((extension) => base + extension),
    ...resolvableExtensions.slice(1).map((extension) => `${base}/index${extension}`),
  ]) {
    if (files.has(candidate)) return candidate;
  }
  return null;
}
