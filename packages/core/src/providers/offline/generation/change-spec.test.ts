import { describe, expect, it } from 'vitest';
import { emptyBlueprint } from '../../../blueprint/blueprint.ts';
import { toDataLiteral } from '../../../generation/data-literal.ts';
import { specFromFiles } from './change-spec.ts';
import { deriveSpec } from './derive-spec.ts';
import { renderAppFiles } from './render-app.ts';
import { appDataPath } from './templates/app-data-file.ts';

const spec = deriveSpec(emptyBlueprint('Tickets'), 'A tracker for our support tickets with priorities');
const files = [...renderAppFiles(spec)].map(([path, content]) => ({ path, content }));

describe('specFromFiles', () => {
  it('reads back exactly the spec the app was generated from', () => {
    expect(specFromFiles(files)).toEqual(spec);
  });

  it('still reads apps built before the data module (spec in a comment on config.ts)', () => {
    const legacy = [{ path: 'src/config.ts', content: `// app-spec: ${JSON.stringify(spec)}\nexport {};\n` }];
    expect(specFromFiles(legacy)).toEqual(spec);
  });

  it('refuses a spec whose identifiers are not identifiers (a tampered or model-edited version)', () => {
    const field = spec.fields[0];
    if (!field) throw new Error('the spec has no fields');
    const tampered = {
      ...spec,
      fields: [
        { ...field, key: 'x: string; } globalThis.__pwned = 1; interface Y {' },
        ...spec.fields.slice(1),
      ],
    };
    const content = `export const appData = ${toDataLiteral({ spec: tampered })} as const;\n`;
    expect(specFromFiles([{ path: appDataPath, content }])).toBeNull();
    const badType = { ...spec, record: { ...spec.record, typeName: 'A {} export default 1; interface B' } };
    const other = `export const appData = ${toDataLiteral({ spec: badType })} as const;\n`;
    expect(specFromFiles([{ path: appDataPath, content: other }])).toBeNull();
    expect(
      specFromFiles([{ path: appDataPath, content: 'export const appData = nope() as const;\n' }]),
    ).toBeNull();
  });
});
