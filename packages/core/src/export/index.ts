export {
  ExportError,
  type ExportInput,
  exportDataPaths,
  exportFolderName,
  exportOwnedPaths,
  exportProject,
} from './export-project.ts';
export {
  checkExportToken,
  createExportToken,
  type ExportTokenCheck,
  exportPathFor,
  exportTokenLifetimeMs,
  exportUrlFor,
} from './export-tokens.ts';
export {
  adapterChoicePath,
  type ExportFacts,
  exportDependencies,
  exportEntryPath,
  exportInfoPath,
  exportNodeEngine,
  scaffoldFiles,
} from './project-scaffold.ts';
export { type ZipOptions, zipProject } from './zip-project.ts';
