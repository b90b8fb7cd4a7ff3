import { toDataLiteral } from '../generation/data-literal.ts';
import type { AppFile } from '../validation/app-files.ts';
import type { AppBlueprint, SampleData } from './template/src/schema.ts';

export const blueprintModulePath = 'src/blueprint-data.ts';
export const sampleModulePath = 'src/sample-data.ts';
/** The files that vary per app; every other file of a compiled app is the template's, as is. */
export const dataModulePaths: ReadonlySet<string> = new Set([blueprintModulePath, sampleModulePath]);

const header =
  "// Generated from the blueprint: data only. Every text in it went through the builder's one escaping path.\n";

/**
 * The app's data modules. The person's words reach them only as values of `toDataLiteral` (JSON
 * with the characters that could end a string, comment or script escaped); the code around the
 * literals is fixed text.
 */
export function dataModules(blueprint: AppBlueprint, sample: SampleData): AppFile[] {
  const sampleData: SampleData = { today: sample.today, records: sample.records };
  return [
    {
      path: blueprintModulePath,
      content: `${header}import type { AppBlueprint } from './schema';\n\nexport const blueprint: AppBlueprint = ${toDataLiteral(blueprint, 2)};\n`,
    },
    {
      path: sampleModulePath,
      content: `${header}import type { SampleData } from './schema';\n\nexport const sampleData: SampleData = ${toDataLiteral(sampleData, 2)};\n`,
    },
  ];
}
