import type { AppFile } from '@app/core';

const lines = (...text: string[]) => `${text.join('\n')}\n`;

/**
 * What the stand-in model writes for a build whose blueprint left requirements out: an Overview
 * screen (records per kind, and per status where there is a workflow) and a "move to the next
 * status" action — the size and shape of custom code a model writes through the extension points
 * (three files, ≈ 3 KB). It reads the ids from the app's own blueprint module, so it fits any
 * blueprint.
 */
export function standInCustomFiles(): AppFile[] {
  return [
    {
      path: 'src/custom/Overview.tsx',
      content: lines(
        "import type { ExtensionData } from '../extensions';",
        "import type { AppEntity } from '../schema';",
        '',
        '/** Records per kind and, for a workflow, per status: where things stand at a glance. */',
        'export function Overview({ data }: { data: ExtensionData }) {',
        '  return (',
        '    <div className="list" data-testid="overview">',
        '      {data.blueprint.entities.map((entity) => (',
        '        <EntitySummary key={entity.id} entity={entity} data={data} />',
        '      ))}',
        '    </div>',
        '  );',
        '}',
        '',
        'function EntitySummary({ entity, data }: { entity: AppEntity; data: ExtensionData }) {',
        '  const records = data.records(entity.id);',
        '  const status = entity.fields.find((field) => field.id === entity.statusFieldId);',
        '  return (',
        '    <article className="record-card">',
        '      <h3>',
        '        {entity.pluralName} <span className="count">{records.length}</span>',
        '      </h3>',
        '      {status ? (',
        '        <dl className="card-fields">',
        '          {status.options.map((option) => (',
        '            <div key={option}>',
        '              <dt>{option}</dt>',
        '              <dd>{records.filter((record) => record.values[status.id] === option).length}</dd>',
        '            </div>',
        '          ))}',
        '        </dl>',
        '      ) : null}',
        '    </article>',
        '  );',
        '}',
      ),
    },
    {
      path: 'src/custom/advance-status.ts',
      content: lines(
        "import type { RecordAction } from '../extensions';",
        "import type { AppEntity } from '../schema';",
        '',
        '/** Moves a record one status along its workflow; the last status stays where it is. */',
        'export function advanceStatus(entity: AppEntity): RecordAction | null {',
        '  const status = entity.fields.find((field) => field.id === entity.statusFieldId);',
        '  if (!status || status.options.length < 2) return null;',
        '  return {',
        "    id: 'advance-' + entity.id,",
        "    label: 'Next ' + status.name,",
        '    entityId: entity.id,',
        '    async run(record, data) {',
        '      const current = record.values[status.id];',
        '      const next = status.options[status.options.indexOf(String(current)) + 1];',
        "      if (next === undefined) return data.notify(status.name + ' is already ' + String(current));",
        '      await data.update(entity.id, record.id, { [status.id]: next });',
        "      data.notify(status.name + ': ' + next);",
        '    },',
        '  };',
        '}',
      ),
    },
    {
      path: 'src/custom/index.ts',
      content: lines(
        "import { blueprint } from '../blueprint-data';",
        "import type { Extensions, RecordAction } from '../extensions';",
        "import { advanceStatus } from './advance-status';",
        "import { Overview } from './Overview';",
        '',
        '/** What the blueprint could not say: an overview screen and a workflow step per status field. */',
        'const actions = blueprint.entities',
        '  .map(advanceStatus)',
        '  .filter((action): action is RecordAction => action !== null);',
        '',
        'export const extensions: Extensions = {',
        "  views: [{ id: 'overview', title: 'Overview', component: Overview }],",
        '  actions,',
        '};',
      ),
    },
  ];
}
