// Turns the compiled app's template (src/compiler/template/src) into the map compileBlueprint
// ships (src/compiler/generated/template-files.gen.ts), and refreshes the template's own sample
// data modules from the first fixture blueprint so the template runs on its own. A test fails
// when the map is stale.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { toAppBlueprint } from '../src/compiler/app-blueprint.ts';
import { dataModules } from '../src/compiler/data-modules.ts';
import { fixtureBlueprints } from '../src/compiler/fixtures/blueprints.ts';
import { sampleRecords } from '../src/compiler/sample-records.ts';
import {
  readTemplateFiles,
  renderTemplateMap,
  templateDirectory,
  templateMapPath,
} from '../src/compiler/template-map.ts';

const sample = fixtureBlueprints[0];
if (!sample) throw new Error('No fixture blueprint');
const app = toAppBlueprint(sample.blueprint);
const written: string[] = [];
for (const file of dataModules(app, sampleRecords(app, '2025-01-15'))) {
  const target = path.join(templateDirectory, file.path);
  writeFileSync(target, file.content);
  written.push(target);
}
// The sample modules are linted like the template's other files: format them as biome would.
const format = spawnSync(
  'pnpm',
  ['exec', 'biome', 'format', '--write', path.join(templateDirectory, 'src')],
  {
    stdio: 'inherit',
  },
);
if (format.status !== 0) process.exit(format.status ?? 1);

writeFileSync(templateMapPath, renderTemplateMap(readTemplateFiles()));
console.log(
  `template map: ${readTemplateFiles().length} files → ${path.relative(process.cwd(), templateMapPath)}`,
);
