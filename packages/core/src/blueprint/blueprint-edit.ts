import type { Fact, FactKind, FactTopic } from '../ledger.ts';
import type { Blueprint } from './blueprint.ts';
import { type BlueprintChange, diffBlueprint } from './diff-blueprint.ts';
import { nameKey } from './validate-blueprint.ts';

/** A person's edit of the blueprint, ready to store: the design, the `edit` facts, what changed. */
export interface BlueprintEdit {
  blueprint: Blueprint;
  /** One `edit` fact per change, in the diff's order: the ledger's record of what the person did. */
  facts: Fact[];
  changes: BlueprintChange[];
}

/**
 * Turns an edited blueprint into what is stored (`jobs.updateBlueprint`). Provenance is the
 * server's, never the client's: every element keeps the `sourceFactIds` it had in `previous`
 * (matched by id; audience by name), a new element starts with none, and each element a change
 * lands on also points at that change's new fact — so "from your request" stays and "your edit" is
 * added, and a client cannot claim a fact it did not cause.
 */
export function recordBlueprintEdit(input: {
  previous: Blueprint | null;
  next: Blueprint;
  newId: () => string;
}): BlueprintEdit {
  const { previous, next } = input;
  const changes = diffBlueprint(previous, next);
  const facts = changes.map((change) => editFact(change, input.newId()));

  const factsOn = new Map<string, string[]>();
  const mark = (key: string, factId: string) => factsOn.set(key, [...(factsOn.get(key) ?? []), factId]);
  changes.forEach((change, index) => {
    const factId = facts[index]?.id;
    if (!factId) return;
    if (change.target === 'audience' && change.after) mark(`audience:${nameKey(change.after)}`, factId);
    else if (change.target === 'sharing') mark('sharing', factId);
    else if (change.viewId) {
      if (change.kind !== 'remove') mark(`view:${change.viewId}`, factId);
    } else if (change.fieldId && change.entityId) {
      // A removed field is gone: its entity carries the record of the removal.
      if (change.kind === 'remove' && change.target === 'field') mark(`entity:${change.entityId}`, factId);
      else mark(`field:${change.entityId}/${change.fieldId}`, factId);
    } else if (change.entityId && change.kind !== 'remove') {
      mark(`entity:${change.entityId}`, factId);
      // A new entity's fields came with it.
      if (change.kind === 'add')
        for (const field of next.entities.find((entity) => entity.id === change.entityId)?.fields ?? [])
          mark(`field:${change.entityId}/${field.id}`, factId);
    }
  });

  const oldEntities = new Map((previous?.entities ?? []).map((entity) => [entity.id, entity]));
  const oldViews = new Map((previous?.views ?? []).map((view) => [view.id, view]));
  const oldAudience = new Map((previous?.audience ?? []).map((entry) => [nameKey(entry.name), entry]));
  const sources = (kept: readonly string[] | undefined, key: string) => [
    ...new Set([...(kept ?? []), ...(factsOn.get(key) ?? [])]),
  ];
  const blueprint: Blueprint = {
    ...next,
    sharingSourceFactIds: sources(previous?.sharingSourceFactIds, 'sharing'),
    audience: next.audience.map((entry) => ({
      ...entry,
      sourceFactIds: sources(
        oldAudience.get(nameKey(entry.name))?.sourceFactIds,
        `audience:${nameKey(entry.name)}`,
      ),
    })),
    entities: next.entities.map((entity) => {
      const old = oldEntities.get(entity.id);
      return {
        ...entity,
        sourceFactIds: sources(old?.sourceFactIds, `entity:${entity.id}`),
        fields: entity.fields.map((field) => ({
          ...field,
          sourceFactIds: sources(
            old?.fields.find((candidate) => candidate.id === field.id)?.sourceFactIds,
            `field:${entity.id}/${field.id}`,
          ),
        })),
      };
    }),
    views: next.views.map((view) => ({
      ...view,
      sourceFactIds: sources(oldViews.get(view.id)?.sourceFactIds, `view:${view.id}`),
    })),
  };
  return { blueprint, facts, changes };
}

function editFact(change: BlueprintChange, id: string): Fact {
  return {
    id,
    kind: factKindOf(change),
    text: change.description,
    source: { kind: 'edit' },
    topic: topicOf(change),
  };
}

function factKindOf(change: BlueprintChange): FactKind {
  return change.target === 'view' ? 'ui' : change.target === 'title' ? 'goal' : 'requirement';
}

function topicOf(change: BlueprintChange): FactTopic {
  switch (change.target) {
    case 'entity':
      return 'records';
    case 'field':
    case 'option':
      return 'fields';
    case 'view':
      return 'views';
    case 'title':
      return 'purpose';
    case 'audience':
      return 'audience';
    case 'sharing':
      return 'sharing';
  }
}
