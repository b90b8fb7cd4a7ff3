import type { Blueprint } from '../blueprint/blueprint.ts';
import type { AppFile } from '../validation/app-files.ts';
import { toAppBlueprint } from './app-blueprint.ts';
import { dataModules } from './data-modules.ts';
import { templateFiles } from './generated/template-files.gen.ts';
import { sampleRecords } from './sample-records.ts';
import { localToday } from './template/src/logic/dates.ts';

export interface CompileOptions {
  /** The day the sample data is made for (YYYY-MM-DD); default: this machine's today. */
  today?: string;
  /** Varies the sample values; the same seed gives the same app. */
  seed?: number;
}

/**
 * The app a blueprint describes (docs/architecture.md#generated-apps): the template's files as they are in the repository,
 * plus the two data modules written from the blueprint. Pure and deterministic given the options.
 */
export function compileBlueprint(blueprint: Blueprint, options: CompileOptions = {}): AppFile[] {
  const app = toAppBlueprint(blueprint);
  const sample = sampleRecords(app, options.today ?? localToday(), options.seed);
  const template = Object.entries(templateFiles).map(([path, content]) => ({ path, content }));
  return [...template, ...dataModules(app, sample)];
}
