import { describe, expect, it } from 'vitest';
import { type Blueprint, emptyBlueprint, type Field } from './blueprint.ts';
import { recordBlueprintEdit } from './blueprint-edit.ts';
import { diffBlueprint } from './diff-blueprint.ts';

const field = (id: string, name: string, type: Field['type'], extra: Partial<Field> = {}): Field => ({
  id,
  name,
  type,
  options: [],
  required: false,
  referenceEntityId: null,
  range: null,
  sourceFactIds: [],
  ...extra,
});

function toolsBlueprint(): Blueprint {
  return {
    ...emptyBlueprint('Tool Library'),
    audience: [{ name: 'Members', sourceFactIds: ['f-members'] }],
    entities: [
      {
        id: 'tool',
        name: 'Tool',
        pluralName: 'Tools',
        fields: [
          field('tool-name', 'Name', 'text', { required: true, sourceFactIds: ['f-request'] }),
          field('tool-condition', 'Condition', 'choice', {
            options: ['Good', 'Worn', 'Broken'],
            sourceFactIds: ['f-request'],
          }),
        ],
        statusFieldId: null,
        sourceFactIds: ['f-request'],
      },
      {
        id: 'loan',
        name: 'Loan',
        pluralName: 'Loans',
        fields: [field('loan-tool', 'Tool', 'reference', { referenceEntityId: 'tool' })],
        statusFieldId: null,
        sourceFactIds: [],
      },
    ],
    views: [
      {
        id: 'tools',
        kind: 'table',
        title: 'Tools',
        entityId: 'tool',
        groupByFieldId: null,
        dateFieldId: null,
        filter: null,
        aggregate: null,
        sourceFactIds: [],
      },
    ],
  };
}

/** A structural copy to edit, as the Blueprint tab sends one. */
const edited = (change: (blueprint: Blueprint) => void): Blueprint => {
  const copy = structuredClone(toolsBlueprint());
  change(copy);
  return copy;
};
const tool = (blueprint: Blueprint) => blueprint.entities[0] as Blueprint['entities'][number];
const descriptions = (after: Blueprint) => diffBlueprint(toolsBlueprint(), after).map((c) => c.description);

describe('diffBlueprint', () => {
  it('finds nothing between a blueprint and its copy', () => {
    expect(diffBlueprint(toolsBlueprint(), structuredClone(toolsBlueprint()))).toEqual([]);
  });

  it('names a field rename with its entity, keeping the field id', () => {
    const after = edited((bp) => {
      const condition = tool(bp).fields[1] as Field;
      condition.name = 'State';
    });
    const [change, ...rest] = diffBlueprint(toolsBlueprint(), after);
    expect(rest).toEqual([]);
    expect(change).toMatchObject({
      kind: 'rename',
      target: 'field',
      entityId: 'tool',
      fieldId: 'tool-condition',
      before: 'Condition',
      after: 'State',
      description: 'Renamed field Condition to State on Tool',
    });
  });

  it('describes an added field with its type, a removed one, and a type change', () => {
    expect(
      descriptions(
        edited((bp) => {
          (bp.entities[1] as Blueprint['entities'][number]).fields.push(
            field('loan-due', 'Due Date', 'date'),
          );
        }),
      ),
    ).toEqual(['Added field Due Date (date) to Loan']);
    expect(descriptions(edited((bp) => void tool(bp).fields.splice(1, 1)))).toEqual([
      'Removed field Condition from Tool',
    ]);
    expect(
      descriptions(
        edited((bp) => {
          const name = tool(bp).fields[0] as Field;
          name.type = 'longText';
        }),
      ),
    ).toEqual(['Changed Name on Tool from text to long text']);
  });

  it('tells an option renamed in place from options added and removed', () => {
    const withOptions = (options: string[]) =>
      descriptions(
        edited((bp) => {
          (tool(bp).fields[1] as Field).options = options;
        }),
      );
    expect(withOptions(['Good', 'Used', 'Broken'])).toEqual([
      'Renamed option Worn to Used in Condition on Tool',
    ]);
    expect(withOptions(['Good', 'Worn', 'Broken', 'Lost'])).toEqual([
      'Added option Lost to Condition on Tool',
    ]);
    expect(withOptions(['Good', 'Broken'])).toEqual(['Removed option Worn from Condition on Tool']);
    expect(withOptions(['Broken', 'Worn', 'Good'])).toEqual([
      'Put the options of Condition on Tool in the order Broken, Worn, Good',
    ]);
  });

  it('reports entities and views added, renamed and removed, and audience and sharing', () => {
    const after = edited((bp) => {
      tool(bp).name = 'Equipment';
      tool(bp).pluralName = 'Equipment';
      bp.entities.push({
        id: 'member',
        name: 'Member',
        pluralName: 'Members',
        fields: [field('member-name', 'Name', 'text'), field('member-email', 'Email', 'email')],
        statusFieldId: null,
        sourceFactIds: [],
      });
      bp.entities.splice(1, 1);
      bp.views.push({
        id: 'by-condition',
        kind: 'board',
        title: 'By Condition',
        entityId: 'tool',
        groupByFieldId: 'tool-condition',
        dateFieldId: null,
        filter: null,
        aggregate: null,
        sourceFactIds: [],
      });
      bp.audience = [{ name: 'Staff', sourceFactIds: [] }];
      bp.sharing = 'private';
    });
    expect(diffBlueprint(toolsBlueprint(), after).map((change) => change.description)).toEqual([
      'Renamed entity Tool to Equipment',
      'Added entity Member with Name (text), Email (email)',
      'Removed entity Loan',
      'Added board By Condition of Equipment, grouped by Condition',
      'Used by Staff',
      'Not used by Members',
      'Each person keeps their own data',
    ]);
  });

  it('from nothing, everything is an addition', () => {
    const changes = diffBlueprint(null, toolsBlueprint());
    expect(changes.map((change) => `${change.kind} ${change.target}`)).toEqual([
      'add entity',
      'add entity',
      'add view',
      'add audience',
    ]);
    expect(changes[1]?.description).toBe('Added entity Loan with Tool (reference to Tool)');
  });
});

describe('recordBlueprintEdit', () => {
  const ids = () => {
    let next = 0;
    return () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;
  };

  it('records one edit fact per change and points the edited element at it, keeping its sources', () => {
    const next = edited((bp) => {
      (tool(bp).fields[1] as Field).name = 'State';
      (bp.entities[1] as Blueprint['entities'][number]).fields.push(field('loan-due', 'Due Date', 'date'));
    });
    const edit = recordBlueprintEdit({ previous: toolsBlueprint(), next, newId: ids() });
    expect(edit.facts.map((fact) => [fact.text, fact.source.kind, fact.kind])).toEqual([
      ['Renamed field Condition to State on Tool', 'edit', 'requirement'],
      ['Added field Due Date (date) to Loan', 'edit', 'requirement'],
    ]);
    const [renameFact, addFact] = edit.facts;
    const state = tool(edit.blueprint).fields[1];
    expect(state?.sourceFactIds).toEqual(['f-request', renameFact?.id]);
    expect(tool(edit.blueprint).fields[0]?.sourceFactIds).toEqual(['f-request']);
    expect(edit.blueprint.entities[1]?.fields[1]?.sourceFactIds).toEqual([addFact?.id]);
  });

  it('ignores provenance the client sent: unchanged elements keep the stored sources', () => {
    const next = edited((bp) => {
      (tool(bp).fields[0] as Field).sourceFactIds = ['forged'];
      tool(bp).sourceFactIds = [];
    });
    const edit = recordBlueprintEdit({ previous: toolsBlueprint(), next, newId: ids() });
    expect(edit.changes).toEqual([]);
    expect(edit.blueprint).toEqual(toolsBlueprint());
  });

  it('a removed field leaves its record on the entity', () => {
    const next = edited((bp) => void tool(bp).fields.splice(1, 1));
    const edit = recordBlueprintEdit({ previous: toolsBlueprint(), next, newId: ids() });
    expect(tool(edit.blueprint).sourceFactIds).toEqual(['f-request', edit.facts[0]?.id]);
  });
});
