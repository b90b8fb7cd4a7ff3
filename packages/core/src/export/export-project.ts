import { type AppFile, appEntryPath, normaliseAppPath } from '../validation/app-files.ts';
import {
  adapterChoicePath,
  type ExportFacts,
  exportEntryPath,
  exportInfoPath,
  scaffoldFiles,
} from './project-scaffold.ts';

export interface ExportInput {
  appId: string;
  versionNumber: number;
  /** The blueprint's title; null for a version older than blueprints (the app's name stands in). */
  title: string | null;
  appName: string;
  /** The version's files, as stored (`src/...`). */
  files: readonly AppFile[];
}

export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

/**
 * Paths the export writes itself. A version's file at one of them is replaced: the entry and the
 * adapter choice are what make the project standalone, and they must be the export's.
 */
export const exportOwnedPaths: ReadonlySet<string> = new Set([
  exportEntryPath,
  exportInfoPath,
  adapterChoicePath,
]);

/** Files whose text comes from the app (through toDataLiteral); every other file is fixed text or the version's own. */
export const exportDataPaths: ReadonlySet<string> = new Set([exportInfoPath, adapterChoicePath, 'README.md']);

/**
 * A standalone Vite + React + TypeScript project from a version's files: the version's `src/`
 * as it was verified, plus the scaffold around it (project-scaffold.ts). Pure: files in, files
 * out, sorted by path.
 */
export function exportProject(input: ExportInput): AppFile[] {
  const facts: ExportFacts = {
    title: input.title?.trim() ? input.title : input.appName,
    versionNumber: input.versionNumber,
    storageKey: `app-records:${input.appId}`,
  };
  const byPath = new Map<string, string>();
  for (const file of input.files) {
    // Stored files were normalised when written; anything outside src/ is not part of the app.
    const path = normaliseAppPath(file.path);
    if (path && !exportOwnedPaths.has(path)) byPath.set(path, file.content);
  }
  if (!byPath.has(appEntryPath)) throw new ExportError(`This version has no ${appEntryPath} to export`);
  for (const file of scaffoldFiles(facts)) byPath.set(file.path, file.content);
  return [...byPath.entries()]
    .map(([path, content]) => ({ path, content }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * A name for the download and its top folder: the title's ASCII letters and digits, lower-cased
 * and dashed (nothing else of the title reaches a path or a header), then the version number.
 */
export function exportFolderName(title: string, versionNumber: number): string {
  const slug = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return `${slug || 'app'}-v${String(versionNumber)}`;
}
