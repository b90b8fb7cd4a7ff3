import { existsSync, mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportDependencies } from './project-scaffold.ts';

/**
 * For tests: the export's toolchain as this workspace installed it (the SPA's Vite and React,
 * core's TypeScript and React types), so an exported project can be built here without a
 * registry. Not part of the export.
 */
const moduleDirectories = ['../../../../apps/web/node_modules/', '../../node_modules/'].map((relative) =>
  fileURLToPath(new URL(relative, import.meta.url)),
);

export const exportPackageNames: readonly string[] = Object.keys({
  ...exportDependencies.dependencies,
  ...exportDependencies.devDependencies,
});

/** The real directory of an installed package of the export's toolchain. */
export function workspacePackageDirectory(name: string): string {
  for (const directory of moduleDirectories) {
    const candidate = path.join(directory, name);
    if (existsSync(candidate)) return realpathSync(candidate);
  }
  throw new Error(`The workspace has no ${name} installed (pnpm install)`);
}

/**
 * Gives `projectDirectory` a node_modules of symlinks to the workspace's packages, and the `.bin`
 * entries `npm run` puts on PATH. Each package's own dependencies resolve from its real path in
 * pnpm's store, as they do for the workspace.
 */
export function linkWorkspaceToolchain(projectDirectory: string): void {
  const modules = path.join(projectDirectory, 'node_modules');
  for (const name of exportPackageNames) {
    const link = path.join(modules, name);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(workspacePackageDirectory(name), link, 'dir');
  }
  const bin = path.join(modules, '.bin');
  mkdirSync(bin, { recursive: true });
  symlinkSync(path.join(workspacePackageDirectory('typescript'), 'bin', 'tsc'), path.join(bin, 'tsc'));
  symlinkSync(path.join(workspacePackageDirectory('vite'), 'bin', 'vite.js'), path.join(bin, 'vite'));
}
