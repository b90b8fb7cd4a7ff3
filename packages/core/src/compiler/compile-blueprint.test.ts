import { describe, expect, it } from 'vitest';
import { Blueprint } from '../blueprint/blueprint.ts';
import { validateBlueprint } from '../blueprint/validate-blueprint.ts';
import { bundleApp } from '../validation/bundle-app.ts';
import { typecheckApp } from '../validation/typecheck-app.ts';
import { createIdMap, toAppBlueprint } from './app-blueprint.ts';
import { compileBlueprint } from './compile-blueprint.ts';
import { blueprintModulePath, dataModulePaths, sampleModulePath } from './data-modules.ts';
import { complaintLog, fixtureBlueprints, toolLibrary } from './fixtures/blueprints.ts';
import { templateFiles } from './generated/template-files.gen.ts';
import { sampleRecords } from './sample-records.ts';

const today = '2025-03-10';

/** The value of `export const name: Type = <literal>;` in a data module, read back as JSON. */
function literalOf(content: string): unknown {
  const start = content.indexOf(' = ') + 3;
  const end = content.lastIndexOf(';');
  return JSON.parse(content.slice(start, end));
}

// biome-ignore lint/suspicious/noTemplateCurlyInString: the text that would open a template literal is the point
const hostile = '</script><script>alert(1)</script> */ ${x} `tick` \u2028 \u2029 <!-- "q" \'s';

function hostileBlueprint(): Blueprint {
  const base = structuredClone(toolLibrary);
  base.title = `Tools ${hostile}`;
  base.summary = hostile;
  const [tool] = base.entities;
  if (!tool) throw new Error('fixture changed');
  tool.name = `Tool ${hostile}`;
  const status = tool.fields.find((field) => field.id === 'tool-status');
  if (!status) throw new Error('fixture changed');
  status.options = ['Available', `Out ${hostile}`, 'In Repair'];
  status.name = `Status ${hostile}`;
  return base;
}

describe('compileBlueprint', () => {
  it('is the template files as they are plus the two data modules', () => {
    const files = compileBlueprint(complaintLog, { today });
    const paths = files.map((file) => file.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths.sort()).toEqual([...Object.keys(templateFiles), ...dataModulePaths].sort());
    for (const file of files)
      if (!dataModulePaths.has(file.path)) expect(file.content).toBe(templateFiles[file.path]);
  });

  it('varies only the data modules between apps', () => {
    const one = new Map(compileBlueprint(toolLibrary, { today }).map((file) => [file.path, file.content]));
    const two = new Map(compileBlueprint(complaintLog, { today }).map((file) => [file.path, file.content]));
    const differing = [...one.keys()].filter((path) => one.get(path) !== two.get(path));
    expect(differing.sort()).toEqual([...dataModulePaths].sort());
  });

  it('is deterministic given the day and seed', () => {
    expect(compileBlueprint(toolLibrary, { today, seed: 3 })).toEqual(
      compileBlueprint(toolLibrary, { today, seed: 3 }),
    );
    expect(compileBlueprint(toolLibrary, { today, seed: 3 })).not.toEqual(
      compileBlueprint(toolLibrary, { today, seed: 4 }),
    );
  });

  it("writes the person's words only as escaped data that reads back as exactly what went in", () => {
    const blueprint = hostileBlueprint();
    expect(validateBlueprint(blueprint)).toEqual([]);
    const files = new Map(compileBlueprint(blueprint, { today }).map((file) => [file.path, file.content]));
    const data = files.get(blueprintModulePath) ?? '';
    const sample = files.get(sampleModulePath) ?? '';
    for (const content of [data, sample]) {
      for (const raw of ['</', '<!--', '*/', '${', '`', '\u2028', '\u2029'])
        expect(content).not.toContain(raw);
    }
    expect(literalOf(data)).toEqual(toAppBlueprint(blueprint));
    expect(literalOf(sample)).toEqual({
      today,
      records: sampleRecords(toAppBlueprint(blueprint), today).records,
    });
    const roundTripped = literalOf(data) as ReturnType<typeof toAppBlueprint>;
    expect(roundTripped.title).toBe(`Tools ${hostile}`);
  });

  it('keeps plain ids and gives every other id a stable plain one', () => {
    const blueprint = structuredClone(complaintLog);
    const [complaint] = blueprint.entities;
    if (!complaint) throw new Error('fixture changed');
    const oddIds = ['__proto__', 'has space', 'quote"d', 'dot.ted'];
    complaint.fields.slice(0, 4).forEach((field, index) => {
      const id = oddIds[index] ?? field.id;
      for (const view of blueprint.views) {
        if (view.groupByFieldId === field.id) view.groupByFieldId = id;
        if (view.filter && 'fieldId' in view.filter && view.filter.fieldId === field.id)
          view.filter.fieldId = id;
      }
      if (complaint.statusFieldId === field.id) complaint.statusFieldId = id;
      field.id = id;
    });
    expect(validateBlueprint(blueprint)).toEqual([]);
    const ids = createIdMap(blueprint);
    expect(ids('complaint-room')).toBe('complaint-room');
    const mapped = oddIds.map(ids);
    for (const id of mapped) expect(id).toMatch(/^id-[a-z0-9]+(-\d+)?$/);
    expect(new Set(mapped).size).toBe(mapped.length);
    expect(oddIds.map(createIdMap(structuredClone(blueprint)))).toEqual(mapped);
    // The compiled data never holds a key JavaScript would read as something else.
    expect(JSON.stringify(toAppBlueprint(blueprint))).not.toContain('__proto__');
  });

  it('compiles every fixture into an app that type-checks and bundles', { timeout: 120_000 }, async () => {
    for (const { name, blueprint } of fixtureBlueprints) {
      expect(Blueprint.parse(blueprint), name).toEqual(blueprint);
      expect(validateBlueprint(blueprint), name).toEqual([]);
      const files = compileBlueprint(blueprint, { today });
      expect(await typecheckApp(files), name).toEqual([]);
      const bundle = await bundleApp(files);
      expect(bundle.ok, name).toBe(true);
    }
  });
});
